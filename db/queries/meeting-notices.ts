import { and, count, eq, inArray } from "drizzle-orm";
import { writeTransaction, type Db } from "../client";
import { calendarFor } from "../domain/ics";
import { approverCapacityLabels } from "../domain/labels";
import { justeratMail, justeringRequestMail, kallelseMail, steeringPutUpMail } from "../domain/mail-texts";
import { stockholmLongDate } from "../domain/stockholm-time";
import { auditLog, meetings, memberships, minutesApprovers } from "../schema";
import { listAgendaItems } from "./agenda";
import { appendAudit } from "./audit";
import { ConflictError } from "./errors";
import { filesOfMeeting } from "./files";
import { assertRecordOpen, requireRunning } from "./meeting-rights";
import { meetingSummary } from "./meetings";
import { mailLink, mailOrigin, notify } from "./notify";
import type { Viewer } from "./sessions";
import { liveEvents } from "../live-events";

/**
 * The meeting's notices: the kallelse (sent by the chair or secretary, sent again with an updated or
 * cancelling ICS when the meeting changes afterwards), the justering request when it ends, and a
 * lägesbild or åtgärdsplan put up for its decision. Each is
 * queued inside the transaction that made the change, so a committed change always has its notices
 * and a refused one has none.
 */

/** Whether the kallelse of the meeting has been sent (the first time). */
export function kallelseSent(db: Db, meetingId: number): boolean {
  return (
    db
      .select({ n: count() })
      .from(auditLog)
      .where(and(eq(auditLog.subject, `meeting:${meetingId}`), eq(auditLog.action, "meeting.kallelse_sent")))
      .get()!.n > 0
  );
}

/** The meeting's SEQUENCE: how many times it was moved or cancelled (as the calendar feed counts). */
function calendarSequence(tx: Db, meetingId: number): number {
  return tx
    .select({ n: count() })
    .from(auditLog)
    .where(and(eq(auditLog.subject, `meeting:${meetingId}`), inArray(auditLog.action, ["meeting.edited", "meeting.cancelled"])))
    .get()!.n;
}

/** Sends the kallelse to every member of the group (chair or secretary, a planned meeting, once). */
export function sendKallelse(db: Db, viewer: Viewer, meetingId: number, now = new Date()): number {
  requireRunning(db, viewer, meetingId);
  const sent = writeTransaction(db, (tx) => {
    assertRecordOpen(tx, meetingId);
    const { status } = tx.select({ status: meetings.status }).from(meetings).where(eq(meetings.id, meetingId)).get()!;
    if (status !== "planerat") throw new ConflictError("Kallelsen skickas före mötet.");
    if (kallelseSent(tx, meetingId)) throw new ConflictError("Kallelsen är redan skickad. En ändring av tid eller plats skickas ut av sig själv.");
    appendAudit(tx, { actorId: viewer.id, action: "meeting.kallelse_sent", subject: `meeting:${meetingId}`, payload: {} }, now);
    return queueKallelse(tx, meetingId, "new", now);
  });
  liveEvents().emit("meetingChanged", meetingId);
  return sent;
}

/**
 * Queues the kallelse (its current state) to every member, inside the caller's transaction; when the
 * kallelse has not been sent yet, a change needs no notice. Returns how many were told.
 */
export function queueKallelse(tx: Db, meetingId: number, state: "new" | "changed" | "cancelled", now = new Date()): number {
  if (state !== "new" && !kallelseSent(tx, meetingId)) return 0;
  const meeting = meetingSummary(tx, meetingId)!;
  const sequence = calendarSequence(tx, meetingId);
  const agenda = listAgendaItems(tx, meetingId);
  const ics = calendarFor([{ ...meeting, sequence }], mailOrigin(), now, state === "cancelled" ? "CANCEL" : "REQUEST");
  const mail = kallelseMail({
    meetingTitle: meeting.title,
    groupName: meeting.groupName,
    startsAt: meeting.startsAt,
    location: meeting.location,
    videoLink: meeting.videoLink,
    agenda: agenda.map((item) => item.title),
    handlingar: filesOfMeeting(tx, meetingId).map((file) => ({ label: file.title ?? file.fileName, url: mailLink(`/filer/${file.id}`) })),
    meetingLink: mailLink(`/moten/${meetingId}`),
    state,
    cancelReason: meeting.cancelReason,
  });
  let told = 0;
  for (const personId of membersOf(tx, meeting.groupId)) {
    const channel = notify(
      tx,
      {
        personId,
        kind: "kallelse",
        title: `${mail.subject}`,
        link: `/moten/${meetingId}`,
        // One per person and calendar revision: a retried request queues nothing twice.
        dedupeKey: `kallelse:${meetingId}:${personId}:${sequence}`,
        mail: { ...mail, ics },
      },
      now,
    );
    if (channel) told++;
  }
  return told;
}

/** When the meeting ends: its signers (the chair who led it and the justerare) are asked to justera, inside the ending transaction. */
export function queueJusteringRequests(tx: Db, meetingId: number, now = new Date()): void {
  const meeting = meetingSummary(tx, meetingId)!;
  const signers = tx
    .select({ personId: minutesApprovers.personId, capacity: minutesApprovers.capacity })
    .from(minutesApprovers)
    .where(and(eq(minutesApprovers.meetingId, meetingId), inArray(minutesApprovers.capacity, ["ordforande", "justerare"])))
    .all();
  for (const signer of signers) {
    const mail = justeringRequestMail({
      meetingTitle: meeting.title,
      groupName: meeting.groupName,
      startsAt: meeting.startsAt,
      capacity: approverCapacityLabels[signer.capacity].toLowerCase(),
      meetingLink: mailLink(`/moten/${meetingId}`),
    });
    notify(
      tx,
      {
        personId: signer.personId,
        kind: "justering_requested",
        title: `Justera protokollet: ${meeting.title} – ${meeting.groupName}, ${stockholmLongDate(meeting.startsAt)}`,
        link: `/moten/${meetingId}`,
        // Per ending: a meeting reopened and ended again asks again.
        dedupeKey: `justering:${meetingId}:${signer.personId}:${meeting.endedAt}`,
        mail,
      },
      now,
    );
  }
}

/** When the minutes are locked (justerat): every member gets the protocol's PDF link, inside the locking transaction. */
export function queueJusteratNotices(tx: Db, meetingId: number, now = new Date()): void {
  const meeting = meetingSummary(tx, meetingId)!;
  const mail = justeratMail({
    meetingTitle: meeting.title,
    groupName: meeting.groupName,
    startsAt: meeting.startsAt,
    pdfLink: mailLink(`/moten/${meetingId}/protokoll.pdf`),
    meetingLink: mailLink(`/moten/${meetingId}`),
  });
  for (const personId of membersOf(tx, meeting.groupId)) {
    notify(
      tx,
      {
        personId,
        kind: "protocol_justerat",
        title: `Protokollet är justerat: ${meeting.title} – ${meeting.groupName}, ${stockholmLongDate(meeting.startsAt)}`,
        link: `/moten/${meetingId}`,
        dedupeKey: `justerat:${meetingId}:${personId}`,
        mail,
      },
      now,
    );
  }
}

/** The members of the meeting's group, each once. */
function membersOf(tx: Db, groupId: number): number[] {
  return tx
    .select({ personId: memberships.personId })
    .from(memberships)
    .where(eq(memberships.groupId, groupId))
    .all()
    .map((m) => m.personId);
}

/**
 * When a lägesbild or åtgärdsplan is put up for decision at a lokal styrgrupp meeting: every member of
 * that styrgrupp is told, inside the put-up's transaction. Per version: put up again after being sent
 * back, it is told again.
 */
export function queuePutUpNotices(tx: Db, meetingId: number, put: { title: string; versionId: number }, now = new Date()): void {
  const meeting = meetingSummary(tx, meetingId)!;
  const mail = steeringPutUpMail({
    title: put.title,
    agreementTitle: meeting.agreementTitle,
    groupName: meeting.groupName,
    meetingTitle: meeting.title,
    startsAt: meeting.startsAt,
    meetingLink: mailLink(`/moten/${meetingId}`),
    versionPdfLink: mailLink(`/versioner/${put.versionId}.pdf`),
  });
  for (const personId of membersOf(tx, meeting.groupId)) {
    notify(
      tx,
      {
        personId,
        kind: "steering_put_up",
        title: mail.subject,
        link: `/moten/${meetingId}`,
        dedupeKey: `put_up:${put.versionId}:${personId}`,
        mail,
      },
      now,
    );
  }
}
