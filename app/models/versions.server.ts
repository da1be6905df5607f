import { getDb } from "../../db/client";
import type { Viewer } from "../../db/queries/sessions";
import * as versions from "../../db/queries/versions";
import { NotFoundError } from "../../db/queries/errors";
import { z } from "zod";
import { notFound, requireParam } from "../utils/http.server";
import { IdSchema, SlugSchema } from "../utils/validation";
import { CONFIRM_FIELD, CONFIRM_VALUE } from "../utils/confirmation";
import type { FieldErrors } from "../utils/forms";
import { fieldErrorsFrom } from "./domain-errors.server";
import { dataChanges, diffColumns } from "./version-compare.server";

const YearSchema = z.coerce.number().int().min(2000).max(2100);

/** The agreement and year in a lägesbild page's URL (404 when malformed). */
export function lagesbildRouteParams(params: { slug?: string; year?: string }): { slug: string; year: number } {
  return { slug: requireParam(SlugSchema, params.slug), year: requireParam(YearSchema, params.year) };
}

/** The versions page of a lägesbild: its versions, and the comparison of two when `a` and `b` are chosen. Null: 404. */
/** The two versions to compare (`?a=…&b=…`); anything else is no choice. Parsed here, on the server: a route
 * module's own top-level schema would put zod in the page's JavaScript. */
const CompareSchema = z.object({ a: IdSchema.optional().catch(undefined), b: IdSchema.optional().catch(undefined) });

export function getLagesbildVersionsPage(viewer: Viewer, slug: string, year: number, search: URLSearchParams) {
  const compare = CompareSchema.parse({ a: search.get("a") ?? undefined, b: search.get("b") ?? undefined });
  const db = getDb();
  const page = versions.lagesbildVersionsPage(db, viewer, slug, year);
  if (!page) return null;
  const ids = new Set(page.versions.map((v) => v.id));
  const comparison = compare.a && compare.b && ids.has(compare.a) && ids.has(compare.b) ? compareVersions(viewer, compare.a, compare.b) : null;
  return { ...page, comparison, chosen: compare };
}

/**
 * Two versions side by side, part by part (matched by their live document, in the newer one's
 * order, parts only in the older one after), and the fields of their rows that differ.
 */
function compareVersions(viewer: Viewer, aId: number, bId: number) {
  const db = getDb();
  const a = versions.getVersion(db, viewer, aId);
  const b = versions.getVersion(db, viewer, bId);
  const oldParts = new Map(a.parts.map((p) => [p.documentName, p]));
  const newNames = new Set(b.parts.map((p) => p.documentName));
  const pairs = [
    ...b.parts.map((part) => ({ title: part.title, before: oldParts.get(part.documentName), after: part })),
    ...a.parts.filter((part) => !newNames.has(part.documentName)).map((part) => ({ title: part.title, before: part, after: undefined })),
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
    fields: dataChanges(a.version.data, b.version.data),
  };
}

/** One version of a lägesbild of this agreement and year (else 404), with "vem skrev vad" when asked for. */
export function getLagesbildVersion(viewer: Viewer, slug: string, year: number, versionId: number, withAuthors: boolean) {
  const db = getDb();
  const page = versions.lagesbildVersionsPage(db, viewer, slug, year);
  if (!page) return null;
  try {
    const { version, parts, mayEdit } = versions.getVersion(db, viewer, versionId);
    if (version.subjectKind !== page.subject.subjectKind || version.subjectId !== page.subject.subjectId) return null;
    return {
      agreement: page.agreement,
      year,
      mayEdit,
      version,
      parts: parts.map((p) => ({
        title: p.title,
        documentName: p.documentName,
        position: p.position,
        paragraphs: p.plainText.split("\n").filter((l) => l.trim()),
      })),
      authorship: withAuthors ? versions.versionAuthorship(db, viewer, versionId) : null,
    };
  } catch (error) {
    if (error instanceof NotFoundError) return null;
    throw error;
  }
}

/** "Vem skrev vad" in the lägesbild's live text now. Null: 404. */
export function getLagesbildCurrentAuthorship(viewer: Viewer, slug: string, year: number) {
  const db = getDb();
  const page = versions.lagesbildVersionsPage(db, viewer, slug, year);
  if (!page) return null;
  return { agreement: page.agreement, year, authorship: versions.liveAuthorship(db, viewer, page.subject) };
}

export type VersionActionResult = { ok: true; message: string; versionId?: number } | { ok: false; fieldErrors: FieldErrors; intent: string };

/** "Spara version" on the versions page. */
export function handleVersionsAction(viewer: Viewer, slug: string, year: number, form: FormData): VersionActionResult {
  const db = getDb();
  const page = versions.lagesbildVersionsPage(db, viewer, slug, year);
  if (!page) throw notFound();
  const intent = String(form.get("intent") ?? "");
  if (intent !== "save-version") return { ok: false, intent, fieldErrors: { form: "Okänd åtgärd." } };
  try {
    const version = versions.saveNamedVersion(db, viewer, page.subject, String(form.get("label") ?? ""));
    return { ok: true, message: `Versionen ”${version.label}” är sparad.`, versionId: version.id };
  } catch (error) {
    return { ok: false, intent, fieldErrors: fieldErrorsFrom(error) };
  }
}

/** "Återställ den här versionen", taken only with the confirmation the page asks for. */
export async function handleVersionAction(viewer: Viewer, slug: string, year: number, versionId: number, form: FormData): Promise<VersionActionResult> {
  const intent = String(form.get("intent") ?? "");
  if (!getLagesbildVersion(viewer, slug, year, versionId, false)) throw notFound();
  if (intent !== "restore") return { ok: false, intent, fieldErrors: { form: "Okänd åtgärd." } };
  if (form.get(CONFIRM_FIELD) !== CONFIRM_VALUE) return { ok: false, intent, fieldErrors: { [CONFIRM_FIELD]: "Bekräfta att versionen ska återställas." } };
  try {
    const restored = await versions.restoreVersion(getDb(), viewer, versionId);
    return { ok: true, message: `Versionen är återställd. Den återställda texten är sparad som ”${restored.label}”.`, versionId: restored.id };
  } catch (error) {
    return { ok: false, intent, fieldErrors: fieldErrorsFrom(error) };
  }
}
