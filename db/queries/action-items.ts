import { and, asc, eq, inArray, isNull, or, sql } from "drizzle-orm";
import { type Db, writeTransaction } from "../client";
import { liveEvents } from "../live-events";
import { actionItems, agendaItems, groups, meetings, memberships, paragraphs, people, type ActionItemStatus } from "../schema";
import { nowIso } from "../time";
import { stockholmDate } from "../domain/stockholm-time";
import { assertRowOfGroupAgreement } from "./action-plan-rows";
import { appendAudit } from "./audit";
import { mailLink, notify } from "./notify";
import { uppdragMail } from "../domain/mail-texts";
import { inViewerGroups, membershipOf } from "./access";
import { ConflictError, ForbiddenError, NotFoundError } from "./errors";
import { requireEditing, runsGroup } from "./meeting-rights";
import type { Viewer } from "./sessions";

export interface ActionItemInput {
  title: string;
  ownerId: number;
  dueOn: string | null;
  agendaItemId: number | null;
  /** The åtgärd of the group's agreement's plan the uppdrag serves, if any. */
  actionRowId?: number | null;
}

/** Gives an action item (uppdrag) to one member of the group, from a meeting and optionally one of its items. */
function groupName(tx: Db, groupId: number): string {
  return tx.select({ name: groups.name }).from(groups).where(eq(groups.id, groupId)).get()!.name;
}

export function createActionItem(db: Db, viewer: Viewer, meetingId: number, input: ActionItemInput, now = new Date()): number {
  const context = requireEditing(db, viewer, meetingId);
  const owner = db
    .select({ id: memberships.id })
    .from(memberships)
    .where(and(eq(memberships.groupId, context.groupId), eq(memberships.personId, input.ownerId)))
    .get();
  if (!owner) throw new ConflictError("Den ansvariga måste vara medlem i gruppen.", "ownerId");
  if (input.agendaItemId !== null) {
    const item = db.select({ meetingId: agendaItems.meetingId }).from(agendaItems).where(eq(agendaItems.id, input.agendaItemId)).get();
    if (item?.meetingId !== meetingId) throw new ConflictError("Ärendet hör inte till mötet.", "agendaItemId");
  }
  const actionRowId = input.actionRowId ?? null;
  if (actionRowId !== null) assertRowOfGroupAgreement(db, actionRowId, context.groupId);
  const at = nowIso(now);
  const id = writeTransaction(db, (tx) => {
    const created = tx
      .insert(actionItems)
      .values({
        groupId: context.groupId,
        meetingId,
        agendaItemId: input.agendaItemId,
        actionRowId,
        title: input.title,
        ownerId: input.ownerId,
        createdBy: viewer.id,
        dueOn: input.dueOn,
        createdAt: at,
        updatedAt: at,
      })
      .returning({ id: actionItems.id })
      .get().id;
    if (actionRowId !== null) {
      const payload = { title: `Uppdrag: ${input.title}`, actionItemId: created, actionRowId };
      appendAudit(tx, { actorId: viewer.id, action: "action_item.linked", subject: `action_item:${created}`, payload }, now);
    }
    // The responsible person is told, in the same transaction as the uppdrag is made.
    notify(
      tx,
      {
        personId: input.ownerId,
        kind: "uppdrag_assigned",
        title: `Nytt uppdrag: ${input.title}`,
        link: "/uppdrag",
        dedupeKey: `uppdrag:${created}:${input.ownerId}`,
        mail: uppdragMail({ title: input.title, groupName: groupName(tx, context.groupId), dueOn: input.dueOn, listLink: mailLink("/uppdrag") }),
      },
      now,
    );
    return created;
  });
  liveEvents().emit("meetingChanged", meetingId);
  return id;
}

/**
 * The owner, or the chair or secretary of the group, changes an action item's
 * status; both only while members of the group. An item of a group the viewer
 * is not in is answered as if it did not exist.
 */
export function setActionItemStatus(db: Db, viewer: Viewer, actionItemId: number, status: ActionItemStatus, now = new Date()): void {
  const item = db
    .select()
    .from(actionItems)
    .where(and(eq(actionItems.id, actionItemId), inViewerGroups(db, viewer, actionItems.groupId)))
    .get();
  if (!item) throw new NotFoundError();
  const role = membershipOf(db, viewer, item.groupId)?.role ?? null;
  const mayChange = role !== null && (item.ownerId === viewer.id || runsGroup(role));
  if (!mayChange) throw new ForbiddenError("Bara den ansvariga, ordföranden eller sekreteraren kan ändra uppdraget.");
  writeTransaction(db, (tx) => {
    tx.update(actionItems)
      .set({ status, updatedAt: nowIso(now) })
      .where(eq(actionItems.id, actionItemId))
      .run();
    appendAudit(tx, { actorId: viewer.id, action: "action_item.status", subject: `action_item:${actionItemId}`, payload: { status } }, now);
  });
  // The page of the meeting it came from shows it, and so does every open meeting of the group (Uppföljning av uppdrag).
  const open = db
    .select({ id: meetings.id })
    .from(meetings)
    .where(and(eq(meetings.groupId, item.groupId), isNull(meetings.lockedAt)))
    .all();
  const pages = new Set(open.map((m) => m.id));
  if (item.meetingId) pages.add(item.meetingId);
  for (const id of pages) liveEvents().emit("meetingChanged", id);
}

const actionItemColumns = {
  id: actionItems.id,
  title: actionItems.title,
  status: actionItems.status,
  dueOn: actionItems.dueOn,
  ownerId: actionItems.ownerId,
  ownerName: people.name,
  createdBy: actionItems.createdBy,
  meetingId: actionItems.meetingId,
  meetingTitle: meetings.title,
  meetingStartsAt: meetings.startsAt,
  groupId: groups.id,
  groupName: groups.name,
  agendaItemId: actionItems.agendaItemId,
  /** The § that gave the uppdrag, once its ärende was dealt with. */
  paragraphNumber: paragraphs.number,
  paragraphYear: paragraphs.year,
};

/** Not done (nor cancelled) by the end of its due date, a day in Stockholm. */
export function isOverdue(item: { dueOn: string | null; status: ActionItemStatus }, today: string): boolean {
  return item.dueOn !== null && item.dueOn < today && openActionItemStatuses.includes(item.status);
}

function withOverdue<T extends { dueOn: string | null; status: ActionItemStatus }>(rows: T[], now: Date): (T & { overdue: boolean })[] {
  const today = stockholmDate(now);
  return rows.map((row) => ({ ...row, overdue: isOverdue(row, today) }));
}

/** "Mina uppdrag": items I own, and items I wrote for others, in the groups I am (still) a member of. */
export function listMyActionItems(db: Db, viewer: Viewer, now = new Date()) {
  const rows = withOverdue(
    db
      .select(actionItemColumns)
      .from(actionItems)
      .innerJoin(people, eq(people.id, actionItems.ownerId))
      .innerJoin(groups, eq(groups.id, actionItems.groupId))
      .leftJoin(meetings, eq(meetings.id, actionItems.meetingId))
      .leftJoin(paragraphs, eq(paragraphs.agendaItemId, actionItems.agendaItemId))
      .where(and(or(eq(actionItems.ownerId, viewer.id), eq(actionItems.createdBy, viewer.id)), inViewerGroups(db, viewer, actionItems.groupId)))
      .orderBy(asc(actionItems.dueOn), asc(actionItems.id))
      .all(),
    now,
  );
  return {
    assignedToMe: rows.filter((r) => r.ownerId === viewer.id),
    writtenByMe: rows.filter((r) => r.createdBy === viewer.id && r.ownerId !== viewer.id),
  };
}

/** Neither done nor cancelled. */
export const openActionItemStatuses: ActionItemStatus[] = ["ej_paborjad", "pagar"];

/** Whether the group has uppdrag still open: a new meeting then gets "Uppföljning av uppdrag" on its agenda. */
export function groupHasOpenActionItems(db: Db, groupId: number): boolean {
  const open = db
    .select({ id: actionItems.id })
    .from(actionItems)
    .where(and(eq(actionItems.groupId, groupId), inArray(actionItems.status, openActionItemStatuses)))
    .get();
  return open !== undefined;
}

/**
 * The group's open uppdrag, from every meeting, earliest due date first (those
 * without one last): what "Uppföljning av uppdrag" goes through. Empty for a
 * viewer who may not see the group.
 */
export function listOpenActionItemsOfGroup(db: Db, viewer: Viewer, groupId: number, now = new Date()) {
  return withOverdue(
    db
      .select(actionItemColumns)
      .from(actionItems)
      .innerJoin(people, eq(people.id, actionItems.ownerId))
      .innerJoin(groups, eq(groups.id, actionItems.groupId))
      .leftJoin(meetings, eq(meetings.id, actionItems.meetingId))
      .leftJoin(paragraphs, eq(paragraphs.agendaItemId, actionItems.agendaItemId))
      .where(and(eq(actionItems.groupId, groupId), inArray(actionItems.status, openActionItemStatuses), inViewerGroups(db, viewer, actionItems.groupId)))
      .orderBy(sql`${actionItems.dueOn} is null`, asc(actionItems.dueOn), asc(actionItems.id))
      .all(),
    now,
  );
}

/** Action items given at a meeting; empty for a viewer who may not see its group. */
export function listMeetingActionItems(db: Db, viewer: Viewer, meetingId: number, now = new Date()) {
  return withOverdue(
    db
      .select(actionItemColumns)
      .from(actionItems)
      .innerJoin(people, eq(people.id, actionItems.ownerId))
      .innerJoin(groups, eq(groups.id, actionItems.groupId))
      .leftJoin(meetings, eq(meetings.id, actionItems.meetingId))
      .leftJoin(paragraphs, eq(paragraphs.agendaItemId, actionItems.agendaItemId))
      .where(and(eq(actionItems.meetingId, meetingId), inViewerGroups(db, viewer, actionItems.groupId)))
      .orderBy(asc(actionItems.id))
      .all(),
    now,
  );
}

/**
 * Every uppdrag given at a meeting, with its owner and ärende, in the order
 * given: the protocol's record of them. Not scoped to a viewer: the caller
 * (the protocol) has already checked that the meeting may be seen.
 */
export function listActionItemsGivenAt(db: Db, meetingId: number) {
  return db
    .select({
      id: actionItems.id,
      title: actionItems.title,
      owner: people.name,
      dueOn: actionItems.dueOn,
      agendaItemId: actionItems.agendaItemId,
      itemTitle: agendaItems.title,
    })
    .from(actionItems)
    .innerJoin(people, eq(people.id, actionItems.ownerId))
    .leftJoin(agendaItems, eq(agendaItems.id, actionItems.agendaItemId))
    .where(eq(actionItems.meetingId, meetingId))
    .orderBy(asc(actionItems.id))
    .all();
}
