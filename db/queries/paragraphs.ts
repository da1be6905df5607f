/**
 * The §§ of a group's record. Every ärende dealt with at a meeting is a §,
 * numbered consecutively per group and Stockholm calendar year in the order
 * dealt with. The agenda is the order of dealing: when the chair deals with an
 * ärende (adopts its decision, marks it behandlat, bordlagt or utgår), every
 * earlier ärende without a § gets its § first, and ending the meeting numbers
 * the rest. A § is permanent: its ärende can no longer move or be removed. Its
 * outcome may change while the meeting runs, until a bordlagt or struck ärende
 * has moved on to the next meeting.
 */
import { and, asc, eq, max } from "drizzle-orm";
import { type Db, writeTransaction } from "../client";
import { liveEvents } from "../live-events";
import { agendaItems, decisions, meetings, paragraphs, type ParagraphOutcome } from "../schema";
import { nowIso } from "../time";
import { stockholmYear } from "../domain/stockholm-time";
import { appendAudit } from "./audit";
import { groupChairs } from "./meeting-chair";
import { ConflictError, NotFoundError } from "./errors";
import { assertRecordOpen, requireRunning } from "./meeting-rights";
import type { Viewer } from "./sessions";

/** Outcomes that move the ärende on to the group's next meeting. */
export const outcomesMovingOn = ["bordlagt", "utgar"] as const satisfies readonly ParagraphOutcome[];
const movesOn: ReadonlySet<ParagraphOutcome> = new Set(outcomesMovingOn);

export function movesToNextMeeting(outcome: ParagraphOutcome): boolean {
  return movesOn.has(outcome);
}

type Paragraph = typeof paragraphs.$inferSelect;

/**
 * The chair leading the meeting: who chaired a § is recorded with it. Groups led
 * jointly name the leading chair on the meeting; otherwise it is the group's one ordförande.
 */
function leadingChair(tx: Db, meeting: { chairedBy: number | null; groupId: number }): number | null {
  if (meeting.chairedBy !== null) return meeting.chairedBy;
  const chairs = groupChairs(tx, meeting.groupId);
  return chairs.length === 1 ? chairs[0].personId : null;
}

/**
 * Gives a § to every ärende of the meeting without one, in agenda order, up to and
 * including `throughItemId` (all of them when null). Call inside a write transaction:
 * the numbering reads the group's last § and must not race another.
 */
export function numberParagraphsThrough(tx: Db, meetingId: number, throughItemId: number | null, now: Date): void {
  const meeting = tx.select().from(meetings).where(eq(meetings.id, meetingId)).get();
  if (!meeting) throw new NotFoundError();
  const items = tx
    .select({ id: agendaItems.id, paragraphId: paragraphs.id })
    .from(agendaItems)
    .leftJoin(paragraphs, eq(paragraphs.agendaItemId, agendaItems.id))
    .where(eq(agendaItems.meetingId, meetingId))
    .orderBy(asc(agendaItems.position))
    .all();
  const end = throughItemId === null ? items.length : items.findIndex((item) => item.id === throughItemId) + 1;
  const unnumbered = items.slice(0, end).filter((item) => item.paragraphId === null);
  if (unnumbered.length === 0) return;
  // A meeting's §§ share the year it started in, also past midnight on New Year's Eve.
  const year = stockholmYear(meeting.startedAt ?? nowIso(now));
  const last = tx
    .select({ n: max(paragraphs.number) })
    .from(paragraphs)
    .where(and(eq(paragraphs.groupId, meeting.groupId), eq(paragraphs.year, year)))
    .get();
  let number = last?.n ?? 0;
  const chairedBy = leadingChair(tx, meeting);
  for (const item of unnumbered) {
    number += 1;
    tx.insert(paragraphs)
      .values({ groupId: meeting.groupId, year, number, meetingId, agendaItemId: item.id, chairedBy, dealtAt: nowIso(now) })
      .run();
  }
  appendAudit(
    tx,
    {
      actorId: null,
      action: "paragraphs.numbered",
      subject: `meeting:${meetingId}`,
      payload: { year, from: number - unnumbered.length + 1, to: number, itemIds: unnumbered.map((i) => i.id) },
    },
    now,
  );
}

/** The § of an ärende, or undefined while it has none. */
export function paragraphOf(db: Db, agendaItemId: number): Paragraph | undefined {
  return db.select().from(paragraphs).where(eq(paragraphs.agendaItemId, agendaItemId)).get();
}

/**
 * The chair or secretary deals with an ärende while the meeting runs: it gets its § (and so
 * do the ärenden before it) with this outcome. "bordlagt" and "utgar" move it to the next
 * meeting when this one ends; an ärende with a decision was dealt with and stays "behandlat".
 */
export function dealWithItem(db: Db, viewer: Viewer, itemId: number, outcome: ParagraphOutcome, now = new Date()): Paragraph {
  const item = db.select().from(agendaItems).where(eq(agendaItems.id, itemId)).get();
  if (!item) throw new NotFoundError();
  const context = requireRunning(db, viewer, item.meetingId);
  const paragraph = writeTransaction(db, (tx) => {
    assertRecordOpen(tx, item.meetingId);
    const { status } = tx.select({ status: meetings.status }).from(meetings).where(eq(meetings.id, item.meetingId)).get()!;
    if (status !== "pagar") throw new ConflictError("Ärenden behandlas medan mötet pågår.");
    const decided = tx.select({ id: decisions.id }).from(decisions).where(eq(decisions.agendaItemId, itemId)).get();
    if (decided && outcome !== "behandlat") throw new ConflictError("Ärendet har ett beslut och kan inte bordläggas eller utgå.");
    if (carriedOnward(tx, itemId)) throw new ConflictError("Ärendet är redan flyttat till nästa möte.");
    numberParagraphsThrough(tx, item.meetingId, itemId, now);
    const before = paragraphOf(tx, itemId)!;
    if (before.outcome !== outcome) {
      tx.update(paragraphs).set({ outcome }).where(eq(paragraphs.id, before.id)).run();
      appendAudit(
        tx,
        {
          actorId: viewer.id,
          action: "paragraph.outcome",
          subject: `meeting:${item.meetingId}`,
          payload: { itemId, number: before.number, year: before.year, from: before.outcome, to: outcome, groupId: context.groupId },
        },
        now,
      );
    }
    return paragraphOf(tx, itemId)!;
  });
  liveEvents().emit("meetingChanged", item.meetingId);
  return paragraph;
}

/** Whether an ärende has been moved on to a later meeting (a copy there points back at it). */
export function carriedOnward(tx: Db, itemId: number): boolean {
  return tx.select({ id: agendaItems.id }).from(agendaItems).where(eq(agendaItems.carriedFromId, itemId)).get() !== undefined;
}

/** The §§ given at a meeting, keyed by ärende. */
export function paragraphsOfMeeting(db: Db, meetingId: number): Map<number, Paragraph> {
  const rows = db.select().from(paragraphs).where(eq(paragraphs.meetingId, meetingId)).orderBy(asc(paragraphs.number)).all();
  return new Map(rows.map((row) => [row.agendaItemId, row]));
}
