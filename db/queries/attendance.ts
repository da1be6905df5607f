import { and, asc, eq, isNull, notInArray, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { type Db, writeTransaction } from "../client";
import { attendance, functions, groupRequiredFunctions, memberships, organisations, people, type AttendanceStatus, type MemberRole } from "../schema";
import { attendanceRowKey } from "../domain/attendance-row-key";
import { liveEvents } from "../live-events";
import { nowIso } from "../time";
import { appendAudit } from "./audit";
import { ConflictError, NotFoundError } from "./errors";
import { assertRecordOpen, requireRunning } from "./meeting-rights";
import type { Viewer } from "./sessions";

export interface AttendanceRow {
  attendanceId: number | null;
  personId: number | null;
  name: string;
  role: MemberRole | "gast";
  functionName: string | null;
  functionId: number | null;
  organisation: string | null;
  status: AttendanceStatus | null;
  arrivedAt: string | null;
  leftAt: string | null;
  /** Marked at this meeting but no longer a member of the group. */
  leftGroup: boolean;
}

/**
 * Everyone of the meeting: the group's current members with their attendance
 * (null when not yet marked) and anyone marked who has left the group since,
 * sorted by name, then the guests. A marked member is shown in the capacity
 * recorded with the attendance, not today's membership.
 */
export function listAttendance(db: Db, meetingId: number, groupId: number): AttendanceRow[] {
  const recordedFunction = alias(functions, "recorded_function");
  const personAndAttendance = {
    attendanceId: attendance.id,
    personId: people.id,
    name: people.name,
    organisation: organisations.name,
    status: attendance.status,
    arrivedAt: attendance.arrivedAt,
    leftAt: attendance.leftAt,
  };
  const members = db
    .select({
      ...personAndAttendance,
      role: sql<MemberRole>`coalesce(${attendance.role}, ${memberships.role})`,
      functionName: sql<string | null>`coalesce(${recordedFunction.name}, ${functions.name})`,
      functionId: sql<number | null>`coalesce(${attendance.functionId}, ${memberships.functionId})`,
    })
    .from(memberships)
    .innerJoin(people, eq(people.id, memberships.personId))
    .leftJoin(functions, eq(functions.id, memberships.functionId))
    .leftJoin(organisations, eq(organisations.id, people.organisationId))
    .leftJoin(attendance, and(eq(attendance.meetingId, meetingId), eq(attendance.personId, people.id)))
    .leftJoin(recordedFunction, eq(recordedFunction.id, attendance.functionId))
    .where(eq(memberships.groupId, groupId))
    .all();
  const currentMembers = db.select({ personId: memberships.personId }).from(memberships).where(eq(memberships.groupId, groupId));
  const formerMembers = db
    .select({
      ...personAndAttendance,
      // Marked before roles were recorded and no longer in the group: the role at the time is unknown.
      role: sql<MemberRole>`coalesce(${attendance.role}, 'ledamot')`,
      functionName: functions.name,
      functionId: attendance.functionId,
    })
    .from(attendance)
    .innerJoin(people, eq(people.id, attendance.personId))
    .leftJoin(functions, eq(functions.id, attendance.functionId))
    .leftJoin(organisations, eq(organisations.id, people.organisationId))
    .where(and(eq(attendance.meetingId, meetingId), notInArray(attendance.personId, currentMembers)))
    .all();
  const guests = db
    .select()
    .from(attendance)
    .where(and(eq(attendance.meetingId, meetingId), isNull(attendance.personId)))
    .orderBy(asc(attendance.id))
    .all()
    .map((g): AttendanceRow => ({
      attendanceId: g.id,
      personId: null,
      name: g.guestName ?? "",
      role: "gast",
      functionName: g.guestFunction,
      functionId: null,
      organisation: g.guestOrganisation,
      status: g.status,
      arrivedAt: g.arrivedAt,
      leftAt: g.leftAt,
      leftGroup: false,
    }));
  const byName = (x: AttendanceRow, y: AttendanceRow) => x.name.localeCompare(y.name, "sv");
  const memberRows: AttendanceRow[] = [...members.map((m) => ({ ...m, leftGroup: false })), ...formerMembers.map((m) => ({ ...m, leftGroup: true }))];
  return [...memberRows.sort(byName), ...guests];
}

/** Present at an instant: marked present, arrived by then (or no time given), not yet left. */
export function isPresentAt(row: Pick<AttendanceRow, "status" | "arrivedAt" | "leftAt">, at: string): boolean {
  return row.status === "narvarande" && (row.arrivedAt === null || row.arrivedAt <= at) && (row.leftAt === null || row.leftAt > at);
}

/** Required functions of the group that nobody present at `at` holds ("Lokalpolisområdeschef saknas"). */
export function missingFunctionsAt(db: Db, groupId: number, rows: AttendanceRow[], at: string): string[] {
  const presentFunctionIds = new Set(rows.filter((r) => isPresentAt(r, at) && r.functionId !== null).map((r) => r.functionId));
  return db
    .select({ id: functions.id, name: functions.name })
    .from(groupRequiredFunctions)
    .innerJoin(functions, eq(functions.id, groupRequiredFunctions.functionId))
    .where(eq(groupRequiredFunctions.groupId, groupId))
    .orderBy(asc(groupRequiredFunctions.position))
    .all()
    .filter((f) => !presentFunctionIds.has(f.id))
    .map((f) => f.name);
}

export interface AttendanceInput {
  status: AttendanceStatus;
  arrivedAt: string | null;
  leftAt: string | null;
}

/** `field` names the control the refusal is shown next to (a row's own "Gick" in the whole-list form). */
function assertTimes(input: AttendanceInput, field = "leftAt") {
  if (input.arrivedAt && input.leftAt && input.leftAt <= input.arrivedAt) {
    throw new ConflictError("Tiden för att lämna mötet måste vara efter ankomsttiden.", field);
  }
}

interface Membership {
  role: MemberRole;
  functionId: number | null;
}

function membershipOf(db: Db, groupId: number, personId: number): Membership | undefined {
  return db
    .select({ role: memberships.role, functionId: memberships.functionId })
    .from(memberships)
    .where(and(eq(memberships.groupId, groupId), eq(memberships.personId, personId)))
    .get();
}

/** Writes and audits a member's attendance, in the capacity they attend in (part of the record, see the attendance table). Inside the caller's transaction. */
function writeMemberAttendance(tx: Db, actorId: number, meetingId: number, personId: number, member: Membership, input: AttendanceInput, now: Date) {
  const values = { ...input, role: member.role, functionId: member.functionId, updatedAt: nowIso(now) };
  tx.insert(attendance)
    .values({ meetingId, personId, ...values })
    .onConflictDoUpdate({ target: [attendance.meetingId, attendance.personId], set: values })
    .run();
  appendAudit(tx, { actorId, action: "attendance.member", subject: `meeting:${meetingId}`, payload: { personId, ...input, role: member.role } }, now);
}

/** Records a member's attendance (chair or secretary). */
export function setMemberAttendance(db: Db, viewer: Viewer, meetingId: number, personId: number, input: AttendanceInput, now = new Date()): void {
  const context = requireRunning(db, viewer, meetingId);
  assertTimes(input);
  const member = membershipOf(db, context.groupId, personId);
  if (!member) throw new ConflictError("Personen är inte medlem i gruppen.");
  writeTransaction(db, (tx) => {
    assertRecordOpen(tx, meetingId);
    writeMemberAttendance(tx, viewer.id, meetingId, personId, member, input, now);
  });
  liveEvents().emit("meetingChanged", meetingId);
}

/** One row of the attendance list as the secretary saves it: a member by person, or a guest by their attendance row. */
export type AttendanceListEntry = AttendanceInput & ({ personId: number; guestId?: never } | { guestId: number; personId?: never });

const sameAttendance = (a: AttendanceInput, b: AttendanceInput) => a.status === b.status && a.arrivedAt === b.arrivedAt && a.leftAt === b.leftAt;

/**
 * Saves the whole attendance list at once (chair or secretary): every row in
 * one write transaction, so a refused row saves nothing. Each person keeps
 * their own arrival and departure time. Only rows that changed are written,
 * and each changed person gets their own audit entry, read as "Anna: Närvarande"
 * in the log, as a save of one row always did. Returns how many rows changed.
 */
export function saveAttendanceList(db: Db, viewer: Viewer, meetingId: number, entries: AttendanceListEntry[], now = new Date()): number {
  const context = requireRunning(db, viewer, meetingId);
  for (const entry of entries) assertTimes(entry, `leftAt:${attendanceRowKey(entry)}`);
  const changed = writeTransaction(db, (tx) => {
    assertRecordOpen(tx, meetingId);
    let count = 0;
    for (const { personId, guestId, ...input } of entries) {
      const existing = tx
        .select()
        .from(attendance)
        .where(and(eq(attendance.meetingId, meetingId), personId ? eq(attendance.personId, personId) : eq(attendance.id, guestId!)))
        .get();
      if (existing && sameAttendance(existing, input)) continue;
      if (personId) {
        const member = membershipOf(tx, context.groupId, personId);
        if (!member) throw new ConflictError("Personen är inte medlem i gruppen.", `status:${attendanceRowKey({ personId })}`);
        writeMemberAttendance(tx, viewer.id, meetingId, personId, member, input, now);
      } else {
        if (!existing || existing.personId !== null) throw new NotFoundError();
        tx.update(attendance)
          .set({ ...input, updatedAt: nowIso(now) })
          .where(eq(attendance.id, existing.id))
          .run();
        appendAudit(
          tx,
          { actorId: viewer.id, action: "attendance.guest", subject: `meeting:${meetingId}`, payload: { attendanceId: existing.id, ...input } },
          now,
        );
      }
      count++;
    }
    return count;
  });
  if (changed > 0) liveEvents().emit("meetingChanged", meetingId);
  return changed;
}

/**
 * "Markera alla kallade som närvarande": every current member of the group not
 * yet marked is marked present, in one transaction, one audit entry each.
 * Anyone already marked is left as they are: "Anmält förhinder" or "Frånvarande"
 * was said or seen by someone, and a present member may have an arrival time;
 * one click must not overwrite that. Returns how many were marked.
 */
export function markAllInvitedPresent(db: Db, viewer: Viewer, meetingId: number, now = new Date()): number {
  const context = requireRunning(db, viewer, meetingId);
  const marked = writeTransaction(db, (tx) => {
    assertRecordOpen(tx, meetingId);
    const unmarked = tx
      .select({ personId: memberships.personId, role: memberships.role, functionId: memberships.functionId })
      .from(memberships)
      .leftJoin(attendance, and(eq(attendance.meetingId, meetingId), eq(attendance.personId, memberships.personId)))
      .where(and(eq(memberships.groupId, context.groupId), isNull(attendance.id)))
      .all();
    for (const { personId, ...member } of unmarked) {
      writeMemberAttendance(tx, viewer.id, meetingId, personId, member, { status: "narvarande", arrivedAt: null, leftAt: null }, now);
    }
    return unmarked.length;
  });
  if (marked > 0) liveEvents().emit("meetingChanged", meetingId);
  return marked;
}

export interface GuestInput {
  name: string;
  organisation: string | null;
  functionName: string | null;
}

/** Adds a co-opted guest (adjungerad) as present. */
export function addGuest(db: Db, viewer: Viewer, meetingId: number, guest: GuestInput, now = new Date()): void {
  requireRunning(db, viewer, meetingId);
  writeTransaction(db, (tx) => {
    assertRecordOpen(tx, meetingId);
    const { id } = tx
      .insert(attendance)
      .values({
        meetingId,
        personId: null,
        guestName: guest.name,
        guestOrganisation: guest.organisation,
        guestFunction: guest.functionName,
        status: "narvarande",
        updatedAt: nowIso(now),
      })
      .returning({ id: attendance.id })
      .get();
    appendAudit(tx, { actorId: viewer.id, action: "attendance.guest_added", subject: `meeting:${meetingId}`, payload: { attendanceId: id, ...guest } }, now);
  });
  liveEvents().emit("meetingChanged", meetingId);
}

/** Updates a guest's attendance (e.g. when they leave); a row that is not a guest of this meeting is answered as missing. */
export function setGuestAttendance(db: Db, viewer: Viewer, meetingId: number, attendanceId: number, input: AttendanceInput, now = new Date()): void {
  requireRunning(db, viewer, meetingId);
  assertTimes(input);
  writeTransaction(db, (tx) => {
    assertRecordOpen(tx, meetingId);
    const changed = tx
      .update(attendance)
      .set({ ...input, updatedAt: nowIso(now) })
      .where(and(eq(attendance.id, attendanceId), eq(attendance.meetingId, meetingId), isNull(attendance.personId)))
      .returning({ id: attendance.id })
      .get();
    if (!changed) throw new NotFoundError();
    appendAudit(tx, { actorId: viewer.id, action: "attendance.guest", subject: `meeting:${meetingId}`, payload: { attendanceId, ...input } }, now);
  });
  liveEvents().emit("meetingChanged", meetingId);
}
