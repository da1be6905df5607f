import { and, asc, eq, inArray, isNull, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { type Db, writeTransaction } from "../client";
import { liveEvents } from "../live-events";
import { actionItems, agendaItems, groups, meetings, memberships, paragraphs, people, type ActionItemStatus } from "../schema";
import { nowIso } from "../time";
import { stockholmDate } from "../domain/stockholm-time";
import { assertRowOfGroupAgreement } from "./action-plan-rows";
import { appendAudit } from "./audit";
import { mailLink, notify } from "./notify";
import { uppdragMail } from "../domain/mail-texts";
import { canViewGroup, inViewerGroups, membershipOf, membershipOfPerson } from "./access";
import { normaliseEmail } from "./people";
import { ConflictError, ForbiddenError, NotFoundError } from "./errors";
import { requireEditing, runsGroup } from "./meeting-rights";
import type { Viewer } from "./sessions";

export interface ActionItemInput {
  title: string;
  /** A member of the group, or of `assigneeGroupId` when the uppdrag goes to that group; ignored when `ownerEmail` is given. */
  ownerId: number | null;
  /** Another group of the same agreement that carries the uppdrag out. */
  assigneeGroupId?: number | null;
  /** A named person outside the group (e.g. a contact at another förvaltning), by their e-mail in Samverkan. */
  ownerEmail?: string | null;
  dueOn: string | null;
  agendaItemId: number | null;
  /** The åtgärd of the group's agreement's plan the uppdrag serves, if any. */
  actionRowId?: number | null;
}

/** Gives an action item (uppdrag) to one member of the group, from a meeting and optionally one of its items. */
function groupName(tx: Db, groupId: number): string {
  return tx.select({ name: groups.name }).from(groups).where(eq(groups.id, groupId)).get()!.name;
}

function isMember(db: Db, groupId: number, personId: number): boolean {
  return membershipOfPerson(db, personId, groupId) !== null;
}

/**
 * Who carries an uppdrag out: a member of the group; a member of another active group of the same
 * agreement (the uppdrag then goes to that group); or a named active person outside the groups, found
 * by their e-mail. Refusals name the field they concern.
 */
function resolveAssignee(db: Db, groupId: number, input: ActionItemInput): { ownerId: number; assigneeGroupId: number | null; ownerOutside: boolean } {
  if (input.ownerEmail) {
    const person = db
      .select({ id: people.id })
      .from(people)
      .where(and(eq(people.email, normaliseEmail(input.ownerEmail)), eq(people.active, true)))
      .get();
    if (!person) throw new ConflictError("Ingen aktiv användare i Samverkan har den e-postadressen.", "ownerEmail");
    return { ownerId: person.id, assigneeGroupId: null, ownerOutside: !isMember(db, groupId, person.id) };
  }
  if (input.ownerId === null) throw new ConflictError("Välj ansvarig eller ange en e-postadress.", "ownerId");
  const assigneeGroupId = input.assigneeGroupId ?? null;
  if (assigneeGroupId === null || assigneeGroupId === groupId) {
    if (!isMember(db, groupId, input.ownerId)) throw new ConflictError("Den ansvariga måste vara medlem i gruppen.", "ownerId");
    return { ownerId: input.ownerId, assigneeGroupId: null, ownerOutside: false };
  }
  const own = db.select({ agreementId: groups.agreementId }).from(groups).where(eq(groups.id, groupId)).get()!;
  const other = db.select({ agreementId: groups.agreementId, active: groups.active }).from(groups).where(eq(groups.id, assigneeGroupId)).get();
  if (!other || !other.active || other.agreementId !== own.agreementId)
    throw new ConflictError("Uppdrag kan bara gå till en annan aktiv grupp inom samma överenskommelse.", "ownerId");
  if (!isMember(db, assigneeGroupId, input.ownerId)) throw new ConflictError("Den ansvariga måste vara medlem i den grupp som får uppdraget.", "ownerId");
  return { ownerId: input.ownerId, assigneeGroupId, ownerOutside: false };
}

export function createActionItem(db: Db, viewer: Viewer, meetingId: number, input: ActionItemInput, now = new Date()): number {
  const context = requireEditing(db, viewer, meetingId);
  const { ownerId, assigneeGroupId, ownerOutside } = resolveAssignee(db, context.groupId, input);
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
        ownerId,
        assigneeGroupId,
        ownerOutside,
        createdBy: viewer.id,
        dueOn: input.dueOn,
        createdAt: at,
        updatedAt: at,
      })
      .returning({ id: actionItems.id })
      .get().id;
    if (assigneeGroupId !== null || ownerOutside) {
      const payload = { title: input.title, ownerId, assigneeGroupId };
      appendAudit(tx, { actorId: viewer.id, action: "action_item.assigned_outside", subject: `action_item:${created}`, payload }, now);
    }
    if (actionRowId !== null) {
      const payload = { title: `Uppdrag: ${input.title}`, actionItemId: created, actionRowId };
      appendAudit(tx, { actorId: viewer.id, action: "action_item.linked", subject: `action_item:${created}`, payload }, now);
    }
    // The responsible person is told, in the same transaction as the uppdrag is made.
    notify(
      tx,
      {
        personId: ownerId,
        kind: "uppdrag_assigned",
        title: `Nytt uppdrag: ${input.title}`,
        link: "/uppdrag",
        dedupeKey: `uppdrag:${created}:${ownerId}`,
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
 * Who may change an uppdrag's status: its owner (also one outside the group, who got it by name), or
 * the chair or secretary of the group that gave it or of the group it was given to. Anyone else, who
 * may not even see it, is answered as if it did not exist.
 */
export function setActionItemStatus(db: Db, viewer: Viewer, actionItemId: number, status: ActionItemStatus, now = new Date()): void {
  const item = db.select().from(actionItems).where(eq(actionItems.id, actionItemId)).get();
  if (!item) throw new NotFoundError();
  const roles = [item.groupId, item.assigneeGroupId].flatMap((groupId) => (groupId === null ? [] : [membershipOf(db, viewer, groupId)?.role ?? null]));
  // An owner who has left the group (and was not named from outside it) no longer sees the uppdrag.
  const isOwner = item.ownerId === viewer.id && (item.ownerOutside || roles.some((role) => role !== null));
  if (!isOwner && !viewer.isAdmin && roles.every((role) => role === null)) throw new NotFoundError();
  const mayChange = isOwner || roles.some((role) => role !== null && runsGroup(role));
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

const assigneeGroups = alias(groups, "assignee_groups");

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
  /** The other group of the agreement that carries the uppdrag out, if it went to one. */
  assigneeGroupId: actionItems.assigneeGroupId,
  assigneeGroupName: assigneeGroups.name,
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

/**
 * "Mina uppdrag": items I own while I am in the group that gave or got them (or, named from outside the
 * groups, always), and items I wrote for others in the groups I am (still) a member of. `mayOpenMeeting`
 * says whether the meeting it came from is mine to open.
 */
export function listMyActionItems(db: Db, viewer: Viewer, now = new Date()) {
  const rows = withOverdue(
    db
      .select(actionItemColumns)
      .from(actionItems)
      .innerJoin(people, eq(people.id, actionItems.ownerId))
      .innerJoin(groups, eq(groups.id, actionItems.groupId))
      .leftJoin(assigneeGroups, eq(assigneeGroups.id, actionItems.assigneeGroupId))
      .leftJoin(meetings, eq(meetings.id, actionItems.meetingId))
      .leftJoin(paragraphs, eq(paragraphs.agendaItemId, actionItems.agendaItemId))
      .where(
        or(
          // Mine while I am in the group that gave it or got it, or when I was named from outside the groups.
          and(
            eq(actionItems.ownerId, viewer.id),
            viewer.isAdmin
              ? undefined
              : or(
                  eq(actionItems.ownerOutside, true),
                  inViewerGroups(db, viewer, actionItems.groupId),
                  inViewerGroups(db, viewer, actionItems.assigneeGroupId),
                ),
          ),
          // Those I wrote for others, while I am in the group.
          and(eq(actionItems.createdBy, viewer.id), inViewerGroups(db, viewer, actionItems.groupId)),
        ),
      )
      .orderBy(asc(actionItems.dueOn), asc(actionItems.id))
      .all(),
    now,
  );
  const mine = new Set(
    viewer.isAdmin
      ? []
      : db
          .select({ id: memberships.groupId })
          .from(memberships)
          .where(eq(memberships.personId, viewer.id))
          .all()
          .map((m) => m.id),
  );
  const withAccess = rows.map((row) => ({ ...row, mayOpenMeeting: viewer.isAdmin || mine.has(row.groupId) }));
  return {
    assignedToMe: withAccess.filter((r) => r.ownerId === viewer.id),
    writtenByMe: withAccess.filter((r) => r.createdBy === viewer.id && r.ownerId !== viewer.id),
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
 * without one last): what "Uppföljning av uppdrag" goes through. Includes those
 * another group of the agreement gave it (`assigneeGroupId`). Empty for a viewer
 * who may not see the group.
 */
export function listOpenActionItemsOfGroup(db: Db, viewer: Viewer, groupId: number, now = new Date()) {
  if (!canViewGroup(db, viewer, groupId)) return [];
  return withOverdue(
    db
      .select(actionItemColumns)
      .from(actionItems)
      .innerJoin(people, eq(people.id, actionItems.ownerId))
      .innerJoin(groups, eq(groups.id, actionItems.groupId))
      .leftJoin(assigneeGroups, eq(assigneeGroups.id, actionItems.assigneeGroupId))
      .leftJoin(meetings, eq(meetings.id, actionItems.meetingId))
      .leftJoin(paragraphs, eq(paragraphs.agendaItemId, actionItems.agendaItemId))
      .where(and(or(eq(actionItems.groupId, groupId), eq(actionItems.assigneeGroupId, groupId)), inArray(actionItems.status, openActionItemStatuses)))
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
      .leftJoin(assigneeGroups, eq(assigneeGroups.id, actionItems.assigneeGroupId))
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
      assigneeGroup: assigneeGroups.name,
      dueOn: actionItems.dueOn,
      agendaItemId: actionItems.agendaItemId,
      itemTitle: agendaItems.title,
    })
    .from(actionItems)
    .innerJoin(people, eq(people.id, actionItems.ownerId))
    .leftJoin(assigneeGroups, eq(assigneeGroups.id, actionItems.assigneeGroupId))
    .leftJoin(agendaItems, eq(agendaItems.id, actionItems.agendaItemId))
    .where(eq(actionItems.meetingId, meetingId))
    .orderBy(asc(actionItems.id))
    .all();
}

/**
 * The other active groups of the group's agreement with their members: whom an uppdrag from this
 * group may go to besides its own members (shown while the meeting may be edited).
 */
export function assigneeGroupChoices(db: Db, groupId: number) {
  const own = db.select({ agreementId: groups.agreementId }).from(groups).where(eq(groups.id, groupId)).get();
  if (!own) return [];
  const rows = db
    .select({ groupId: groups.id, groupName: groups.name, personId: people.id, name: people.name })
    .from(groups)
    .innerJoin(memberships, eq(memberships.groupId, groups.id))
    .innerJoin(people, eq(people.id, memberships.personId))
    .where(and(eq(groups.agreementId, own.agreementId), eq(groups.active, true), sql`${groups.id} <> ${groupId}`, eq(people.active, true)))
    .orderBy(asc(groups.name), asc(people.name))
    .all();
  const byGroup = new Map<number, { id: number; name: string; members: { personId: number; name: string }[] }>();
  for (const row of rows) {
    const group = byGroup.get(row.groupId) ?? { id: row.groupId, name: row.groupName, members: [] };
    group.members.push({ personId: row.personId, name: row.name });
    byGroup.set(row.groupId, group);
  }
  return [...byGroup.values()];
}
