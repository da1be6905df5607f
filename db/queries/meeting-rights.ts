import { and, asc, eq, isNull } from "drizzle-orm";
import type { Db } from "../client";
import { groups, meetings, meetingShares, memberships, type MemberRole } from "../schema";
import { ConflictError, ForbiddenError, NotFoundError } from "./errors";
import type { Viewer } from "./sessions";

const runningRoles: ReadonlySet<MemberRole> = new Set(["ordforande", "sekreterare"]);

/** Chair or secretary of a group: runs its meetings and follows up its uppdrag. */
export function runsGroup(role: MemberRole | null): boolean {
  return role !== null && runningRoles.has(role);
}

export interface MeetingContext {
  meeting: typeof meetings.$inferSelect;
  groupId: number;
  role: MemberRole | null;
  /** Chair or secretary: runs the meeting, adopts decisions, records attendance. */
  canRun: boolean;
  /** May edit the agenda and notes (not approved minutes). */
  canEdit: boolean;
  locked: boolean;
  /**
   * The group through which the viewer reads the meeting when they are not in its group: the styrgrupp
   * shared it with their beredningsgrupp (db/queries/meeting-shares.ts). Such a reader never runs or edits it.
   */
  sharedWith: { id: number; name: string } | null;
}

/** The viewer's standing in a meeting, or null when the meeting does not exist or is not theirs to see. */
export function meetingContext(db: Db, viewer: Viewer, meetingId: number): MeetingContext | null {
  const row = db
    .select({ meeting: meetings, membersMayEditNotes: groups.membersMayEditNotes })
    .from(meetings)
    .innerJoin(groups, eq(groups.id, meetings.groupId))
    .where(eq(meetings.id, meetingId))
    .get();
  if (!row) return null;
  const role =
    db
      .select({ role: memberships.role })
      .from(memberships)
      .where(and(eq(memberships.groupId, row.meeting.groupId), eq(memberships.personId, viewer.id)))
      .get()?.role ?? null;
  const sharedWith = role || viewer.isAdmin ? null : sharingGroupOf(db, viewer, meetingId);
  if (!role && !viewer.isAdmin && !sharedWith) return null;
  const locked = row.meeting.lockedAt !== null;
  const canRun = runsGroup(role);
  // A cancelled meeting is not held: its agenda and notes stay as they were when it was cancelled.
  const cancelled = row.meeting.status === "installt";
  const canEdit = !locked && !cancelled && (canRun || ((role === "ledamot" || role === "adjungerad") && row.membersMayEditNotes));
  return { meeting: row.meeting, groupId: row.meeting.groupId, role, canRun, canEdit, locked, sharedWith };
}

/**
 * A group the meeting is shared with (a share not revoked) that the viewer is a member of (any role), or
 * null. Read at every check, so a revoked share closes the meeting to that group's members at once.
 */
function sharingGroupOf(db: Db, viewer: Viewer, meetingId: number): { id: number; name: string } | null {
  return (
    db
      .select({ id: groups.id, name: groups.name })
      .from(meetingShares)
      .innerJoin(groups, eq(groups.id, meetingShares.groupId))
      .innerJoin(memberships, and(eq(memberships.groupId, meetingShares.groupId), eq(memberships.personId, viewer.id)))
      .where(and(eq(meetingShares.meetingId, meetingId), isNull(meetingShares.revokedAt)))
      .orderBy(asc(groups.id))
      .get() ?? null
  );
}

/** The viewer's standing in a meeting they may see; NotFoundError (never ForbiddenError) when the meeting is missing or not theirs. */
export function requireVisibleMeeting(db: Db, viewer: Viewer, meetingId: number): MeetingContext {
  const context = meetingContext(db, viewer, meetingId);
  if (!context) throw new NotFoundError();
  return context;
}

/** The context when the viewer may run the meeting (chair or secretary), else ForbiddenError (NotFoundError when it is not theirs to see). */
export function requireRunning(db: Db, viewer: Viewer, meetingId: number): MeetingContext {
  const context = requireVisibleMeeting(db, viewer, meetingId);
  if (!context.canRun) throw new ForbiddenError("Endast ordförande och sekreterare kan göra detta.");
  return context;
}

/** The context when the viewer may edit the meeting's agenda and notes, else ForbiddenError (NotFoundError when it is not theirs to see). */
export function requireEditing(db: Db, viewer: Viewer, meetingId: number): MeetingContext {
  const context = requireVisibleMeeting(db, viewer, meetingId);
  if (!context.canEdit) throw new ForbiddenError(editRefusal(context));
  return context;
}

/**
 * Refuses any change to the record of a justerad meeting. Call it inside the
 * write transaction that makes the change: a check made before the transaction
 * could pass just before the approval that locks the meeting commits.
 */
export function assertRecordOpen(tx: Db, meetingId: number): void {
  const row = tx.select({ lockedAt: meetings.lockedAt }).from(meetings).where(eq(meetings.id, meetingId)).get();
  if (row?.lockedAt) throw new ConflictError(LOCKED_MESSAGE);
}

export const LOCKED_MESSAGE = "Protokollet är justerat och låst. Ändringar görs som dagsförda tillägg.";

function editRefusal(context: MeetingContext): string {
  if (context.locked) return "Protokollet är justerat och låst.";
  if (context.meeting.status === "installt") return "Mötet är inställt och kan inte ändras.";
  return "Du kan inte ändra det här mötet.";
}
