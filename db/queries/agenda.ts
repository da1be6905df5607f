import { and, asc, eq, gt, gte, inArray, isNull, max } from "drizzle-orm";
import { paragraphLabel } from "../domain/labels";
import { type Db, writeTransaction } from "../client";
import { appendParagraphsOffline, readDocumentText } from "../documents/store";
import { actionItems, agendaItems, groups, meetings, memberships, paragraphs, people, type AgendaItemKind } from "../schema";
import { liveEvents } from "../live-events";
import { appendAudit } from "./audit";
import { ConflictError, ForbiddenError, NotFoundError } from "./errors";
import { requireEditing, type MeetingContext } from "./meeting-rights";
import { positionForNewItem } from "./agenda-order";
import { carriedOnward, outcomesMovingOn, paragraphOf } from "./paragraphs";
import type { Viewer } from "./sessions";
import { documentName } from "../domain/document-names";

export { FOLLOW_UP_TITLE } from "./standard-agenda";

/** The agenda of a meeting in order, with presenter names and the § of each ärende dealt with (null before). */
export function listAgendaItems(db: Db, meetingId: number) {
  const items = db
    .select({
      id: agendaItems.id,
      position: agendaItems.position,
      title: agendaItems.title,
      kind: agendaItems.kind,
      presenterId: agendaItems.presenterId,
      presenterName: people.name,
      carriedFromId: agendaItems.carriedFromId,
      createdBy: agendaItems.createdBy,
      preparedByGroupName: groups.name,
      reportId: agendaItems.reportId,
      receivedVersionId: agendaItems.receivedVersionId,
      paragraph: { number: paragraphs.number, year: paragraphs.year, outcome: paragraphs.outcome },
    })
    .from(agendaItems)
    .leftJoin(people, eq(people.id, agendaItems.presenterId))
    .leftJoin(groups, eq(groups.id, agendaItems.preparedByGroupId))
    .leftJoin(paragraphs, eq(paragraphs.agendaItemId, agendaItems.id))
    .where(eq(agendaItems.meetingId, meetingId))
    .orderBy(asc(agendaItems.position))
    .all();
  return items;
}

function assertPresenterIsMember(db: Db, groupId: number, presenterId: number | null) {
  if (presenterId === null) return;
  const member = db
    .select({ id: memberships.id })
    .from(memberships)
    .where(and(eq(memberships.groupId, groupId), eq(memberships.personId, presenterId)))
    .get();
  if (!member) throw new ConflictError("Föredraganden måste vara medlem i gruppen.", "presenterId");
}

export interface AgendaItemInput {
  title: string;
  kind: AgendaItemKind;
  presenterId: number | null;
  /** A lägesbild or åtgärdsplan version the ärende puts up for decision (set by the steering documents' verbs, and carried on). */
  versionId?: number | null;
  /** "Beredd av": the beredningsgrupp that prepared the ärende, and its own ärende it came from (set by prepareForSteering). */
  preparedByGroupId?: number | null;
  preparedFromItemId?: number | null;
  /** A report sent up the chain that the ärende puts before the meeting (set by putReportOnAgenda). */
  reportId?: number | null;
  /** A decided bilaga handed over to the group that the ärende deals with (set by putHandedOverOnAgenda). */
  receivedVersionId?: number | null;
}

/** The group's planned meetings from now on: where something received can be put on the agenda. */
export function upcomingPlannedMeetings(db: Db, groupId: number, now = new Date()) {
  return db
    .select({ id: meetings.id, title: meetings.title, startsAt: meetings.startsAt })
    .from(meetings)
    .where(and(eq(meetings.groupId, groupId), eq(meetings.status, "planerat"), gte(meetings.startsAt, now.toISOString())))
    .orderBy(asc(meetings.startsAt))
    .all();
}

/** Refuses a meeting that is not one of the group's planned meetings; `what` names what is being put on it ("Rapporten"). */
export function requirePlannedMeetingOf(tx: Db, groupId: number, meetingId: number, what: string): void {
  const meeting = tx.select({ groupId: meetings.groupId, status: meetings.status }).from(meetings).where(eq(meetings.id, meetingId)).get();
  if (!meeting || meeting.groupId !== groupId) throw new ConflictError("Välj ett av gruppens möten.", "meetingId");
  if (meeting.status !== "planerat") throw new ConflictError(`${what} kan bara läggas på ett planerat möte.`, "meetingId");
}

/**
 * Appends an item at the end of a meeting's agenda, without checking rights.
 * `actorId` is null when the system adds it (the standard agenda); it is recorded as who added the item.
 */
export function insertAgendaItem(
  db: Db,
  meetingId: number,
  input: AgendaItemInput,
  carriedFromId: number | null = null,
  actorId: number | null = null,
  now = new Date(),
): number {
  const id = writeTransaction(db, (tx) => {
    // The standard agenda is laid down in its own order; everything added later goes before its closing items.
    const addedLater = actorId !== null || carriedFromId !== null;
    const last = tx
      .select({ position: max(agendaItems.position) })
      .from(agendaItems)
      .where(eq(agendaItems.meetingId, meetingId))
      .get();
    const position = addedLater ? positionForNewItem(tx, meetingId) : (last?.position ?? 0) + 1;
    const itemId = tx
      .insert(agendaItems)
      .values({ meetingId, position, ...input, carriedFromId, createdBy: actorId })
      .returning({ id: agendaItems.id })
      .get().id;
    appendAudit(tx, { actorId, action: "agenda.item_added", subject: `meeting:${meetingId}`, payload: { itemId, ...input, carriedFromId } }, now);
    return itemId;
  });
  liveEvents().emit("meetingChanged", meetingId);
  return id;
}

export function addAgendaItem(db: Db, viewer: Viewer, meetingId: number, input: AgendaItemInput, now = new Date()): number {
  const context = requireEditing(db, viewer, meetingId);
  assertPresenterIsMember(db, context.groupId, input.presenterId);
  return insertAgendaItem(db, meetingId, input, null, viewer.id, now);
}

/** The item; a missing one is answered like one of a meeting the viewer may not see (the verbs' rights check does that). */
function itemOf(db: Db, itemId: number) {
  const item = db.select().from(agendaItems).where(eq(agendaItems.id, itemId)).get();
  if (!item) throw new NotFoundError();
  return item;
}

/**
 * Ledamöter may add ärenden, but the order of the agenda and what stays on it is the chair's and
 * secretary's: anyone else may move or remove only an item they added themselves.
 */
export function mayRearrangeItem(context: MeetingContext, viewer: Viewer, item: { createdBy: number | null }): boolean {
  return context.canEdit && (context.canRun || item.createdBy === viewer.id);
}

function requireRearranging(db: Db, viewer: Viewer, item: typeof agendaItems.$inferSelect): void {
  const context = requireEditing(db, viewer, item.meetingId);
  if (!mayRearrangeItem(context, viewer, item)) {
    throw new ForbiddenError("Endast ordförande och sekreterare kan flytta eller ta bort ärenden som någon annan har lagt till.");
  }
}

/**
 * Moves an item one step up or down by swapping places with its neighbour. The agenda's order is
 * the order the ärenden are dealt with: one that has its § stays where it was dealt with, and
 * nothing moves in front of it.
 */
export function moveAgendaItem(db: Db, viewer: Viewer, itemId: number, direction: "up" | "down", now = new Date()): void {
  const item = itemOf(db, itemId);
  requireRearranging(db, viewer, item);
  writeTransaction(db, (tx) => {
    assertNotDealtWith(tx, itemId, "flyttas");
    const items = tx.select().from(agendaItems).where(eq(agendaItems.meetingId, item.meetingId)).orderBy(asc(agendaItems.position)).all();
    const index = items.findIndex((i) => i.id === itemId);
    const other = items[direction === "up" ? index - 1 : index + 1];
    if (!other) return;
    if (paragraphOf(tx, other.id)) throw new ConflictError("Ärendet kan inte flyttas före ett ärende som redan är behandlat.");
    tx.update(agendaItems).set({ position: other.position }).where(eq(agendaItems.id, item.id)).run();
    tx.update(agendaItems).set({ position: items[index].position }).where(eq(agendaItems.id, other.id)).run();
    // Places on the agenda as people count them, from 1.
    const to = direction === "up" ? index : index + 2;
    appendAudit(
      tx,
      { actorId: viewer.id, action: "agenda.item_moved", subject: `meeting:${item.meetingId}`, payload: { itemId, title: item.title, from: index + 1, to } },
      now,
    );
  });
  liveEvents().emit("meetingChanged", item.meetingId);
}

export function removeAgendaItem(db: Db, viewer: Viewer, itemId: number, now = new Date()): void {
  const item = itemOf(db, itemId);
  requireRearranging(db, viewer, item);
  const tasked = db.select({ id: actionItems.id }).from(actionItems).where(eq(actionItems.agendaItemId, itemId)).get();
  if (tasked) throw new ConflictError("Ärendet har uppdrag och kan inte tas bort.");
  // The version put up under it points back at it; what becomes of it is decided at the meeting (fastställd or återförvisad).
  if (item.versionId !== null)
    throw new ConflictError("Ärendet lägger en version för beslut och kan inte tas bort. Styrgruppen fastställer eller återförvisar den.");
  writeTransaction(db, (tx) => {
    // A § (and any decision under it) is part of the record for good.
    assertNotDealtWith(tx, itemId, "tas bort");
    // Its live documents would be out of reach with it: nobody loses text to one click. Checked
    // inside the write transaction, so no edit can be committed between the check and the removal.
    const kinds = ["agenda_item_notes", "decision_text"] as const;
    // Same connection: read inside this transaction.
    const written = kinds.some((kind) => readDocumentText(db, documentName({ kind, agendaItemId: itemId })).trim() !== "");
    if (written) throw new ConflictError("Ärendet har anteckningar eller ett förslag till beslut. Töm texten först om ärendet ska tas bort.");
    tx.delete(agendaItems).where(eq(agendaItems.id, itemId)).run();
    appendAudit(tx, { actorId: viewer.id, action: "agenda.item_removed", subject: `meeting:${item.meetingId}`, payload: { itemId, title: item.title } }, now);
  });
  liveEvents().emit("meetingChanged", item.meetingId);
}

/** Refuses to move or remove an ärende that has its §: it was dealt with where it stands. */
function assertNotDealtWith(tx: Db, itemId: number, verb: "flyttas" | "tas bort"): void {
  const paragraph = paragraphOf(tx, itemId);
  if (paragraph) throw new ConflictError(`Ärendet är behandlat som ${paragraphLabel(paragraph.number, paragraph.year)} och kan inte ${verb}.`);
}

/**
 * Moves the group's bordlagda and struck ärenden that have not moved yet onto its next planned
 * meeting (the earliest planned one starting after the meeting they were dealt with at), before
 * its closing items (see agenda-order.ts) with a link back. Called when a meeting ends and when
 * one is called, so an ärende waits for the next meeting even when none was planned yet. Inside a
 * write transaction. Returns the meetings that received ärenden.
 */
export function carryPostponedItems(tx: Db, groupId: number, now: Date): number[] {
  const waiting = tx
    .select({
      itemId: agendaItems.id,
      title: agendaItems.title,
      kind: agendaItems.kind,
      presenterId: agendaItems.presenterId,
      versionId: agendaItems.versionId,
      reportId: agendaItems.reportId,
      receivedVersionId: agendaItems.receivedVersionId,
      startsAt: meetings.startsAt,
    })
    .from(paragraphs)
    .innerJoin(agendaItems, eq(agendaItems.id, paragraphs.agendaItemId))
    .innerJoin(meetings, eq(meetings.id, paragraphs.meetingId))
    .where(and(eq(paragraphs.groupId, groupId), inArray(paragraphs.outcome, outcomesMovingOn), inArray(meetings.status, ["avslutat", "justerat"])))
    .orderBy(asc(paragraphs.year), asc(paragraphs.number))
    .all()
    .filter((row) => !carriedOnward(tx, row.itemId));
  const receiving = new Set<number>();
  for (const row of waiting) {
    const next = tx
      .select({ id: meetings.id })
      .from(meetings)
      .where(and(eq(meetings.groupId, groupId), eq(meetings.status, "planerat"), gt(meetings.startsAt, row.startsAt), isNull(meetings.lockedAt)))
      .orderBy(asc(meetings.startsAt))
      .get();
    if (!next) continue;
    // A version put up for decision goes with its ärende: the next meeting decides the same version, on the same proposal
    // (the new ärende's decision document was never opened, so it may be written directly).
    const itemId = insertAgendaItem(
      tx,
      next.id,
      // A report or a handed-over bilaga on the agenda goes with its ärende too.
      {
        title: row.title,
        kind: row.kind,
        presenterId: row.presenterId,
        versionId: row.versionId,
        reportId: row.reportId,
        receivedVersionId: row.receivedVersionId,
      },
      row.itemId,
      null,
      now,
    );
    if (row.versionId !== null) {
      const proposal = readDocumentText(tx, documentName({ kind: "decision_text", agendaItemId: row.itemId }));
      if (proposal.trim() !== "")
        appendParagraphsOffline(tx, { kind: "decision_text", agendaItemId: itemId }, { groupId, meetingId: next.id }, proposal.split("\n"), now);
    }
    receiving.add(next.id);
  }
  return [...receiving];
}
