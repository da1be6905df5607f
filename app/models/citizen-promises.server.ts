import { stockholmYear } from "../../db/domain/stockholm-time";
import { CONFIRM_FIELD, CONFIRM_VALUE } from "../utils/confirmation";
import type { FieldErrors } from "../utils/forms";
import { IdSchema } from "../utils/validation";
import { citizenPromisesQueries, db, type Viewer } from "./db.server";
import { fieldErrorsFrom } from "./domain-errors.server";

/** A post's answer; `target` names the form it came from (a löfte's or an activity's), so only that form shows the refusal. */
export type PromiseActionResult = { ok: true; message: string } | { ok: false; fieldErrors: FieldErrors; target: string | null };

const FIRST_YEAR = 2000;

/** The register's year from `?ar=` (this Stockholm year when absent), or null for anything that is not a plausible year. */
export function registerYear(ar: string | null, now = new Date()): number | null {
  const current = stockholmYear(now);
  if (ar === null || ar === "") return current;
  if (!/^\d{4}$/.test(ar)) return null;
  const year = Number(ar);
  return year >= FIRST_YEAR && year <= current + 1 ? year : null;
}

function text(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
}

function activityInput(form: FormData) {
  const responsible = IdSchema.safeParse(form.get("responsiblePersonId"));
  return {
    title: text(form, "title"),
    responsiblePersonId: responsible.success ? responsible.data : null,
    startsOn: text(form, "startsOn"),
    endsOn: text(form, "endsOn"),
  };
}

/** A follow-up post (status, RAG, comment) of the activity named in `activityId`; `meetingId` when posted from a styrgrupp meeting. */
export function reportFollowUpFromForm(viewer: Viewer, form: FormData, meetingId: number | null, now = new Date()): void {
  const activityId = IdSchema.safeParse(form.get("activityId"));
  if (!activityId.success) throw new Response("Ogiltig aktivitet.", { status: 400 });
  citizenPromisesQueries.reportPromiseFollowUp(
    db(),
    viewer,
    activityId.data,
    { status: text(form, "status"), rag: text(form, "rag"), comment: text(form, "comment"), meetingId },
    now,
  );
}

/**
 * The register page's posts, by intent: add, edit and remove an activity, and report a follow-up between
 * meetings. The verbs check the viewer (the styrgrupp's ordförande or sekreterare); a refusal becomes a
 * 404/403 or a message at its field.
 */
export function handleCitizenPromiseAction(viewer: Viewer, form: FormData, now = new Date()): PromiseActionResult {
  const decisionId = IdSchema.safeParse(form.get("decisionId")).data;
  const activityId = IdSchema.safeParse(form.get("activityId")).data;
  const target = activityId !== undefined ? `activity-${activityId}` : decisionId !== undefined ? `promise-${decisionId}` : null;
  const requireId = (id: number | undefined) => {
    if (id === undefined) throw new Response("Ogiltigt id.", { status: 400 });
    return id;
  };
  try {
    switch (text(form, "intent")) {
      case "add-activity":
        citizenPromisesQueries.addPromiseActivity(db(), viewer, requireId(decisionId), activityInput(form), now);
        return { ok: true, message: "Aktiviteten är tillagd." };
      case "edit-activity":
        citizenPromisesQueries.editPromiseActivity(db(), viewer, requireId(activityId), activityInput(form), now);
        return { ok: true, message: "Aktiviteten är ändrad." };
      case "remove-activity":
        if (form.get(CONFIRM_FIELD) !== CONFIRM_VALUE) return { ok: false, fieldErrors: { [CONFIRM_FIELD]: "Bekräfta att aktiviteten ska tas bort." }, target };
        citizenPromisesQueries.removePromiseActivity(db(), viewer, requireId(activityId), now);
        return { ok: true, message: "Aktiviteten är borttagen ur registret. Dess uppföljningar sparas." };
      case "report":
        reportFollowUpFromForm(viewer, form, null, now);
        return { ok: true, message: "Uppföljningen är rapporterad." };
      default:
        return { ok: false, fieldErrors: { form: "Okänd åtgärd." }, target: null };
    }
  } catch (error) {
    return { ok: false, fieldErrors: fieldErrorsFrom(error), target };
  }
}
