import { getDb } from "../../db/client";
import type { Viewer } from "../../db/queries/sessions";
import * as versions from "../../db/queries/versions";
import { namedPlanRows, type VersionPlanRow } from "../../db/queries/action-plans";
export type { NamedPlanRow } from "../../db/queries/action-plans";
import { responsibleLine, type VersionActivity } from "../../db/queries/communication-plans";
import type { PlanKind } from "../../db/queries/continuing-plans";
import { NotFoundError } from "../../db/queries/errors";
import { z } from "zod";
import { notFound, requireParam } from "../utils/http.server";
import { IdSchema, SlugSchema } from "../utils/validation";
import { CONFIRM_FIELD, CONFIRM_VALUE } from "../utils/confirmation";
import type { FieldErrors } from "../utils/forms";
import { fieldErrorsFrom } from "./domain-errors.server";
import { dataChanges, diffColumns } from "./version-compare.server";

/**
 * What a versions page is about, from its URL: a lägesbild (agreement and year), an åtgärdsplan or a
 * kommunikationsplan (agreement). The same pages, verbs and components serve all three.
 */
export type VersionedRoute = { kind: "lagesbild"; slug: string; year: number } | { kind: PlanKind; slug: string };

const YearSchema = z.coerce.number().int().min(2000).max(2100);

/** The lägesbild in a versions page's URL (404 when malformed). */
export function lagesbildVersionsRoute(params: { slug?: string; year?: string }): VersionedRoute {
  return { kind: "lagesbild", slug: requireParam(SlugSchema, params.slug), year: requireParam(YearSchema, params.year) };
}

/** The åtgärdsplan or kommunikationsplan in a versions page's URL (404 when malformed). */
export function planVersionsRoute(params: { slug?: string }, kind: PlanKind = "atgardsplan"): VersionedRoute {
  return { kind, slug: requireParam(SlugSchema, params.slug) };
}

/** The subject with its versions, created the first time as its page does; null: 404. */
function subjectPage(viewer: Viewer, about: VersionedRoute) {
  const db = getDb();
  return about.kind === "lagesbild"
    ? versions.lagesbildVersionsPage(db, viewer, about.slug, about.year)
    : versions.planVersionsPage(db, viewer, about.kind, about.slug);
}

/** The two versions to compare (`?a=…&b=…`); anything else is no choice. Parsed here, on the server: a route
 * module's own top-level schema would put zod in the page's JavaScript. */
const CompareSchema = z.object({ a: IdSchema.optional().catch(undefined), b: IdSchema.optional().catch(undefined) });

/** The versions page of a lägesbild or åtgärdsplan: its versions, and the comparison of two when `a` and `b` are chosen. Null: 404. */
export function getVersionsPage(viewer: Viewer, about: VersionedRoute, search: URLSearchParams) {
  const compare = CompareSchema.parse({ a: search.get("a") ?? undefined, b: search.get("b") ?? undefined });
  const page = subjectPage(viewer, about);
  if (!page) return null;
  const ids = new Set(page.versions.map((v) => v.id));
  const comparison = compare.a && compare.b && ids.has(compare.a) && ids.has(compare.b) ? compareVersions(viewer, compare.a, compare.b) : null;
  return { agreement: page.agreement, about, mayEdit: page.mayEdit, versions: page.versions, comparison, chosen: compare };
}

/**
 * A version's data as the comparison reads it: a plan's rows with names for what they point at
 * and their title as the row's label (not a field of its own); a kommunikationsplan's activities
 * with "vem" as one field; a lägesbild's as stored.
 */
function comparedData(version: { subjectKind: string; data: string }): string {
  if (version.subjectKind === "kommunikationsplan") {
    const { activities = [] } = JSON.parse(version.data) as { activities?: VersionActivity[] };
    return JSON.stringify({
      activities: activities.map(({ id, what, audience, channel, timing, plannedOn, ...who }) => ({
        id,
        label: what,
        what,
        audience,
        channel,
        timing,
        plannedOn,
        responsible: responsibleLine(who),
      })),
    });
  }
  if (version.subjectKind !== "atgardsplan") return version.data;
  const { rows = [] } = JSON.parse(version.data) as { rows?: VersionPlanRow[] };
  return JSON.stringify({ rows: namedPlanRows(getDb(), rows).map(({ title, ...row }) => ({ ...row, label: title })) });
}

/**
 * Two versions side by side, text part by text part (matched by their live document, in the newer
 * one's order, parts only in the older one after), and the fields of their rows that differ (a
 * plan's rows added, removed and changed).
 */
function compareVersions(viewer: Viewer, aId: number, bId: number) {
  const db = getDb();
  const a = versions.getVersion(db, viewer, aId);
  const b = versions.getVersion(db, viewer, bId);
  const [oldText, newText] = [a.parts.filter(versions.isTextPart), b.parts.filter(versions.isTextPart)];
  const oldParts = new Map(oldText.map((p) => [p.documentName, p]));
  const newNames = new Set(newText.map((p) => p.documentName));
  const pairs = [
    ...newText.map((part) => ({ title: part.title, before: oldParts.get(part.documentName), after: part })),
    ...oldText.filter((part) => !newNames.has(part.documentName)).map((part) => ({ title: part.title, before: part, after: undefined })),
  ];
  return {
    before: { id: a.version.id, label: a.version.label, createdAt: a.version.createdAt },
    after: { id: b.version.id, label: b.version.label, createdAt: b.version.createdAt },
    parts: pairs.map(({ title, before, after }) => ({
      title,
      missingBefore: !before,
      missingAfter: !after,
      ...diffColumns(before?.plainText ?? "", after?.plainText ?? ""),
    })),
    fields: dataChanges(comparedData(a.version), comparedData(b.version)),
  };
}

/** One version of this lägesbild or åtgärdsplan (else 404), with "vem skrev vad" when asked for, and a plan's rows. */
export function getSubjectVersion(viewer: Viewer, about: VersionedRoute, versionId: number, withAuthors: boolean) {
  const db = getDb();
  const page = subjectPage(viewer, about);
  if (!page) return null;
  try {
    const { version, parts, mayEdit } = versions.getVersion(db, viewer, versionId);
    if (version.subjectKind !== page.subject.subjectKind || version.subjectId !== page.subject.subjectId) return null;
    const { rows, activities } = JSON.parse(version.data) as { rows?: VersionPlanRow[]; activities?: VersionActivity[] };
    return {
      agreement: page.agreement,
      about,
      mayEdit,
      version,
      parts: parts.filter(versions.isTextPart).map((p) => ({
        title: p.title,
        documentName: p.documentName,
        position: p.position,
        paragraphs: p.plainText.split("\n").filter((l) => l.trim()),
      })),
      rows: about.kind === "atgardsplan" ? namedPlanRows(db, rows ?? []) : null,
      activities: about.kind === "kommunikationsplan" ? (activities ?? []) : null,
      authorship: withAuthors ? versions.versionAuthorship(db, viewer, versionId) : null,
    };
  } catch (error) {
    if (error instanceof NotFoundError) return null;
    throw error;
  }
}

/** "Vem skrev vad" in the subject's live text now. Null: 404. */
export function getCurrentAuthorship(viewer: Viewer, about: VersionedRoute) {
  const page = subjectPage(viewer, about);
  if (!page) return null;
  return { agreement: page.agreement, about, authorship: versions.liveAuthorship(getDb(), viewer, page.subject) };
}

export type VersionActionResult = { ok: true; message: string; versionId?: number } | { ok: false; fieldErrors: FieldErrors; intent: string };

/** "Spara version" on the versions page. */
export function handleVersionsAction(viewer: Viewer, about: VersionedRoute, form: FormData): VersionActionResult {
  const page = subjectPage(viewer, about);
  if (!page) throw notFound();
  const intent = String(form.get("intent") ?? "");
  if (intent !== "save-version") return { ok: false, intent, fieldErrors: { form: "Okänd åtgärd." } };
  try {
    const version = versions.saveNamedVersion(getDb(), viewer, page.subject, String(form.get("label") ?? ""));
    return { ok: true, message: `Versionen ”${version.label}” är sparad.`, versionId: version.id };
  } catch (error) {
    return { ok: false, intent, fieldErrors: fieldErrorsFrom(error) };
  }
}

/**
 * "Återställ den här versionen", taken only with the confirmation the page asks for. A plan's rows
 * come back through restorePlanRows (restoreVersion's writer for the rows' Y.Doc), its notes as text.
 */
export async function handleVersionAction(viewer: Viewer, about: VersionedRoute, versionId: number, form: FormData): Promise<VersionActionResult> {
  const intent = String(form.get("intent") ?? "");
  if (!getSubjectVersion(viewer, about, versionId, false)) throw notFound();
  if (intent !== "restore") return { ok: false, intent, fieldErrors: { form: "Okänd åtgärd." } };
  if (form.get(CONFIRM_FIELD) !== CONFIRM_VALUE) return { ok: false, intent, fieldErrors: { [CONFIRM_FIELD]: "Bekräfta att versionen ska återställas." } };
  try {
    const restored = await versions.restoreVersion(getDb(), viewer, versionId);
    return { ok: true, message: `Versionen är återställd. Det återställda innehållet är sparat som ”${restored.label}”.`, versionId: restored.id };
  } catch (error) {
    return { ok: false, intent, fieldErrors: fieldErrorsFrom(error) };
  }
}
