/**
 * A styrgrupp shares one of its meetings with its beredningsgrupp. The beredningsgrupp sees the
 * styrgrupp's decisions anyway (group-chain.ts); the styrgrupp's other texts (kallelse, handlingar,
 * notes, protocol) it reads only when the styrgrupp's ordförande or sekreterare shares that meeting.
 * A share gives read access and nothing else: the meeting rule in meeting-rights.ts lets the
 * beredningsgrupp's members see the meeting (never run or edit it), and every check reads the share
 * anew, so revoking closes the meeting at once (open live documents too: `accessChanged`).
 * Only to the beredningsgrupp that prepares for the meeting's styrgrupp, never across agreements.
 */
import { and, asc, desc, eq, isNull } from "drizzle-orm";
import { type Db, writeTransaction } from "../client";
import { liveEvents } from "../live-events";
import { groups, meetings, meetingShares } from "../schema";
import { nowIso } from "../time";
import { canViewGroup } from "./access";
import { appendAudit } from "./audit";
import { ConflictError } from "./errors";
import { steeringGroupPreparedFor } from "./group-chain";
import { requireRunning } from "./meeting-rights";
import type { Viewer } from "./sessions";

/** The beredningsgrupper a styrgrupp's meeting may be shared with: those that prepare for that very styrgrupp. Empty for other groups. */
export function shareTargetsOf(db: Db, groupId: number): { id: number; name: string }[] {
  const group = db.select({ kind: groups.kind, agreementId: groups.agreementId }).from(groups).where(eq(groups.id, groupId)).get();
  if (!group || group.kind !== "styrgrupp") return [];
  return db
    .select({ id: groups.id, name: groups.name })
    .from(groups)
    .where(and(eq(groups.agreementId, group.agreementId), eq(groups.kind, "beredningsgrupp"), eq(groups.active, true)))
    .orderBy(asc(groups.id))
    .all()
    .filter((candidate) => steeringGroupPreparedFor(db, candidate.id)?.id === groupId);
}

/** The meeting's share with the group that is in force (not revoked), or undefined. */
function activeShare(db: Db, meetingId: number, groupId: number) {
  return db
    .select()
    .from(meetingShares)
    .where(and(eq(meetingShares.meetingId, meetingId), eq(meetingShares.groupId, groupId), isNull(meetingShares.revokedAt)))
    .get();
}

/** The target the chair or secretary names, checked: a beredningsgrupp of the meeting's styrgrupp, else a ConflictError. */
function requireTarget(db: Db, meetingGroupId: number, groupId: number): { id: number; name: string } {
  const target = shareTargetsOf(db, meetingGroupId).find((group) => group.id === groupId);
  if (!target) throw new ConflictError("Ett styrgruppsmöte kan bara delas med styrgruppens egen beredningsgrupp.", "groupId");
  return target;
}

/** "Dela med beredningsgruppen": the styrgrupp's ordförande or sekreterare lets the beredningsgrupp read the meeting. */
export function shareMeeting(db: Db, viewer: Viewer, meetingId: number, groupId: number, now = new Date()): void {
  const context = requireRunning(db, viewer, meetingId);
  const target = requireTarget(db, context.groupId, groupId);
  writeTransaction(db, (tx) => {
    // Checked inside the transaction: two chairs pressing at once make one share, not two.
    if (activeShare(tx, meetingId, groupId)) throw new ConflictError(`Mötet är redan delat med ${target.name}.`, "groupId");
    tx.insert(meetingShares)
      .values({ meetingId, groupId, sharedBy: viewer.id, sharedAt: nowIso(now) })
      .run();
    appendAudit(tx, { actorId: viewer.id, action: "meeting.shared", subject: `meeting:${meetingId}`, payload: { groupId, title: target.name } }, now);
  });
  liveEvents().emit("meetingChanged", meetingId);
}

/** Ends a share: the beredningsgrupp's members lose the meeting at once, also in documents they have open. The row stays, revoked. */
export function revokeMeetingShare(db: Db, viewer: Viewer, meetingId: number, groupId: number, now = new Date()): void {
  const context = requireRunning(db, viewer, meetingId);
  const target = requireTarget(db, context.groupId, groupId);
  writeTransaction(db, (tx) => {
    const share = activeShare(tx, meetingId, groupId);
    if (!share) throw new ConflictError(`Mötet är inte delat med ${target.name}.`, "groupId");
    tx.update(meetingShares)
      .set({ revokedBy: viewer.id, revokedAt: nowIso(now) })
      .where(eq(meetingShares.id, share.id))
      .run();
    // An access-losing action (audit.ts): another process's open connections learn of it through the log.
    appendAudit(tx, { actorId: viewer.id, action: "meeting.share_revoked", subject: `meeting:${meetingId}`, payload: { groupId, title: target.name } }, now);
  });
  liveEvents().emit("accessChanged");
  liveEvents().emit("meetingChanged", meetingId);
}

/** For the meeting page of a chair or secretary: each beredningsgrupp the meeting may be shared with, and since when it is, if it is. */
export function meetingSharePanel(db: Db, meetingId: number, groupId: number): { groupId: number; groupName: string; sharedAt: string | null }[] {
  return shareTargetsOf(db, groupId).map((target) => ({
    groupId: target.id,
    groupName: target.name,
    sharedAt: activeShare(db, meetingId, target.id)?.sharedAt ?? null,
  }));
}

/** "Möten som styrgruppen har delat" on a group's page the viewer may see: the meetings shared with it now, newest first. */
export function meetingsSharedWithGroup(db: Db, viewer: Viewer, groupId: number) {
  if (!canViewGroup(db, viewer, groupId)) return [];
  return db
    .select({
      meetingId: meetings.id,
      title: meetings.title,
      startsAt: meetings.startsAt,
      status: meetings.status,
      groupName: groups.name,
      sharedAt: meetingShares.sharedAt,
    })
    .from(meetingShares)
    .innerJoin(meetings, eq(meetings.id, meetingShares.meetingId))
    .innerJoin(groups, eq(groups.id, meetings.groupId))
    .where(and(eq(meetingShares.groupId, groupId), isNull(meetingShares.revokedAt)))
    .orderBy(desc(meetings.startsAt))
    .all();
}
