import { and, eq, inArray, isNotNull, isNull } from "drizzle-orm";
import { type Db, writeTransaction } from "../client";
import { liveEvents } from "../live-events";
import { documents, meetings, memberships, minutesAddenda, minutesApprovers, people, type MeetingStatus } from "../schema";
import { approverCapacities } from "../domain/enums";
import { nowIso } from "../time";
import { nextStatusByHand } from "../domain/meeting-status";
import { groupHasOpenActionItems } from "./action-items";
import { carryPostponedItems, insertAgendaItem } from "./agenda";
import { appendAudit } from "./audit";
import { canViewGroup, inViewerGroups } from "./access";
import { ConflictError, ForbiddenError, NotFoundError } from "./errors";
import { queueJusteratNotices, queueJusteringRequests, queueKallelse } from "./meeting-notices";
import { queueDeliveredProtocolNotices } from "./delivered-protocols";
import { chairOnStart, followChairInApprovers, signingChairId } from "./meeting-chair";
import { assertRecordOpen, requireRunning, requireVisibleMeeting } from "./meeting-rights";
import { numberParagraphsThrough } from "./paragraphs";
import { currentRecordVersion } from "./record-version";
import { FOLLOW_UP_TITLE, standardAgendaOf } from "./standard-agenda";
import type { Viewer } from "./sessions";

export interface NewMeeting {
  groupId: number;
  title: string;
  startsAt: string;
  endsAt: string | null;
  location: string | null;
  videoLink: string | null;
}

/** A meeting's end, when given, comes after its start; the form's "Slutar" field says so. */
function assertEndsAfterStart(input: { startsAt: string; endsAt: string | null }): void {
  if (input.endsAt && input.endsAt <= input.startsAt) throw new ConflictError("Mötet måste sluta efter att det börjat.", "endTime");
}

/**
 * Creates a meeting (chair or secretary of the group) with the group's standard
 * agenda. "Uppföljning av uppdrag" stands where the list has it while the group
 * has open uppdrag (an empty follow-up is left out); with open uppdrag and a list
 * without it, it is added at the end, so open uppdrag are never left unmentioned.
 */
export function createMeeting(db: Db, viewer: Viewer, input: NewMeeting, now = new Date()): number {
  if (!canViewGroup(db, viewer, input.groupId)) throw new NotFoundError();
  const role = db
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.groupId, input.groupId), eq(memberships.personId, viewer.id)))
    .get()?.role;
  if (role !== "ordforande" && role !== "sekreterare") throw new ForbiddenError("Endast ordförande och sekreterare kan kalla till möte.");
  assertEndsAfterStart(input);
  // One transaction: a meeting never exists without its standard agenda, nor half of it.
  const id = writeTransaction(db, (tx) => {
    const meetingId = tx
      .insert(meetings)
      .values({ ...input, status: "planerat", createdBy: viewer.id, createdAt: nowIso(now) })
      .returning({ id: meetings.id })
      .get().id;
    const followUp = groupHasOpenActionItems(tx, input.groupId);
    const standard = standardAgendaOf(tx, input.groupId);
    const items = standard.filter((item) => followUp || item.title !== FOLLOW_UP_TITLE);
    if (followUp && !items.some((item) => item.title === FOLLOW_UP_TITLE)) items.push({ title: FOLLOW_UP_TITLE, kind: "information" });
    for (const item of items) insertAgendaItem(tx, meetingId, { ...item, presenterId: null }, null, null, now);
    // Bordlagda and struck ärenden waiting for a next meeting come onto this one.
    carryPostponedItems(tx, input.groupId, now);
    return meetingId;
  });
  return id;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Starting now would be more than a day before the planned start: likely the wrong meeting, so the page asks first. */
export function startsMoreThanADayEarly(startsAt: string, now = new Date()): boolean {
  return new Date(startsAt).getTime() - now.getTime() > DAY_MS;
}

/**
 * Starts or ends a meeting (planerat → pågår → avslutat); justerat only follows from approval.
 * The moment is recorded (started_at, ended_at): the protocol's head gives the time the meeting
 * actually took, not the time it was planned for. Starting it settles who leads it (chaired_by,
 * see chairOnStart) unless a chair was chosen beforehand.
 */
export function advanceMeetingStatus(db: Db, viewer: Viewer, meetingId: number, to: MeetingStatus, now = new Date()): void {
  const { groupId } = requireRunning(db, viewer, meetingId);
  const receiving = writeTransaction(db, (tx) => {
    assertRecordOpen(tx, meetingId);
    // Read inside the transaction: a cancellation or another start committing at the same moment is seen.
    const { status: from } = tx.select({ status: meetings.status }).from(meetings).where(eq(meetings.id, meetingId)).get()!;
    if (nextStatusByHand(from) !== to) throw new ConflictError(from === "installt" ? "Mötet är inställt." : "Mötet kan inte byta till den statusen nu.");
    const at = nowIso(now);
    const chairedBy = to === "pagar" ? chairOnStart(tx, meetingId, groupId, viewer.id, at) : null;
    const moment = to === "pagar" ? { startedAt: at, chairedBy } : { endedAt: at };
    tx.update(meetings)
      .set({ status: to, ...moment })
      .where(eq(meetings.id, meetingId))
      .run();
    if (chairedBy !== null) followChairInApprovers(tx, meetingId, chairedBy);
    const payload = { from, to, ...(to === "pagar" ? { chairedBy } : {}) };
    appendAudit(tx, { actorId: viewer.id, action: "meeting.status", subject: `meeting:${meetingId}`, payload }, now);
    if (to !== "avslutat") return [];
    queueJusteringRequests(tx, meetingId, now);
    // Every ärende on the agenda was dealt with: those not yet given a § get theirs, in agenda order,
    // and the bordlagda and struck ones move on to the next planned meeting.
    numberParagraphsThrough(tx, meetingId, null, now);
    return carryPostponedItems(tx, groupId, now);
  });
  for (const id of [meetingId, ...receiving]) liveEvents().emit("meetingChanged", id);
}

export interface MeetingTimeAndPlace {
  startsAt: string;
  endsAt: string | null;
  location: string | null;
  videoLink: string | null;
}

/**
 * Changes a planned meeting's time, place or video link (chair or secretary).
 * Once it has started, the planned time is history and stays as it was; a
 * cancelled meeting is not moved either (call a new one).
 */
export function editMeeting(db: Db, viewer: Viewer, meetingId: number, input: MeetingTimeAndPlace, now = new Date()): void {
  requireRunning(db, viewer, meetingId);
  assertEndsAfterStart(input);
  writeTransaction(db, (tx) => {
    assertRecordOpen(tx, meetingId);
    const before = tx
      .select({ status: meetings.status, startsAt: meetings.startsAt, endsAt: meetings.endsAt, location: meetings.location, videoLink: meetings.videoLink })
      .from(meetings)
      .where(eq(meetings.id, meetingId))
      .get()!;
    if (before.status === "installt") throw new ConflictError("Mötet är inställt och kan inte ändras.");
    if (before.status !== "planerat") throw new ConflictError("Mötet har redan startat; tid och plats kan inte längre ändras.");
    const changed = (Object.keys(input) as (keyof MeetingTimeAndPlace)[]).filter((key) => before[key] !== input[key]);
    if (changed.length === 0) return;
    tx.update(meetings).set(input).where(eq(meetings.id, meetingId)).run();
    appendAudit(
      tx,
      {
        actorId: viewer.id,
        action: "meeting.edited",
        subject: `meeting:${meetingId}`,
        payload: { from: Object.fromEntries(changed.map((k) => [k, before[k]])), to: Object.fromEntries(changed.map((k) => [k, input[k]])) },
      },
      now,
    );
    // Members who got the kallelse get the updated one, with a calendar update (SEQUENCE one higher).
    queueKallelse(tx, meetingId, "changed", now);
  });
  liveEvents().emit("meetingChanged", meetingId);
}

/**
 * Cancels a planned meeting (inställt), with the reason given (chair or
 * secretary). It stays in the list as inställt, is sent as cancelled to
 * calendars and does not count as held. A meeting that has started cannot be
 * cancelled: it took place.
 */
export function cancelMeeting(db: Db, viewer: Viewer, meetingId: number, reason: string, now = new Date()): void {
  requireRunning(db, viewer, meetingId);
  writeTransaction(db, (tx) => {
    assertRecordOpen(tx, meetingId);
    const { status } = tx.select({ status: meetings.status }).from(meetings).where(eq(meetings.id, meetingId)).get()!;
    if (status === "installt") throw new ConflictError("Mötet är redan inställt.");
    if (status !== "planerat") throw new ConflictError("Mötet har redan startat och kan inte ställas in.");
    tx.update(meetings)
      .set({ status: "installt", cancelledAt: nowIso(now), cancelReason: reason })
      .where(eq(meetings.id, meetingId))
      .run();
    appendAudit(tx, { actorId: viewer.id, action: "meeting.cancelled", subject: `meeting:${meetingId}`, payload: { from: status, reason } }, now);
    queueKallelse(tx, meetingId, "cancelled", now);
  });
  liveEvents().emit("meetingChanged", meetingId);
}

/**
 * Reopens an ended meeting (avslutat → pågår), for a chair who ended it too
 * early. Only an ordförande of the group (either, when it is led jointly) may,
 * and only while nobody has approved the minutes: an approval is of the record
 * as it stood, so after one the meeting stays ended (and after the lock it is
 * justerat for good).
 */
export function reopenMeeting(db: Db, viewer: Viewer, meetingId: number, now = new Date()): void {
  const context = requireVisibleMeeting(db, viewer, meetingId);
  if (context.role !== "ordforande") throw new ForbiddenError("Endast gruppens ordförande kan återöppna mötet.");
  writeTransaction(db, (tx) => {
    // Checked inside the write transaction: an approval committing at the same moment either comes first and
    // refuses the reopening, or comes after and finds the meeting running again.
    assertRecordOpen(tx, meetingId);
    const meeting = tx.select({ status: meetings.status, endedAt: meetings.endedAt }).from(meetings).where(eq(meetings.id, meetingId)).get()!;
    if (meeting.status !== "avslutat") throw new ConflictError("Bara ett avslutat möte kan återöppnas.");
    if (hasAnyApproval(tx, meetingId)) throw new ConflictError("Mötet kan inte återöppnas: protokollet har redan justerats av någon.");
    // The recorded end no longer holds: the meeting goes on, and ending it again records the new end.
    tx.update(meetings).set({ status: "pagar", endedAt: null }).where(eq(meetings.id, meetingId)).run();
    appendAudit(
      tx,
      { actorId: viewer.id, action: "meeting.reopened", subject: `meeting:${meetingId}`, payload: { from: "avslutat", to: "pagar", endedAt: meeting.endedAt } },
      now,
    );
  });
  liveEvents().emit("meetingChanged", meetingId);
}

/** Whether anyone has approved the minutes, also an approval of an earlier version that no longer holds. */
function hasAnyApproval(db: Db, meetingId: number): boolean {
  const row = db
    .select({ id: minutesApprovers.id })
    .from(minutesApprovers)
    .where(and(eq(minutesApprovers.meetingId, meetingId), isNotNull(minutesApprovers.approvedAt)))
    .limit(1)
    .get();
  return row !== undefined;
}

/** Whether the viewer may reopen the meeting now: what the page offers; reopenMeeting decides again on the server. */
export function canReopenMeeting(db: Db, context: { meeting: { id: number; status: MeetingStatus; lockedAt: string | null }; role: string | null }): boolean {
  return context.role === "ordforande" && context.meeting.status === "avslutat" && !context.meeting.lockedAt && !hasAnyApproval(db, context.meeting.id);
}

/**
 * Chooses the one or two justerare, and with them who signs the minutes: the
 * chair who led the meeting (or, before anyone leads it, the group's first
 * ordförande), the justerare (a co-chair not leading the meeting may be one)
 * and the group's sekreterare, who writes the protocol, unless already among them.
 * Each gets an approval task.
 */
export function chooseJusterare(db: Db, viewer: Viewer, meetingId: number, personIds: number[]): void {
  const context = requireRunning(db, viewer, meetingId);
  if (context.locked) throw new ConflictError("Protokollet är redan justerat.");
  const unique = [...new Set(personIds)];
  if (unique.length < 1 || unique.length > 2) throw new ConflictError("Välj en eller två justerare.", "justerare");
  const groupMembers = db
    .select({ personId: memberships.personId, role: memberships.role })
    .from(memberships)
    .where(eq(memberships.groupId, context.groupId))
    .orderBy(memberships.id)
    .all();
  const chair = signingChairId(db, meetingId, context.groupId);
  const secretary = groupMembers.find((m) => m.role === "sekreterare")?.personId;
  if (unique.some((id) => !groupMembers.some((m) => m.personId === id))) throw new ConflictError("Justerare måste vara medlemmar i gruppen.", "justerare");
  if (chair !== null && unique.includes(chair))
    throw new ConflictError("Ordföranden som leder mötet justerar redan; välj någon annan som justerare.", "justerare");
  writeTransaction(db, (tx) => {
    assertRecordOpen(tx, meetingId);
    tx.delete(minutesApprovers).where(eq(minutesApprovers.meetingId, meetingId)).run();
    if (chair !== null) tx.insert(minutesApprovers).values({ meetingId, personId: chair, capacity: "ordforande" }).run();
    for (const personId of unique) tx.insert(minutesApprovers).values({ meetingId, personId, capacity: "justerare" }).run();
    if (secretary !== undefined && !unique.includes(secretary))
      tx.insert(minutesApprovers).values({ meetingId, personId: secretary, capacity: "sekreterare" }).run();
    // Justerare chosen after the meeting ended are asked at once (those asked before are not asked twice).
    const { status } = tx.select({ status: meetings.status }).from(meetings).where(eq(meetings.id, meetingId)).get()!;
    if (status === "avslutat") queueJusteringRequests(tx, meetingId);
  });
  liveEvents().emit("meetingChanged", meetingId);
}

/**
 * Where an approver's justering stands: "holds" while the record is the very
 * version they approved, "voided" once it changed after they approved (they
 * must read it again and approve anew), "none" before they approved.
 */
export type ApprovalState = "holds" | "voided" | "none";

function approvalState(approvedAt: string | null, approvedSha256: string | null, currentSha256: () => string): ApprovalState {
  if (!approvedAt) return "none";
  return approvedSha256 !== null && approvedSha256 === currentSha256() ? "holds" : "voided";
}

/**
 * The signers (the chair who led the meeting, the justerare, the sekreterare, in that order) with their
 * approvals; the record's current version is read only when someone has approved.
 */
export function listApprovers(db: Db, meetingId: number) {
  const rows = db
    .select({
      personId: minutesApprovers.personId,
      name: people.name,
      capacity: minutesApprovers.capacity,
      approvedAt: minutesApprovers.approvedAt,
      approvedContentSha256: minutesApprovers.approvedContentSha256,
      comment: minutesApprovers.comment,
      lockedAt: meetings.lockedAt,
    })
    .from(minutesApprovers)
    .innerJoin(people, eq(people.id, minutesApprovers.personId))
    .innerJoin(meetings, eq(meetings.id, minutesApprovers.meetingId))
    .where(eq(minutesApprovers.meetingId, meetingId))
    .orderBy(minutesApprovers.id)
    .all()
    .sort((a, b) => approverCapacities.indexOf(a.capacity) - approverCapacities.indexOf(b.capacity));
  const current = once(() => currentRecordVersion(db, meetingId).sha256);
  return rows.map(({ approvedContentSha256, lockedAt, ...row }) => ({
    ...row,
    // Locked minutes were locked only with every approval holding, and cannot change since.
    approval: lockedAt ? ("holds" as const) : approvalState(row.approvedAt, approvedContentSha256, current),
  }));
}

/** Meetings whose minutes wait for the viewer's approval ("Att justera") in groups the viewer is still in, including those changed since they approved. */
export function listMyApprovalTasks(db: Db, viewer: Viewer) {
  return db
    .select({
      meetingId: meetings.id,
      title: meetings.title,
      startsAt: meetings.startsAt,
      capacity: minutesApprovers.capacity,
      approvedAt: minutesApprovers.approvedAt,
      approvedContentSha256: minutesApprovers.approvedContentSha256,
    })
    .from(minutesApprovers)
    .innerJoin(meetings, eq(meetings.id, minutesApprovers.meetingId))
    .where(and(eq(minutesApprovers.personId, viewer.id), eq(meetings.status, "avslutat"), inViewerGroups(db, viewer, meetings.groupId)))
    .all()
    .map(({ approvedAt, approvedContentSha256, ...task }) => ({
      ...task,
      approval: approvalState(approvedAt, approvedContentSha256, () => currentRecordVersion(db, task.meetingId).sha256),
    }))
    .filter((task) => task.approval !== "holds");
}

/** Whether the minutes are still open and someone has approved them, so an edit now voids an approval. */
export function hasApprovalsOfOpenMinutes(db: Db, meetingId: number): boolean {
  const row = db
    .select({ id: minutesApprovers.id })
    .from(minutesApprovers)
    .innerJoin(meetings, eq(meetings.id, minutesApprovers.meetingId))
    .where(and(eq(minutesApprovers.meetingId, meetingId), isNotNull(minutesApprovers.approvedAt), isNull(meetings.lockedAt)))
    .limit(1)
    .get();
  return row !== undefined;
}

function once<T>(compute: () => T): () => T {
  let value: { v: T } | undefined;
  return () => (value ??= { v: compute() }).v;
}

/** A signer's comment on the minutes before approving (the chair, a justerare or the sekreterare). */
export function commentOnMinutes(db: Db, viewer: Viewer, meetingId: number, comment: string, now = new Date()): void {
  requireVisibleMeeting(db, viewer, meetingId);
  const approver = db
    .select()
    .from(minutesApprovers)
    .where(and(eq(minutesApprovers.meetingId, meetingId), eq(minutesApprovers.personId, viewer.id)))
    .get();
  if (!approver) throw new ForbiddenError(NOT_A_SIGNER);
  writeTransaction(db, (tx) => {
    // The comment is part of the justering's record, so it neither changes after the lock nor without a trace.
    assertRecordOpen(tx, meetingId);
    tx.update(minutesApprovers).set({ comment }).where(eq(minutesApprovers.id, approver.id)).run();
    appendAudit(tx, { actorId: viewer.id, action: "minutes.comment", subject: `meeting:${meetingId}`, payload: { capacity: approver.capacity, comment } }, now);
  });
  liveEvents().emit("meetingChanged", meetingId);
}

/**
 * Approves the minutes as they stand now: the approval records the record's
 * version (SHA-256 and state vectors, see record-version.ts) and holds only
 * while the record is unchanged. When every signer (the chair, each justerare
 * and the sekreterare) holds an approval of the same, current version, the
 * meeting is justerat: it and its live documents are locked for good. Returns
 * whether this approval completed the justering.
 */
export function approveMinutes(db: Db, viewer: Viewer, meetingId: number, now = new Date()): boolean {
  const { meeting } = requireVisibleMeeting(db, viewer, meetingId);
  const approvers = db.select().from(minutesApprovers).where(eq(minutesApprovers.meetingId, meetingId)).all();
  const mine = approvers.find((a) => a.personId === viewer.id);
  if (!mine) throw new ForbiddenError(NOT_A_SIGNER);
  if (meeting.status !== "avslutat")
    throw new ConflictError(meeting.status === "justerat" ? "Protokollet är redan justerat." : "Mötet måste vara avslutat innan protokollet justeras.");
  if (!approvers.some((a) => a.capacity === "justerare")) throw new ConflictError("Inga justerare är valda.");
  const at = nowIso(now);
  const complete = writeTransaction(db, (tx) => {
    // Another approval may have completed the justering since the checks above.
    assertRecordOpen(tx, meetingId);
    // The version approved is read inside the write transaction (on the same connection): no edit can
    // be stored between reading it and locking on it.
    const version = currentRecordVersion(db, meetingId);
    tx.update(minutesApprovers)
      .set({ approvedAt: at, approvedContentSha256: version.sha256, approvedStateVectors: JSON.stringify(version.stateVectors) })
      .where(eq(minutesApprovers.id, mine.id))
      .run();
    const rows = tx.select().from(minutesApprovers).where(eq(minutesApprovers.meetingId, meetingId)).all();
    // Earlier approvals of another version no longer hold: recorded here, so the log shows who must approve again.
    const voided = rows.filter((row) => row.approvedAt && row.approvedContentSha256 !== version.sha256).map((row) => row.personId);
    appendAudit(
      tx,
      {
        actorId: viewer.id,
        action: "minutes.approved",
        subject: `meeting:${meetingId}`,
        payload: { capacity: mine.capacity, contentSha256: version.sha256, voided },
      },
      now,
    );
    // The lock holds only a record every approver saw: all approvals must be of this very version.
    if (!rows.every((row) => row.approvedContentSha256 === version.sha256)) return false;
    tx.update(meetings).set({ status: "justerat", lockedAt: at }).where(eq(meetings.id, meetingId)).run();
    tx.update(documents)
      .set({ lockedAt: at })
      .where(inArray(documents.name, meetingDocumentNames(tx, meetingId)))
      .run();
    appendAudit(
      tx,
      {
        actorId: viewer.id,
        action: "minutes.locked",
        subject: `meeting:${meetingId}`,
        payload: { approvers: rows.map((a) => a.personId), contentSha256: version.sha256 },
      },
      now,
    );
    queueJusteratNotices(tx, meetingId, now);
    // A stadsövergripande styrgrupp's protocol goes out to every lokal styrgrupp now: their members are told.
    queueDeliveredProtocolNotices(tx, meetingId, now);
    return true;
  });
  if (complete) liveEvents().emit("meetingLocked", meetingId);
  liveEvents().emit("meetingChanged", meetingId);
  return complete;
}

const NOT_A_SIGNER = "Endast mötets ordförande, justerarna och sekreteraren justerar protokollet.";

function meetingDocumentNames(db: Db, meetingId: number): string[] {
  return db
    .select({ name: documents.name })
    .from(documents)
    .where(eq(documents.meetingId, meetingId))
    .all()
    .map((d) => d.name);
}

/** Adds a dated addendum to locked minutes (chair or secretary); the minutes themselves never change. */
export function addAddendum(db: Db, viewer: Viewer, meetingId: number, text: string, now = new Date()): void {
  const context = requireRunning(db, viewer, meetingId);
  if (!context.locked) throw new ConflictError("Tillägg görs först när protokollet är justerat; ändra annars i anteckningarna.");
  writeTransaction(db, (tx) => {
    const { id } = tx
      .insert(minutesAddenda)
      .values({ meetingId, text, createdBy: viewer.id, createdAt: nowIso(now) })
      .returning({ id: minutesAddenda.id })
      .get();
    appendAudit(tx, { actorId: viewer.id, action: "minutes.addendum", subject: `meeting:${meetingId}`, payload: { addendumId: id, text } }, now);
  });
  liveEvents().emit("meetingChanged", meetingId);
}

export function listAddenda(db: Db, meetingId: number) {
  return db
    .select({ id: minutesAddenda.id, text: minutesAddenda.text, createdAt: minutesAddenda.createdAt, author: people.name })
    .from(minutesAddenda)
    .innerJoin(people, eq(people.id, minutesAddenda.createdBy))
    .where(eq(minutesAddenda.meetingId, meetingId))
    .orderBy(minutesAddenda.id)
    .all();
}
