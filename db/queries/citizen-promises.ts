/**
 * Medborgarlöften: the lokal styrgrupp decides a löfte by a § of kind "medborgarlofte"; its activities are
 * tracked like åtgärder and followed up at the styrgrupp's meetings. The register per agreement and year is
 * read by the members of the agreement's groups (final §§ only, except for the styrgrupp itself); the
 * styrgrupp's ordförande and sekreterare keep the activities and report their follow-ups. Every follow-up
 * is kept; a removed activity stays in the table (removed_at) and takes no more changes.
 */
import { and, asc, desc, eq, inArray, isNotNull, isNull, or } from "drizzle-orm";
import { type Db, writeTransaction } from "../client";
import { checkActivity, checkFollowUp, citizenPromisesPath, isClosedActivityStatus, type ActivityInput, type FollowUpInput } from "../domain/citizen-promises";
import { actionRowStatusLabels, paragraphLabel } from "../domain/labels";
import { stockholmDate, stockholmYear } from "../domain/stockholm-time";
import { agreements, citizenPromiseActivities, citizenPromiseFollowUps, decisions, groups, meetings, people, type MemberRole } from "../schema";
import { nowIso } from "../time";
import { membershipOf } from "./access";
import { agreementPeople, rolesUnderAgreement } from "./agreement-membership";
import { appendAudit } from "./audit";
import { ConflictError, ForbiddenError, NotFoundError } from "./errors";
import { assertRecordOpen, runsGroup } from "./meeting-rights";
import type { Viewer } from "./sessions";
import { localSteeringGroup } from "./steering-documents";

type LocalAgreement = { id: number; slug: string; title: string };

function localAgreementBySlug(db: Db, slug: string): LocalAgreement | null {
  const row = db
    .select({ id: agreements.id, slug: agreements.slug, title: agreements.title, scope: agreements.scope })
    .from(agreements)
    .where(eq(agreements.slug, slug))
    .get();
  return row && row.scope === "local" ? { id: row.id, slug: row.slug, title: row.title } : null;
}

function roleIn(db: Db, viewer: Viewer, groupId: number): MemberRole | null {
  return membershipOf(db, viewer, groupId)?.role ?? null;
}

/** Final: its protocol is justerat, or the § was justerad at once. Before that it may still be corrected. */
const isFinal = or(isNotNull(meetings.lockedAt), isNotNull(decisions.immediatelyApprovedAt));

const activityColumns = {
  id: citizenPromiseActivities.id,
  decisionId: citizenPromiseActivities.decisionId,
  title: citizenPromiseActivities.title,
  responsiblePersonId: citizenPromiseActivities.responsiblePersonId,
  responsibleName: people.name,
  startsOn: citizenPromiseActivities.startsOn,
  endsOn: citizenPromiseActivities.endsOn,
};

/** Every follow-up of the activities, newest first, with who reported and at which meeting. */
function followUpsOf(db: Db, activityIds: number[]) {
  if (activityIds.length === 0) return [];
  return db
    .select({
      id: citizenPromiseFollowUps.id,
      activityId: citizenPromiseFollowUps.activityId,
      status: citizenPromiseFollowUps.status,
      rag: citizenPromiseFollowUps.rag,
      comment: citizenPromiseFollowUps.comment,
      meetingId: citizenPromiseFollowUps.meetingId,
      meetingStartsAt: meetings.startsAt,
      reportedAt: citizenPromiseFollowUps.reportedAt,
      reportedBy: people.name,
    })
    .from(citizenPromiseFollowUps)
    .innerJoin(people, eq(people.id, citizenPromiseFollowUps.reportedBy))
    .leftJoin(meetings, eq(meetings.id, citizenPromiseFollowUps.meetingId))
    .where(inArray(citizenPromiseFollowUps.activityId, activityIds))
    .orderBy(desc(citizenPromiseFollowUps.reportedAt), desc(citizenPromiseFollowUps.id))
    .all();
}

/** The activities (not removed) with their follow-up history, newest first, and the latest follow-up. */
function activitiesWithFollowUps(db: Db, where: ReturnType<typeof and>) {
  const activities = db
    .select(activityColumns)
    .from(citizenPromiseActivities)
    .leftJoin(people, eq(people.id, citizenPromiseActivities.responsiblePersonId))
    .where(and(isNull(citizenPromiseActivities.removedAt), where))
    .orderBy(asc(citizenPromiseActivities.position), asc(citizenPromiseActivities.id))
    .all();
  const followUps = followUpsOf(
    db,
    activities.map((a) => a.id),
  );
  return activities.map((activity) => {
    const history = followUps.filter((f) => f.activityId === activity.id);
    return { ...activity, latest: history[0] ?? null, history };
  });
}

/** The people an activity may name as responsible: active members of the agreement's groups. */
const responsibleChoices = agreementPeople;

/**
 * The register of an agreement's medborgarlöften for a year: the lokal styrgrupp's §§ of kind medborgarlöfte,
 * each with its activities and their follow-ups. Null (one 404) for anyone who is not a member of a group
 * under the agreement, and for a city-wide agreement. A § whose protocol is not yet justerat is shown, marked,
 * only to the styrgrupp's members; `mayOpenMeeting` says whether its meeting is the viewer's to open.
 */
export function getCitizenPromiseRegister(db: Db, viewer: Viewer, slug: string, year: number) {
  const agreement = localAgreementBySlug(db, slug);
  if (!agreement || rolesUnderAgreement(db, viewer, agreement.id).length === 0) return null;
  const steering = localSteeringGroup(db, agreement.id) ?? null;
  const role = steering ? roleIn(db, viewer, steering.id) : null;
  const base = steering ? and(eq(decisions.groupId, steering.id), eq(decisions.kind, "medborgarlofte")) : undefined;
  const years = steering
    ? db
        .selectDistinct({ year: decisions.year })
        .from(decisions)
        .innerJoin(meetings, eq(meetings.id, decisions.meetingId))
        .where(role ? base : and(base, isFinal))
        .all()
        .map((r) => r.year)
    : [];
  const promises = steering
    ? db
        .select({
          id: decisions.id,
          number: decisions.number,
          year: decisions.year,
          title: decisions.title,
          text: decisions.text,
          adoptedAt: decisions.adoptedAt,
          meetingId: decisions.meetingId,
          lockedAt: meetings.lockedAt,
          immediatelyApprovedAt: decisions.immediatelyApprovedAt,
        })
        .from(decisions)
        .innerJoin(meetings, eq(meetings.id, decisions.meetingId))
        .where(and(base, eq(decisions.year, year), role ? undefined : isFinal))
        .orderBy(asc(decisions.number))
        .all()
    : [];
  const activities = activitiesWithFollowUps(
    db,
    inArray(
      citizenPromiseActivities.decisionId,
      promises.map((p) => p.id),
    ),
  );
  const mayEdit = runsGroup(role);
  return {
    agreement,
    steering,
    year,
    years: [...new Set([...years, year])].sort((a, b) => b - a),
    mayEdit,
    promises: promises.map(({ lockedAt, immediatelyApprovedAt, ...promise }) => ({
      ...promise,
      paragraph: paragraphLabel(promise.number, promise.year),
      final: lockedAt !== null || immediatelyApprovedAt !== null,
      mayOpenMeeting: role !== null,
      activities: activities.filter((a) => a.decisionId === promise.id),
    })),
    people: mayEdit ? responsibleChoices(db, agreement.id) : [],
  };
}

/** The § of kind medborgarlöfte and its lokal styrgrupp, when the viewer is its ordförande or sekreterare. */
function requirePromiseKeeper(db: Db, viewer: Viewer, decisionId: number) {
  const row = db
    .select({
      id: decisions.id,
      kind: decisions.kind,
      number: decisions.number,
      year: decisions.year,
      groupId: groups.id,
      groupKind: groups.kind,
      level: groups.level,
      agreementId: groups.agreementId,
    })
    .from(decisions)
    .innerJoin(groups, eq(groups.id, decisions.groupId))
    .where(eq(decisions.id, decisionId))
    .get();
  if (!row || row.kind !== "medborgarlofte" || row.groupKind !== "styrgrupp" || row.level !== "local") throw new NotFoundError();
  const role = roleIn(db, viewer, row.groupId);
  if (!role) throw new NotFoundError();
  if (!runsGroup(role)) throw new ForbiddenError("Bara styrgruppens ordförande och sekreterare kan ändra medborgarlöftenas aktiviteter.");
  return row;
}

function requireActivity(db: Db, viewer: Viewer, activityId: number) {
  const activity = db.select().from(citizenPromiseActivities).where(eq(citizenPromiseActivities.id, activityId)).get();
  if (!activity) throw new NotFoundError();
  const promise = requirePromiseKeeper(db, viewer, activity.decisionId);
  if (activity.removedAt !== null) throw new ConflictError("Aktiviteten är borttagen och kan inte ändras.");
  return { activity, promise };
}

function checkedActivity(db: Db, agreementId: number, input: ActivityInput) {
  const checked = checkActivity(input);
  if (!checked.ok) throw new ConflictError(checked.message, checked.field);
  const { responsiblePersonId } = checked.activity;
  if (responsiblePersonId !== null && !responsibleChoices(db, agreementId).some((p) => p.id === responsiblePersonId)) {
    throw new ConflictError("Välj en ansvarig bland medlemmarna i överenskommelsens grupper.", "responsiblePersonId");
  }
  return checked.activity;
}

function promiseSubject(promise: { id: number }): string {
  return `decision:${promise.id}`;
}

/** Adds an activity under a löfte, last in its list. */
export function addPromiseActivity(db: Db, viewer: Viewer, decisionId: number, input: ActivityInput, now = new Date()): number {
  const promise = requirePromiseKeeper(db, viewer, decisionId);
  const activity = checkedActivity(db, promise.agreementId, input);
  return writeTransaction(db, (tx) => {
    const last = tx
      .select({ position: citizenPromiseActivities.position })
      .from(citizenPromiseActivities)
      .where(eq(citizenPromiseActivities.decisionId, decisionId))
      .orderBy(desc(citizenPromiseActivities.position))
      .get();
    const { id } = tx
      .insert(citizenPromiseActivities)
      .values({ decisionId, ...activity, position: (last?.position ?? 0) + 1, createdBy: viewer.id, createdAt: nowIso(now) })
      .returning({ id: citizenPromiseActivities.id })
      .get();
    appendAudit(
      tx,
      {
        actorId: viewer.id,
        action: "citizen_promise.activity_added",
        subject: promiseSubject(promise),
        payload: { activityId: id, title: activity.title, detail: paragraphLabel(promise.number, promise.year) },
      },
      now,
    );
    return id;
  });
}

/** Changes an activity's title, responsible person and dates; its follow-ups stay as reported. */
export function editPromiseActivity(db: Db, viewer: Viewer, activityId: number, input: ActivityInput, now = new Date()): void {
  const { promise } = requireActivity(db, viewer, activityId);
  const activity = checkedActivity(db, promise.agreementId, input);
  writeTransaction(db, (tx) => {
    const changed = tx
      .update(citizenPromiseActivities)
      .set(activity)
      .where(and(eq(citizenPromiseActivities.id, activityId), isNull(citizenPromiseActivities.removedAt)))
      .run();
    if (changed.changes === 0) throw new ConflictError("Aktiviteten är borttagen och kan inte ändras.");
    appendAudit(
      tx,
      { actorId: viewer.id, action: "citizen_promise.activity_changed", subject: promiseSubject(promise), payload: { activityId, title: activity.title } },
      now,
    );
  });
}

/** Removes an activity from the register; the row and its follow-ups are kept for the record. */
export function removePromiseActivity(db: Db, viewer: Viewer, activityId: number, now = new Date()): void {
  const { activity, promise } = requireActivity(db, viewer, activityId);
  writeTransaction(db, (tx) => {
    const changed = tx
      .update(citizenPromiseActivities)
      .set({ removedAt: nowIso(now) })
      .where(and(eq(citizenPromiseActivities.id, activityId), isNull(citizenPromiseActivities.removedAt)))
      .run();
    if (changed.changes === 0) throw new ConflictError("Aktiviteten är redan borttagen.");
    appendAudit(
      tx,
      { actorId: viewer.id, action: "citizen_promise.activity_removed", subject: promiseSubject(promise), payload: { activityId, title: activity.title } },
      now,
    );
  });
}

/**
 * Reports a follow-up of an activity: status, RAG mark and comment, optionally at one of the styrgrupp's
 * meetings (then only while that meeting's record is open). Every report is kept.
 */
export function reportPromiseFollowUp(
  db: Db,
  viewer: Viewer,
  activityId: number,
  input: FollowUpInput & { meetingId?: number | null },
  now = new Date(),
): number {
  const { activity, promise } = requireActivity(db, viewer, activityId);
  const checked = checkFollowUp(input);
  if (!checked.ok) throw new ConflictError(checked.message, checked.field);
  const meetingId = input.meetingId ?? null;
  if (meetingId !== null) {
    const meeting = db.select({ groupId: meetings.groupId }).from(meetings).where(eq(meetings.id, meetingId)).get();
    if (!meeting || meeting.groupId !== promise.groupId) throw new NotFoundError();
  }
  return writeTransaction(db, (tx) => {
    if (meetingId !== null) assertRecordOpen(tx, meetingId);
    const removed = tx
      .select({ removedAt: citizenPromiseActivities.removedAt })
      .from(citizenPromiseActivities)
      .where(eq(citizenPromiseActivities.id, activityId))
      .get()?.removedAt;
    if (removed) throw new ConflictError("Aktiviteten är borttagen och kan inte följas upp.");
    const { id } = tx
      .insert(citizenPromiseFollowUps)
      .values({ activityId, ...checked.followUp, meetingId, reportedBy: viewer.id, reportedAt: nowIso(now) })
      .returning({ id: citizenPromiseFollowUps.id })
      .get();
    appendAudit(
      tx,
      {
        actorId: viewer.id,
        action: "citizen_promise.followed_up",
        subject: promiseSubject(promise),
        payload: { activityId, followUpId: id, meetingId, title: activity.title, detail: actionRowStatusLabels[checked.followUp.status] },
      },
      now,
    );
    return id;
  });
}

/**
 * "Uppföljning av medborgarlöften" on a lokal styrgrupp's meeting: the activities of the löften decided in
 * the meeting's year, and the year before (a löfte decided in the autumn runs into the next year), that are
 * not genomförda or stoppade. Null for other groups' meetings and for a viewer
 * who is not a member of the group. `mayReport`: the chair or secretary, while the record is open.
 */
export function promiseActivitiesForMeeting(db: Db, viewer: Viewer, meetingId: number) {
  const meeting = db
    .select({
      groupId: meetings.groupId,
      startsAt: meetings.startsAt,
      lockedAt: meetings.lockedAt,
      kind: groups.kind,
      level: groups.level,
      slug: agreements.slug,
    })
    .from(meetings)
    .innerJoin(groups, eq(groups.id, meetings.groupId))
    .innerJoin(agreements, eq(agreements.id, groups.agreementId))
    .where(eq(meetings.id, meetingId))
    .get();
  if (!meeting || meeting.kind !== "styrgrupp" || meeting.level !== "local") return null;
  const role = roleIn(db, viewer, meeting.groupId);
  if (!role) return null;
  const year = stockholmYear(meeting.startsAt);
  const promises = db
    .select({ id: decisions.id, number: decisions.number, year: decisions.year, title: decisions.title })
    .from(decisions)
    .where(and(eq(decisions.groupId, meeting.groupId), eq(decisions.kind, "medborgarlofte"), inArray(decisions.year, [year - 1, year])))
    .all();
  const activities = activitiesWithFollowUps(
    db,
    inArray(
      citizenPromiseActivities.decisionId,
      promises.map((p) => p.id),
    ),
  )
    .filter((a) => !isClosedActivityStatus(a.latest?.status ?? null))
    .map(({ history: _history, ...a }) => {
      const promise = promises.find((p) => p.id === a.decisionId)!;
      return { ...a, promiseTitle: promise.title, paragraph: paragraphLabel(promise.number, promise.year) };
    });
  return { activities, mayReport: runsGroup(role) && meeting.lockedAt === null, registerPath: citizenPromisesPath(meeting.slug, year) };
}

/**
 * For the home page: the activities I am responsible for whose löfte I may read (a member of a group under
 * its agreement), not genomförda or stoppade, each with the link to its register.
 */
export function myPromiseActivities(db: Db, viewer: Viewer, now = new Date()) {
  const rows = db
    .select({
      ...activityColumns,
      agreementId: agreements.id,
      slug: agreements.slug,
      year: decisions.year,
      promiseTitle: decisions.title,
      groupId: decisions.groupId,
      lockedAt: meetings.lockedAt,
      immediatelyApprovedAt: decisions.immediatelyApprovedAt,
    })
    .from(citizenPromiseActivities)
    .leftJoin(people, eq(people.id, citizenPromiseActivities.responsiblePersonId))
    .innerJoin(decisions, eq(decisions.id, citizenPromiseActivities.decisionId))
    .innerJoin(groups, eq(groups.id, decisions.groupId))
    .innerJoin(agreements, eq(agreements.id, groups.agreementId))
    .innerJoin(meetings, eq(meetings.id, decisions.meetingId))
    .where(and(eq(citizenPromiseActivities.responsiblePersonId, viewer.id), isNull(citizenPromiseActivities.removedAt), eq(decisions.kind, "medborgarlofte")))
    .orderBy(asc(citizenPromiseActivities.endsOn), asc(citizenPromiseActivities.id))
    .all()
    // As on the register: a § not yet final only for the styrgrupp's members.
    .filter((row) =>
      row.lockedAt !== null || row.immediatelyApprovedAt !== null
        ? rolesUnderAgreement(db, viewer, row.agreementId).length > 0
        : roleIn(db, viewer, row.groupId) !== null,
    );
  const latest = followUpsOf(
    db,
    rows.map((r) => r.id),
  );
  const today = stockholmDate(now);
  return rows
    .map((row) => ({ ...row, status: latest.find((f) => f.activityId === row.id)?.status ?? null }))
    .filter((row) => !isClosedActivityStatus(row.status))
    .map(({ lockedAt: _locked, immediatelyApprovedAt: _approved, ...row }) => ({
      ...row,
      overdue: row.endsOn !== null && row.endsOn < today,
      path: citizenPromisesPath(row.slug, row.year),
    }));
}
