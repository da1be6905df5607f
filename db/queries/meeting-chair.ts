import { and, asc, eq } from "drizzle-orm";
import { type Db, writeTransaction } from "../client";
import { liveEvents } from "../live-events";
import { notYetEnded } from "../domain/meeting-status";
import { attendance, meetings, memberships, minutesApprovers, people } from "../schema";
import { isPresentAt } from "./attendance";
import { appendAudit } from "./audit";
import { ConflictError } from "./errors";
import { assertRecordOpen, requireRunning } from "./meeting-rights";
import type { Viewer } from "./sessions";

/**
 * Who leads a meeting. Groups are led jointly, one ordförande per party (the
 * agreements: the stadsdelsdirektör for the city, the lokalpolisområdeschef
 * for the police); one of them leads each meeting (meetings.chaired_by), the
 * §§ record who chaired them and that chair signs the minutes.
 */

/** The group's ordförande in the order they became members: with joint leadership one per party. */
export function groupChairs(db: Db, groupId: number): { personId: number; name: string }[] {
  return db
    .select({ personId: memberships.personId, name: people.name })
    .from(memberships)
    .innerJoin(people, eq(people.id, memberships.personId))
    .where(and(eq(memberships.groupId, groupId), eq(memberships.role, "ordforande")))
    .orderBy(asc(memberships.id))
    .all();
}

/** The ordförande leading the meeting (chaired_by), or null while nobody leads it (for the §§ to record who chaired them). */
export function meetingChairId(db: Db, meetingId: number): number | null {
  return db.select({ chairedBy: meetings.chairedBy }).from(meetings).where(eq(meetings.id, meetingId)).get()?.chairedBy ?? null;
}

/** The ordförande leading the meeting with their name, or null while nobody leads it. */
export function meetingChair(db: Db, meetingId: number): { personId: number; name: string } | null {
  return (
    db
      .select({ personId: people.id, name: people.name })
      .from(meetings)
      .innerJoin(people, eq(people.id, meetings.chairedBy))
      .where(eq(meetings.id, meetingId))
      .get() ?? null
  );
}

/** The chair who signs the minutes: the one who led the meeting, else the group's first ordförande. */
export function signingChairId(db: Db, meetingId: number, groupId: number): number | null {
  return meetingChairId(db, meetingId) ?? groupChairs(db, groupId)[0]?.personId ?? null;
}

/**
 * Who leads a meeting as it starts, unless a chair was chosen beforehand: the
 * one starting it when an ordförande, else (the sekreterare starts it) the first
 * ordförande recorded as present, else the group's first ordförande.
 */
export function chairOnStart(db: Db, meetingId: number, groupId: number, starterId: number, at: string): number | null {
  const chosen = meetingChairId(db, meetingId);
  if (chosen !== null) return chosen;
  const chairs = groupChairs(db, groupId);
  if (chairs.some((c) => c.personId === starterId)) return starterId;
  const present = db
    .select({ personId: attendance.personId, status: attendance.status, arrivedAt: attendance.arrivedAt, leftAt: attendance.leftAt })
    .from(attendance)
    .where(eq(attendance.meetingId, meetingId))
    .all()
    .filter((row) => isPresentAt(row, at));
  return (chairs.find((c) => present.some((p) => p.personId === c.personId)) ?? chairs[0])?.personId ?? null;
}

/**
 * The ordförande approver follows the chair who leads the meeting, as long as
 * nobody has approved (an approval is given alongside a known set of signers).
 * A chair who was chosen as justerare before leading the meeting now signs as
 * ordförande instead; another justerare must then be chosen.
 */
export function followChairInApprovers(tx: Db, meetingId: number, chairId: number): void {
  const rows = tx.select().from(minutesApprovers).where(eq(minutesApprovers.meetingId, meetingId)).all();
  if (rows.length === 0 || rows.some((row) => row.approvedAt !== null)) return;
  const current = rows.find((row) => row.capacity === "ordforande");
  if (current?.personId === chairId) return;
  const asOther = rows.find((row) => row.personId === chairId);
  if (current) tx.delete(minutesApprovers).where(eq(minutesApprovers.id, current.id)).run();
  if (asOther) tx.update(minutesApprovers).set({ capacity: "ordforande" }).where(eq(minutesApprovers.id, asOther.id)).run();
  else tx.insert(minutesApprovers).values({ meetingId, personId: chairId, capacity: "ordforande" }).run();
}

/**
 * Changes who leads the meeting ("Mötesordförande"), among the group's
 * ordförande, while it is planned or running (a chair or the sekreterare).
 * Once it has ended, who led it is part of the record.
 */
export function setMeetingChair(db: Db, viewer: Viewer, meetingId: number, personId: number, now = new Date()): void {
  const context = requireRunning(db, viewer, meetingId);
  if (!groupChairs(db, context.groupId).some((c) => c.personId === personId)) {
    throw new ConflictError("Mötesordföranden måste vara en av gruppens ordförande.", "chairedBy");
  }
  const changed = writeTransaction(db, (tx) => {
    assertRecordOpen(tx, meetingId);
    const meeting = tx.select({ status: meetings.status, chairedBy: meetings.chairedBy }).from(meetings).where(eq(meetings.id, meetingId)).get()!;
    if (meeting.status === "installt") throw new ConflictError("Mötet är inställt och kan inte ändras.", "chairedBy");
    if (!notYetEnded(meeting.status)) {
      throw new ConflictError("Mötet är avslutat; vem som ledde det kan inte längre ändras.", "chairedBy");
    }
    if (meeting.chairedBy === personId) return false;
    const asJusterare = tx
      .select({ id: minutesApprovers.id })
      .from(minutesApprovers)
      .where(and(eq(minutesApprovers.meetingId, meetingId), eq(minutesApprovers.personId, personId), eq(minutesApprovers.capacity, "justerare")))
      .get();
    if (asJusterare) throw new ConflictError("Den ordföranden är vald till justerare; välj en annan justerare först.", "chairedBy");
    tx.update(meetings).set({ chairedBy: personId }).where(eq(meetings.id, meetingId)).run();
    followChairInApprovers(tx, meetingId, personId);
    appendAudit(
      tx,
      { actorId: viewer.id, action: "meeting.chair", subject: `meeting:${meetingId}`, payload: { from: meeting.chairedBy, to: personId, personId } },
      now,
    );
    return true;
  });
  if (changed) liveEvents().emit("meetingChanged", meetingId);
}
