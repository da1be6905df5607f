import { and, asc, eq, inArray } from "drizzle-orm";
import { type Db, writeTransaction } from "../client";
import {
  agreements,
  functions,
  groupRequiredFunctions,
  groupKinds,
  groups,
  meetings,
  memberships,
  organisations,
  people,
  type GroupKind,
  type GroupLevel,
  type GroupPermanence,
} from "../schema";
import { liveEvents } from "../live-events";
import { nowIso } from "../time";
import { canViewGroup, membershipOf } from "./access";
import { computeCadence } from "./cadence";
import { appendAudit, auditActorId } from "./audit";
import { assertAdmin, ConflictError } from "./errors";
import { functionIdByName } from "./memberships";
import type { Viewer } from "./sessions";

function meetingsOfGroups(db: Db, groupIds: number[]) {
  if (groupIds.length === 0) return [];
  return db
    .select({
      id: meetings.id,
      groupId: meetings.groupId,
      title: meetings.title,
      startsAt: meetings.startsAt,
      endsAt: meetings.endsAt,
      location: meetings.location,
      status: meetings.status,
    })
    .from(meetings)
    .where(inArray(meetings.groupId, groupIds))
    .orderBy(asc(meetings.startsAt))
    .all();
}

/** Steering group first, then preparatory, then working groups: the order of the agreements. */
export function byGroupKind(a: { kind: GroupKind }, b: { kind: GroupKind }): number {
  return groupKinds.indexOf(a.kind) - groupKinds.indexOf(b.kind);
}

type MeetingRow = ReturnType<typeof meetingsOfGroups>[number];

function nextMeeting(rows: MeetingRow[], now: Date): MeetingRow | null {
  const nowText = nowIso(now);
  return rows.find((m) => m.status === "planerat" && m.startsAt >= nowText) ?? null;
}

/** "Mina grupper": the groups the viewer belongs to, with role, next meeting and cadence. */
export function listGroupsForViewer(db: Db, viewer: Viewer, now = new Date()) {
  const rows = db
    .select({
      groupId: groups.id,
      name: groups.name,
      kind: groups.kind,
      level: groups.level,
      minMeetingsPerYear: groups.minMeetingsPerYear,
      agreementSlug: agreements.slug,
      agreementTitle: agreements.title,
      role: memberships.role,
      functionName: functions.name,
    })
    .from(memberships)
    .innerJoin(groups, eq(groups.id, memberships.groupId))
    .innerJoin(agreements, eq(agreements.id, groups.agreementId))
    .leftJoin(functions, eq(functions.id, memberships.functionId))
    .where(and(eq(memberships.personId, viewer.id), eq(groups.active, true)))
    .orderBy(asc(groups.name))
    .all()
    .sort((a, b) => a.agreementTitle.localeCompare(b.agreementTitle, "sv") || byGroupKind(a, b));
  const allMeetings = meetingsOfGroups(
    db,
    rows.map((r) => r.groupId),
  );
  return rows.map((row) => {
    const own = allMeetings.filter((m) => m.groupId === row.groupId);
    return { ...row, nextMeeting: nextMeeting(own, now), cadence: computeCadence(own, row.minMeetingsPerYear, now) };
  });
}

/** Everything the group page shows, or null when the group does not exist or the viewer may not see it. */
export function getGroupPage(db: Db, viewer: Viewer, groupId: number, now = new Date()) {
  if (!canViewGroup(db, viewer, groupId)) return null;
  const group = db
    .select({
      id: groups.id,
      name: groups.name,
      kind: groups.kind,
      level: groups.level,
      focusArea: groups.focusArea,
      permanence: groups.permanence,
      endsOn: groups.endsOn,
      minMeetingsPerYear: groups.minMeetingsPerYear,
      active: groups.active,
      agreementSlug: agreements.slug,
      agreementTitle: agreements.title,
    })
    .from(groups)
    .innerJoin(agreements, eq(agreements.id, groups.agreementId))
    .where(eq(groups.id, groupId))
    .get();
  if (!group) return null;

  const members = db
    .select({
      personId: people.id,
      name: people.name,
      email: people.email,
      title: people.title,
      organisation: organisations.name,
      role: memberships.role,
      functionId: memberships.functionId,
      functionName: functions.name,
      active: people.active,
    })
    .from(memberships)
    .innerJoin(people, eq(people.id, memberships.personId))
    .leftJoin(organisations, eq(organisations.id, people.organisationId))
    .leftJoin(functions, eq(functions.id, memberships.functionId))
    .where(eq(memberships.groupId, groupId))
    .orderBy(asc(people.name))
    .all();

  const required = db
    .select({ functionId: functions.id, name: functions.name, note: groupRequiredFunctions.note })
    .from(groupRequiredFunctions)
    .innerJoin(functions, eq(functions.id, groupRequiredFunctions.functionId))
    .where(eq(groupRequiredFunctions.groupId, groupId))
    .orderBy(asc(groupRequiredFunctions.position))
    .all()
    .map((fn) => {
      // A deactivated person no longer fills a function.
      const holders = members.filter((m) => m.functionId === fn.functionId && m.active).map((m) => m.name);
      return { ...fn, holders, missing: holders.length === 0 };
    });

  const groupMeetings = meetingsOfGroups(db, [groupId]);
  const nowText = nowIso(now);
  return {
    group,
    viewerRole: membershipOf(db, viewer, groupId)?.role ?? null,
    members,
    requiredFunctions: required,
    upcomingMeetings: groupMeetings.filter((m) => m.startsAt >= nowText),
    pastMeetings: groupMeetings.filter((m) => m.startsAt < nowText).reverse(),
    cadence: computeCadence(groupMeetings, group.minMeetingsPerYear, now),
  };
}

export interface NewGroup {
  agreementId: number;
  name: string;
  kind: GroupKind;
  level: GroupLevel;
  focusArea?: string | null;
  permanence: GroupPermanence;
  endsOn?: string | null;
  minMeetingsPerYear?: number | null;
  /** Whether ledamöter and adjungerade may edit agenda and notes (default yes). */
  membersMayEditNotes?: boolean;
  /** The functions the agreement requires in the group, in its order, each with the agreement's own wording when it says more than the name. */
  requiredFunctions?: RequiredFunctionInput[];
}

export interface RequiredFunctionInput {
  /** A function of the catalogue; a new name is added to it. */
  name: string;
  note: string | null;
}

/** The stored columns of a group as the form describes them; a temporary group needs an end date. */
function groupColumns(input: NewGroup) {
  if (input.permanence === "temporary" && !input.endsOn) {
    throw new ConflictError("En tidsbegränsad grupp behöver ett slutdatum.", "endsOn");
  }
  return {
    agreementId: input.agreementId,
    name: input.name.trim(),
    kind: input.kind,
    level: input.level,
    focusArea: input.focusArea ?? null,
    permanence: input.permanence,
    endsOn: input.permanence === "temporary" ? (input.endsOn ?? null) : null,
    minMeetingsPerYear: input.minMeetingsPerYear ?? null,
    membersMayEditNotes: input.membersMayEditNotes ?? true,
  };
}

/** Replaces the group's required functions with the form's list, wording included (the form shows every stored wording, so none is lost). */
function setRequiredFunctions(tx: Db, groupId: number, required: RequiredFunctionInput[] = []): void {
  const seen = new Set<number>();
  const rows = required.map(({ name, note }, position) => {
    const functionId = functionIdByName(tx, name);
    if (seen.has(functionId)) throw new ConflictError(`Funktionen ${name.trim()} står mer än en gång.`, "requiredFunctions");
    seen.add(functionId);
    return { groupId, functionId, note: note?.trim() || null, position };
  });
  tx.delete(groupRequiredFunctions).where(eq(groupRequiredFunctions.groupId, groupId)).run();
  if (rows.length > 0) tx.insert(groupRequiredFunctions).values(rows).run();
}

/** Creates a group (incl. working groups with a focus area and an end date) with its required functions. */
export function createGroup(db: Db, viewer: Viewer, input: NewGroup, now = new Date()): number {
  assertAdmin(viewer);
  const columns = groupColumns(input);
  return writeTransaction(db, (tx) => {
    const { id } = tx
      .insert(groups)
      .values({ ...columns, createdAt: nowIso(now) })
      .returning({ id: groups.id })
      .get();
    setRequiredFunctions(tx, id, input.requiredFunctions);
    appendAudit(tx, { actorId: auditActorId(viewer), action: "group.created", subject: `group:${id}`, payload: input }, now);
    return id;
  });
}

/**
 * Changes a group's settings and required functions. Rights follow at once:
 * with `membersMayEditNotes` off, ledamöter and adjungerade can no longer
 * edit its meetings' agendas and notes, also in documents they have open
 * (accessChanged). Returns false when there is no such group.
 */
export function updateGroup(db: Db, viewer: Viewer, groupId: number, input: NewGroup, now = new Date()): boolean {
  assertAdmin(viewer);
  const columns = groupColumns(input);
  const updated = writeTransaction(db, (tx) => {
    const row = tx.update(groups).set(columns).where(eq(groups.id, groupId)).returning({ id: groups.id }).get();
    if (!row) return false;
    setRequiredFunctions(tx, groupId, input.requiredFunctions);
    appendAudit(tx, { actorId: auditActorId(viewer), action: "group.changed", subject: `group:${groupId}`, payload: input }, now);
    return true;
  });
  if (updated) liveEvents().emit("accessChanged");
  return updated;
}

/** A group's settings as the edit form shows them, or null. */
export function getGroupForAdmin(db: Db, viewer: Viewer, groupId: number) {
  assertAdmin(viewer);
  const group = db.select().from(groups).where(eq(groups.id, groupId)).get();
  if (!group) return null;
  const requiredFunctions: RequiredFunctionInput[] = db
    .select({ name: functions.name, note: groupRequiredFunctions.note })
    .from(groupRequiredFunctions)
    .innerJoin(functions, eq(functions.id, groupRequiredFunctions.functionId))
    .where(eq(groupRequiredFunctions.groupId, groupId))
    .orderBy(asc(groupRequiredFunctions.position))
    .all();
  return { ...group, requiredFunctions };
}

/** All groups, for the administration pages. */
export function listGroupsForAdmin(db: Db, viewer: Viewer) {
  assertAdmin(viewer);
  return db
    .select({
      id: groups.id,
      name: groups.name,
      kind: groups.kind,
      active: groups.active,
      endsOn: groups.endsOn,
      agreementTitle: agreements.title,
    })
    .from(groups)
    .innerJoin(agreements, eq(agreements.id, groups.agreementId))
    .orderBy(asc(agreements.title), asc(groups.name))
    .all();
}
