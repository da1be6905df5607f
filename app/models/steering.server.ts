import { getDb } from "../../db/client";
import type { Viewer } from "../../db/queries/sessions";
import { decidedVersionOfItems, handOver, mayReadVersion, putUpForDecision, steeringPanel, type SteeringSubject } from "../../db/queries/steering-documents";
import { canViewGroup } from "../../db/queries/access";
import { handedOverSection, putHandedOverOnAgenda } from "../../db/queries/handed-over";
import { archiveVersionPdf, versionPdf } from "../../server/steering/version-archive";
import { versionDocument } from "../../server/steering/version-data";
import { renderVersionDocx } from "../../server/steering/version-docx";
import { isProtocolRenderError } from "../../server/protocol/render-pool";
import { parseForm, type FieldErrors } from "../utils/forms";
import { IdSchema } from "../utils/validation";
import { fieldErrorsFrom, refusalFrom } from "./domain-errors.server";
import { z } from "zod";
import { CONFIRM_FIELD, CONFIRM_VALUE } from "../utils/confirmation";
import { ConflictError } from "../../db/queries/errors";
import { ensureSituationPicture } from "../../db/queries/lagesbild";
import { ensurePlan, type PlanKind } from "../../db/queries/continuing-plans";
import { agreements } from "../../db/schema";
import { eq } from "drizzle-orm";

/**
 * The lifecycle panel of an agreement's lägesbild for a year (created on first view, as the page does),
 * or null when the agreement is not a local one or the viewer may not read its lägesbild.
 */
export function lagesbildPanel(viewer: Viewer, slug: string, year: number) {
  const db = getDb();
  const agreement = db.select().from(agreements).where(eq(agreements.slug, slug)).get();
  if (!agreement || agreement.scope !== "local") return null;
  const picture = ensureSituationPicture(db, agreement.id, year, viewer.id);
  return steeringPanel(db, viewer, { kind: "lagesbild", id: picture.id });
}

/**
 * The lifecycle panel of an agreement's åtgärdsplan or kommunikationsplan (created on first view, as
 * the page does), or null when the agreement is not a local one. The caller has checked that the
 * viewer may read it.
 */
export function planPanel(viewer: Viewer, slug: string, kind: PlanKind = "atgardsplan") {
  const db = getDb();
  const agreement = db.select().from(agreements).where(eq(agreements.slug, slug)).get();
  if (!agreement || agreement.scope !== "local") return null;
  const plan = ensurePlan(db, kind, agreement.id, viewer.id);
  return steeringPanel(db, viewer, { kind, id: plan.id });
}

export { steeringPanel };

/** "Lagesbild 2026 - fastställd 2027-03-09.pdf": what the download is saved as. */
function fileName(versionId: number, extension: "pdf" | "docx"): string | null {
  const data = versionDocument(getDb(), versionId);
  if (!data) return null;
  return `${data.title} – ${data.agreementTitle} – version ${versionId}${data.demo ? " DEMO" : ""}.${extension}`;
}

/** A version's PDF/A for a viewer who may read it: a decided version's stored bytes as they are, any other rendered now. */
export async function versionPdfFor(viewer: Viewer, versionId: number): Promise<{ pdf: Buffer; fileName: string } | null> {
  const db = getDb();
  if (!mayReadVersion(db, viewer, versionId)) return null;
  const pdf = await versionPdf(db, versionId);
  const name = fileName(versionId, "pdf");
  return pdf && name ? { pdf, fileName: name } : null;
}

/** A version as DOCX for a viewer who may read it, made from the version's frozen content (never the live text). */
export async function versionDocxFor(viewer: Viewer, versionId: number): Promise<{ docx: Buffer; fileName: string } | null> {
  const db = getDb();
  if (!mayReadVersion(db, viewer, versionId)) return null;
  const data = versionDocument(db, versionId);
  const name = fileName(versionId, "docx");
  return data && name ? { docx: await renderVersionDocx(data), fileName: name } : null;
}

/**
 * After a decision under an ärende: when it fastställde a version, its PDF/A is archived now. The
 * decision stands whatever happens here; a render that fails is said, and done on the first download.
 */
export async function archiveDecidedVersionOf(agendaItemId: number): Promise<string | null> {
  const decided = decidedVersionOfItems(getDb(), [agendaItemId]).get(agendaItemId);
  if (!decided) return null;
  try {
    await archiveVersionPdf(getDb(), decided.versionId);
    return `Versionen ”${decided.label}” är fastställd och arkiverad som PDF/A.`;
  } catch (error) {
    if (!isProtocolRenderError(error)) throw error;
    return `Versionen ”${decided.label}” är fastställd. PDF-filen kunde inte skapas just nu; den skapas när någon hämtar den.`;
  }
}

/** "Överlämnade lägesbilder och åtgärdsplaner" on a group page the viewer may see. */
export function handedOverList(viewer: Viewer, groupId: number) {
  const db = getDb();
  return canViewGroup(db, viewer, groupId) ? handedOverSection(db, viewer, groupId) : { documents: [], mayPutOnAgenda: false, plannedMeetings: [] };
}

/** "Lägg på dagordningen" for a handed-over bilaga; the verb checks the rights (404/403 through fieldErrorsFrom). */
export function putHandedOverOnAgendaFromForm(
  viewer: Viewer,
  groupId: number,
  form: FormData,
): { ok: true; message: string } | { ok: false; fieldErrors: FieldErrors } {
  const versionId = IdSchema.safeParse(form.get("versionId"));
  const meetingId = IdSchema.safeParse(form.get("meetingId"));
  if (!versionId.success) return { ok: false, fieldErrors: { form: "Ogiltig bilaga." } };
  if (!meetingId.success) return { ok: false, fieldErrors: { meetingId: "Välj ett möte." } };
  try {
    putHandedOverOnAgenda(getDb(), viewer, groupId, versionId.data, meetingId.data);
    return { ok: true, message: "Bilagan är lagd på mötets dagordning." };
  } catch (error) {
    return { ok: false, fieldErrors: fieldErrorsFrom(error) };
  }
}

export type SteeringActionResult = { ok: true; message: string } | { ok: false; fieldErrors: FieldErrors; status: 200 | 404 };

const PutUpSchema = z.object({ meetingId: IdSchema });

/** The lifecycle panel's forms: "put-up" (on a chosen lokal styrgrupp meeting) and "hand-over". Null for other intents. */
export function handleSteeringAction(viewer: Viewer, subject: SteeringSubject, form: FormData): SteeringActionResult | null {
  const intent = String(form.get("intent") ?? "");
  if (intent !== "put-up" && intent !== "hand-over") return null;
  const db = getDb();
  try {
    if (intent === "hand-over") {
      if (form.get(CONFIRM_FIELD) !== CONFIRM_VALUE) throw new ConflictError("Bekräfta att den fastställda versionen ska överlämnas.", CONFIRM_FIELD);
      handOver(db, viewer, subject);
      return { ok: true, message: "Överlämnad till den stadsövergripande beredningsgruppen." };
    }
    const parsed = parseForm(PutUpSchema, form);
    if (!parsed.ok) return { ok: false, fieldErrors: parsed.fieldErrors, status: 200 };
    const { label } = putUpForDecision(db, viewer, subject, parsed.data.meetingId);
    return { ok: true, message: `Lagd för beslut: ${label}.` };
  } catch (error) {
    return { ok: false, ...refusalFrom(error) };
  }
}
