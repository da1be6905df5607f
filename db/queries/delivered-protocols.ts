/**
 * The stadsövergripande styrgrupp's justerade protocols are delivered to every lokal styrgrupp under
 * its agreement: listed on the lokal styrgrupp's page, readable as the archived PDF by its members, and
 * marked "läst" per member (`protocol_reads`). Delivery gives the protocol PDF only: the city-wide
 * meeting's page, its live documents and handlingar stay the city-wide group's. The handlingar are
 * listed in the protocol with their SHA-256, which is what the lokal styrgrupp needs to know of them;
 * asking the city-wide group for a handling is a deliberate step, not a side effect of delivery.
 * A protocol not yet justerat (nor one that was reopened) is never delivered.
 */
import { and, asc, desc, eq, inArray, isNotNull } from "drizzle-orm";
import { type Db, writeTransaction } from "../client";
import { agreements, groups, meetings, memberships, people, protocolReads } from "../schema";
import { nowIso } from "../time";
import { deliveredProtocolMail } from "../domain/mail-texts";
import { stockholmLongDate } from "../domain/stockholm-time";
import { canViewGroup, membershipOf } from "./access";
import { NotFoundError } from "./errors";
import { runsGroup } from "./meeting-rights";
import { getMeetingForViewer, meetingSummary } from "./meetings";
import { mailLink, notify } from "./notify";
import type { Viewer } from "./sessions";

/** The city-wide styrgrupper whose protocols reach a lokal styrgrupp: those of its agreement's parent. Empty for any other group. */
function senderGroupIds(db: Db, lokalStyrgruppId: number): number[] {
  const group = db
    .select({ kind: groups.kind, level: groups.level, parentId: agreements.parentId })
    .from(groups)
    .innerJoin(agreements, eq(agreements.id, groups.agreementId))
    .where(eq(groups.id, lokalStyrgruppId))
    .get();
  if (!group || group.kind !== "styrgrupp" || group.level !== "local" || group.parentId === null) return [];
  return db
    .select({ id: groups.id })
    .from(groups)
    .where(and(eq(groups.agreementId, group.parentId), eq(groups.kind, "styrgrupp"), eq(groups.level, "city_wide")))
    .all()
    .map((g) => g.id);
}

/** The justerade meetings of the sender groups, newest first. */
function justeradeMeetings(db: Db, senderIds: number[]) {
  if (senderIds.length === 0) return [];
  return db
    .select({ id: meetings.id, title: meetings.title, startsAt: meetings.startsAt, lockedAt: meetings.lockedAt, groupName: groups.name })
    .from(meetings)
    .innerJoin(groups, eq(groups.id, meetings.groupId))
    .where(and(inArray(meetings.groupId, senderIds), eq(meetings.status, "justerat"), isNotNull(meetings.lockedAt)))
    .orderBy(desc(meetings.startsAt))
    .all();
}

/**
 * Whether the viewer receives this meeting's protocol by delivery: the meeting is a justerat meeting of a
 * stadsövergripande styrgrupp, and the viewer is a member (any role) of a lokal styrgrupp under that
 * agreement. The one rule the protocol download and the läst mark both ask.
 */
export function receivesDeliveredProtocol(db: Db, viewer: Viewer, meetingId: number): boolean {
  const meeting = db
    .select({ status: meetings.status, lockedAt: meetings.lockedAt, kind: groups.kind, level: groups.level, agreementId: groups.agreementId })
    .from(meetings)
    .innerJoin(groups, eq(groups.id, meetings.groupId))
    .where(eq(meetings.id, meetingId))
    .get();
  if (!meeting || meeting.status !== "justerat" || meeting.lockedAt === null || meeting.kind !== "styrgrupp" || meeting.level !== "city_wide") {
    return false;
  }
  return (
    db
      .select({ id: memberships.id })
      .from(memberships)
      .innerJoin(groups, eq(groups.id, memberships.groupId))
      .innerJoin(agreements, eq(agreements.id, groups.agreementId))
      .where(
        and(
          eq(memberships.personId, viewer.id),
          eq(groups.kind, "styrgrupp"),
          eq(groups.level, "local"),
          eq(groups.active, true),
          eq(agreements.parentId, meeting.agreementId),
        ),
      )
      .get() !== undefined
  );
}

/** The active lokal styrgrupper a city-wide styrgrupp's protocols are delivered to: those of the agreements under its own. */
function receiverGroups(db: Db, cityWideAgreementId: number): { id: number; name: string }[] {
  return db
    .select({ id: groups.id, name: groups.name })
    .from(groups)
    .innerJoin(agreements, eq(agreements.id, groups.agreementId))
    .where(and(eq(agreements.parentId, cityWideAgreementId), eq(groups.kind, "styrgrupp"), eq(groups.level, "local"), eq(groups.active, true)))
    .orderBy(asc(groups.id))
    .all();
}

/**
 * At the justering of a stadsövergripande styrgrupp's meeting, inside the locking transaction: every member
 * of every lokal styrgrupp it is delivered to is told (kind `protocol_delivered`, by their notice settings).
 * Once per protocol and person, however often the meeting is justerat and whatever the number of their groups.
 * Nothing for any other meeting.
 */
export function queueDeliveredProtocolNotices(tx: Db, meetingId: number, now = new Date()): void {
  const sender = tx
    .select({ kind: groups.kind, level: groups.level, agreementId: groups.agreementId })
    .from(meetings)
    .innerJoin(groups, eq(groups.id, meetings.groupId))
    .where(eq(meetings.id, meetingId))
    .get();
  if (!sender || sender.kind !== "styrgrupp" || sender.level !== "city_wide") return;
  const meeting = meetingSummary(tx, meetingId)!;
  const told = new Set<number>();
  for (const receiver of receiverGroups(tx, sender.agreementId)) {
    const mail = deliveredProtocolMail({
      meetingTitle: meeting.title,
      groupName: meeting.groupName,
      startsAt: meeting.startsAt,
      receivingGroupName: receiver.name,
      pdfLink: mailLink(`/moten/${meetingId}/protokoll.pdf`),
      groupLink: mailLink(`/grupper/${receiver.id}#stadsprotokoll`),
    });
    const members = tx.select({ personId: memberships.personId }).from(memberships).where(eq(memberships.groupId, receiver.id)).all();
    for (const { personId } of members) {
      if (told.has(personId)) continue;
      told.add(personId);
      notify(
        tx,
        {
          personId,
          kind: "protocol_delivered",
          title: `Protokoll från ${meeting.groupName}: ${meeting.title}, ${stockholmLongDate(meeting.startsAt)}`,
          link: `/grupper/${receiver.id}#stadsprotokoll`,
          dedupeKey: `delivered:${meetingId}:${personId}`,
          mail,
        },
        now,
      );
    }
  }
}

/** Records that the viewer has read a protocol delivered to them (the first time counts; later opens change nothing). */
export function recordDeliveredProtocolRead(db: Db, viewer: Viewer, meetingId: number, now = new Date()): boolean {
  if (!receivesDeliveredProtocol(db, viewer, meetingId)) return false;
  // Not an audit entry: reading changes no record, and the row itself says who read it when.
  writeTransaction(db, (tx) =>
    tx
      .insert(protocolReads)
      .values({ meetingId, personId: viewer.id, readAt: nowIso(now) })
      .onConflictDoNothing()
      .run(),
  );
  return true;
}

/**
 * Who may fetch a meeting's protocol PDF: whoever may see the meeting, and a recipient of the delivered
 * protocol (the justerat PDF only: `deliveredOnly` refuses extracts and drafts). `recipient` says a read
 * should be recorded. Null for everyone else, who is answered "finns inte".
 */
export function protocolAccess(db: Db, viewer: Viewer, meetingId: number) {
  const visible = getMeetingForViewer(db, viewer, meetingId);
  const recipient = receivesDeliveredProtocol(db, viewer, meetingId);
  const meeting = visible ?? (recipient ? meetingSummary(db, meetingId) : undefined);
  if (!meeting) return null;
  return { meeting, deliveredOnly: !visible, recipient };
}

/** "Markera som läst" on the lokal styrgrupp's page; NotFoundError when the protocol is not delivered to the viewer. */
export function markDeliveredProtocolRead(db: Db, viewer: Viewer, meetingId: number, now = new Date()): void {
  if (!recordDeliveredProtocolRead(db, viewer, meetingId, now)) throw new NotFoundError();
}

export interface DeliveredProtocol {
  meetingId: number;
  title: string;
  groupName: string;
  startsAt: string;
  lockedAt: string;
  /** When the viewer read it; null when unread or when the viewer is not a member (an administrator). */
  readAt: string | null;
  /** For the chair and the sekreterare: each member of the lokal styrgrupp and when they read it. */
  readers: { personId: number; name: string; readAt: string | null }[] | null;
}

/**
 * "Protokoll från stadsövergripande styrgruppen" on a lokal styrgrupp's page the viewer may see: its
 * parent agreement's city-wide styrgrupp's justerade protocols, newest first. Empty for other groups.
 */
export function deliveredProtocols(db: Db, viewer: Viewer, groupId: number): DeliveredProtocol[] {
  if (!canViewGroup(db, viewer, groupId)) return [];
  const delivered = justeradeMeetings(db, senderGroupIds(db, groupId));
  if (delivered.length === 0) return [];
  const role = membershipOf(db, viewer, groupId)?.role ?? null;
  const members = db
    .select({ personId: people.id, name: people.name })
    .from(memberships)
    .innerJoin(people, eq(people.id, memberships.personId))
    .where(eq(memberships.groupId, groupId))
    .all()
    .sort((a, b) => a.name.localeCompare(b.name, "sv"));
  const reads = db
    .select()
    .from(protocolReads)
    .where(
      inArray(
        protocolReads.meetingId,
        delivered.map((m) => m.id),
      ),
    )
    .all();
  const readAt = (meetingId: number, personId: number) => reads.find((r) => r.meetingId === meetingId && r.personId === personId)?.readAt ?? null;
  return delivered.map((m) => ({
    meetingId: m.id,
    title: m.title,
    groupName: m.groupName,
    startsAt: m.startsAt,
    lockedAt: m.lockedAt!,
    readAt: role === null ? null : readAt(m.id, viewer.id),
    readers: runsGroup(role) ? members.map((p) => ({ ...p, readAt: readAt(m.id, p.personId) })) : null,
  }));
}
