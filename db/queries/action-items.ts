import { and, asc, eq, inArray, isNull, or, sql } from "drizzle-orm";
import { type Db, writeTransaction } from "../client";
import { liveEvents } from "../live-events";
import { actionItems, agendaItems, groups, meetings, memberships, people, type ActionItemStatus } from "../schema";
import { nowIso, stockholmDate } from "../time";
import { appendAudit } from "./audit";
import { ConflictError, ForbiddenError } from "./errors";
import { meetingContext, requireEditing } from "./meeting-rights";
import type { Viewer } from "./sessions";

export interface ActionItemInput {
  title: string;
  ownerId: number;
  dueOn: string | null;
  agendaItemId: number | null;
}

/** Gives an action item (uppdrag) to one member of the group, from a meeting and optionally one of its items. */
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
  const at = nowIso(now);
  const id = db
    .insert(actionItems)
    .values({ groupId: context.groupId, meetingId, agendaItemId: input.agendaItemId, title: input.title, ownerId: input.ownerId, createdBy: viewer.id, dueOn: input.dueOn, createdAt: at, updatedAt: at })
    .returning({ id: actionItems.id })
    .get().id;
  liveEvents().emit("meetingChanged", meetingId);
  return id;
}

/** The owner, or the chair or secretary of the group, changes an action item's status. */
export function setActionItemStatus(db: Db, viewer: Viewer, actionItemId: number, status: ActionItemStatus, now = new Date()): void {
  const item = db.select().from(actionItems).where(eq(actionItems.id, actionItemId)).get();
  if (!item) throw new ConflictError("Uppdraget finns inte.");
  const context = item.meetingId ? meetingContext(db, viewer, item.meetingId) : null;
  if (item.ownerId !== viewer.id && !context?.canRun) throw new ForbiddenError("Bara den ansvariga, ordföranden eller sekreteraren kan ändra uppdraget.");
  writeTransaction(db, (tx) => {
    tx.update(actionItems).set({ status, updatedAt: nowIso(now) }).where(eq(actionItems.id, actionItemId)).run();
    appendAudit(tx, { actorId: viewer.id, action: "action_item.status", subject: `action_item:${actionItemId}`, payload: { status } }, now);
  });
  // The page of the meeting it came from shows it, and so does every open meeting of the group (Uppföljning av uppdrag).
  const open = db.select({ id: meetings.id }).from(meetings).where(and(eq(meetings.groupId, item.groupId), isNull(meetings.lockedAt))).all();
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
};

/** Not done (nor cancelled) by the end of its due date, a day in Stockholm. */
export function isOverdue(item: { dueOn: string | null; status: ActionItemStatus }, today: string): boolean {
  return item.dueOn !== null && item.dueOn < today && openActionItemStatuses.includes(item.status);
}

function withOverdue<T extends { dueOn: string | null; status: ActionItemStatus }>(rows: T[], now: Date): (T & { overdue: boolean })[] {
  const today = stockholmDate(now);
  return rows.map((row) => ({ ...row, overdue: isOverdue(row, today) }));
}

/** "Mina uppdrag": items I own, and items I wrote for others. */
export function listMyActionItems(db: Db, viewer: Viewer, now = new Date()) {
  const rows = withOverdue(db
    .select(actionItemColumns)
    .from(actionItems)
    .innerJoin(people, eq(people.id, actionItems.ownerId))
    .innerJoin(groups, eq(groups.id, actionItems.groupId))
    .leftJoin(meetings, eq(meetings.id, actionItems.meetingId))
    .where(or(eq(actionItems.ownerId, viewer.id), eq(actionItems.createdBy, viewer.id)))
    .orderBy(asc(actionItems.dueOn), asc(actionItems.id))
    .all(), now);
  return {
    assignedToMe: rows.filter((r) => r.ownerId === viewer.id),
    writtenByMe: rows.filter((r) => r.createdBy === viewer.id && r.ownerId !== viewer.id),
  };
}

/** Neither done nor cancelled. */
export const openActionItemStatuses: ActionItemStatus[] = ["ej_paborjad", "pagar"];

/**
 * The group's open uppdrag, from every meeting, earliest due date first (those
 * without one last): what "Uppföljning av uppdrag" goes through.
 */
export function listOpenActionItemsOfGroup(db: Db, groupId: number, now = new Date()) {
  return withOverdue(
    db
      .select(actionItemColumns)
      .from(actionItems)
      .innerJoin(people, eq(people.id, actionItems.ownerId))
      .innerJoin(groups, eq(groups.id, actionItems.groupId))
      .leftJoin(meetings, eq(meetings.id, actionItems.meetingId))
      .where(and(eq(actionItems.groupId, groupId), inArray(actionItems.status, openActionItemStatuses)))
      .orderBy(sql`${actionItems.dueOn} is null`, asc(actionItems.dueOn), asc(actionItems.id))
      .all(),
    now,
  );
}

/** Action items given at a meeting. */
export function listMeetingActionItems(db: Db, meetingId: number, now = new Date()) {
  return withOverdue(db
    .select(actionItemColumns)
    .from(actionItems)
    .innerJoin(people, eq(people.id, actionItems.ownerId))
    .innerJoin(groups, eq(groups.id, actionItems.groupId))
    .leftJoin(meetings, eq(meetings.id, actionItems.meetingId))
    .where(eq(actionItems.meetingId, meetingId))
    .orderBy(asc(actionItems.id))
    .all(), now);
}
