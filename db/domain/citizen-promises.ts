/**
 * Medborgarlöften: the pure rules of a löfte's activity and follow-up (what a form may hold), shared by the
 * verbs in db/queries/citizen-promises.ts and the forms that post to them.
 */
import { isCalendarDate } from "./action-plan-rows";
import { actionRowStatuses, ragMarks, type ActionRowStatus, type RagMark } from "./enums";

export const MAX_ACTIVITY_TITLE_LENGTH = 300;
export const MAX_FOLLOW_UP_COMMENT_LENGTH = 2000;

/** The agreement's register of medborgarlöften for a year. */
export function citizenPromisesPath(slug: string, year?: number): string {
  return `/overenskommelser/${slug}/medborgarloften${year === undefined ? "" : `?ar=${year}`}`;
}

export interface ActivityInput {
  title: string;
  responsiblePersonId: number | null;
  startsOn: string;
  endsOn: string;
}

export interface CheckedActivity {
  title: string;
  responsiblePersonId: number | null;
  startsOn: string | null;
  endsOn: string | null;
}

/** The activity as stored (empty dates as null), or the first broken rule with its field. */
export function checkActivity(input: ActivityInput): { ok: true; activity: CheckedActivity } | { ok: false; field: string; message: string } {
  const title = input.title.trim();
  if (!title) return { ok: false, field: "title", message: "Skriv vad aktiviteten är." };
  if (title.length > MAX_ACTIVITY_TITLE_LENGTH)
    return { ok: false, field: "title", message: `Aktiviteten får vara högst ${MAX_ACTIVITY_TITLE_LENGTH} tecken.` };
  const startsOn = input.startsOn.trim();
  const endsOn = input.endsOn.trim();
  if (startsOn && !isCalendarDate(startsOn)) return { ok: false, field: "startsOn", message: "Skriv startdatum som ÅÅÅÅ-MM-DD." };
  if (endsOn && !isCalendarDate(endsOn)) return { ok: false, field: "endsOn", message: "Skriv slutdatum som ÅÅÅÅ-MM-DD." };
  if (startsOn && endsOn && endsOn < startsOn) return { ok: false, field: "endsOn", message: "Slutdatum kan inte vara före startdatum." };
  return { ok: true, activity: { title, responsiblePersonId: input.responsiblePersonId, startsOn: startsOn || null, endsOn: endsOn || null } };
}

export interface FollowUpInput {
  status: string;
  rag: string;
  comment: string;
}

/** A follow-up's status, RAG mark ("" = no assessment) and comment, or the first broken rule with its field. */
export function checkFollowUp(
  input: FollowUpInput,
): { ok: true; followUp: { status: ActionRowStatus; rag: RagMark | null; comment: string } } | { ok: false; field: string; message: string } {
  const status = actionRowStatuses.find((s) => s === input.status);
  if (!status) return { ok: false, field: "status", message: "Välj en status." };
  const rag = input.rag === "" ? null : ragMarks.find((r) => r === input.rag);
  if (rag === undefined) return { ok: false, field: "rag", message: "Välj en bedömning av målet." };
  const comment = input.comment.trim();
  if (comment.length > MAX_FOLLOW_UP_COMMENT_LENGTH)
    return { ok: false, field: "comment", message: `Kommentaren får vara högst ${MAX_FOLLOW_UP_COMMENT_LENGTH} tecken.` };
  return { ok: true, followUp: { status, rag, comment } };
}

/** Done or stopped: no longer followed up at the styrgrupp's meetings. */
export function isClosedActivityStatus(status: ActionRowStatus | null): boolean {
  return status === "genomford" || status === "stoppad";
}
