/**
 * The kommunikationsplan of a local agreement: who in the parties tells whom what, through which
 * channel and when. Its running text is the live document `kommunikationsplan-<planId>`; its
 * activities are rows edited by form. Who writes it is the agreement's document rule
 * (agreementDocumentAccess, as for the åtgärdsplan); the lokal styrgrupp decides it like the other
 * bilagor (steering-documents.ts), and a version freezes the text and the activities.
 */
import { and, asc, eq, isNull } from "drizzle-orm";
import { type Db, writeTransaction } from "../client";
import { documentName } from "../domain/document-names";
import { communicationActivities, communicationPlans, people } from "../schema";
import { nowIso } from "../time";
import { agreementPeople, localAgreementBySlug } from "./agreement-membership";
import { appendAudit } from "./audit";
import { ensurePlan } from "./continuing-plans";
import { agreementDocumentAccess } from "./document-access";
import { ConflictError, ForbiddenError, NotFoundError } from "./errors";
import type { Viewer } from "./sessions";

/** One activity as the forms give it, validated at the boundary (app/utils/kommunikationsplan-validation.ts). */
export interface ActivityInput {
  what: string;
  audience: string;
  channel: string;
  timing: string;
  plannedOn: string | null;
  responsiblePersonId: number | null;
  responsibleFunction: string;
}

/** The plan's activities in order (removed ones left out), with the responsible person's name. */
export function listActivities(db: Db, planId: number) {
  return db
    .select({
      id: communicationActivities.id,
      position: communicationActivities.position,
      what: communicationActivities.what,
      audience: communicationActivities.audience,
      channel: communicationActivities.channel,
      timing: communicationActivities.timing,
      plannedOn: communicationActivities.plannedOn,
      responsiblePersonId: communicationActivities.responsiblePersonId,
      responsibleName: people.name,
      responsibleFunction: communicationActivities.responsibleFunction,
    })
    .from(communicationActivities)
    .leftJoin(people, eq(people.id, communicationActivities.responsiblePersonId))
    .where(and(eq(communicationActivities.planId, planId), isNull(communicationActivities.removedAt)))
    .orderBy(asc(communicationActivities.position), asc(communicationActivities.id))
    .all();
}

export type CommunicationActivity = ReturnType<typeof listActivities>[number];

/** "Vem": the responsible function and person together, as the table and the exports show them. */
export function responsibleLine(activity: { responsibleFunction: string; responsibleName: string | null }): string {
  return [activity.responsibleFunction, activity.responsibleName].filter((s) => s).join(", ");
}

/**
 * The kommunikationsplan page of a local agreement, or null (404) when the agreement is missing or not
 * local, or the viewer may not read its plan. Access is decided before the plan is created, so an
 * outsider's request creates nothing.
 */
export function getKommunikationsplanPage(db: Db, viewer: Viewer, slug: string, now = new Date()) {
  const agreement = localAgreementBySlug(db, slug);
  if (!agreement) return null;
  const access = agreementDocumentAccess(db, viewer, agreement.id, "kommunikationsplan");
  if (!access.ok) return null;
  const plan = ensurePlan(db, "kommunikationsplan", agreement.id, viewer.id, now);
  const editable = access.mode === "edit";
  return {
    agreement,
    plan: { id: plan.id, status: plan.status, documentName: documentName({ kind: "kommunikationsplan", planId: plan.id }) },
    editable,
    activities: listActivities(db, plan.id),
    people: editable ? agreementPeople(db, agreement.id) : [],
  };
}

/** What a version of the kommunikationsplan freezes: its text and its activities (the responsible person by name, as it was then). */
export function communicationPlanVersionContent(db: Db, planId: number) {
  const plan = db.select().from(communicationPlans).where(eq(communicationPlans.id, planId)).get();
  if (!plan) return null;
  return {
    parts: [{ documentName: documentName({ kind: "kommunikationsplan", planId }), title: "Kommunikationsplan" }],
    // The id stays: comparing two versions matches an activity by it.
    data: { activities: listActivities(db, planId).map(({ position: _position, ...activity }) => activity) },
  };
}

/** An activity as a version of the plan holds it (in its data, as JSON). */
export type VersionActivity = NonNullable<ReturnType<typeof communicationPlanVersionContent>>["data"]["activities"][number];

/** The plan, once the viewer may write it: 404 for one who may not read it, 403 for a reader. */
function editablePlan(db: Db, viewer: Viewer, planId: number) {
  const plan = db.select().from(communicationPlans).where(eq(communicationPlans.id, planId)).get();
  if (!plan) throw new NotFoundError();
  const access = agreementDocumentAccess(db, viewer, plan.agreementId, "kommunikationsplan");
  if (!access.ok) throw new NotFoundError();
  if (access.mode !== "edit") throw new ForbiddenError("Du kan läsa kommunikationsplanen men inte ändra den.");
  return plan;
}

function editableActivity(db: Db, viewer: Viewer, activityId: number) {
  const activity = db.select().from(communicationActivities).where(eq(communicationActivities.id, activityId)).get();
  if (!activity || activity.removedAt !== null) throw new NotFoundError();
  return { activity, plan: editablePlan(db, viewer, activity.planId) };
}

/** The domain's rules for an activity, whoever calls: something to communicate, and a responsible person from the agreement's groups. */
function checkedInput(db: Db, agreementId: number, input: ActivityInput): ActivityInput {
  const what = input.what.trim();
  if (what === "") throw new ConflictError("Ange vad som ska kommuniceras.", "what");
  if (input.responsiblePersonId !== null && !agreementPeople(db, agreementId).some((p) => p.id === input.responsiblePersonId)) {
    throw new ConflictError("Välj en person i överenskommelsens grupper.", "responsiblePersonId");
  }
  return { ...input, what };
}

function auditActivity(
  tx: Db,
  viewer: Viewer,
  planId: number,
  action: "added" | "changed" | "moved" | "removed",
  detail: string,
  activityId: number,
  now: Date,
): void {
  appendAudit(
    tx,
    {
      actorId: viewer.id,
      action: `communication_plan.activity_${action}`,
      subject: `kommunikationsplan:${planId}`,
      payload: { title: "Kommunikationsplan", detail, activityId },
    },
    now,
  );
}

export function addActivity(db: Db, viewer: Viewer, planId: number, input: ActivityInput, now = new Date()): number {
  return writeTransaction(db, (tx) => {
    const plan = editablePlan(tx, viewer, planId);
    const fields = checkedInput(tx, plan.agreementId, input);
    const last = listActivities(tx, planId).at(-1);
    const at = nowIso(now);
    const row = tx
      .insert(communicationActivities)
      .values({ ...fields, planId, position: (last?.position ?? -1) + 1, createdBy: viewer.id, createdAt: at, updatedAt: at })
      .returning({ id: communicationActivities.id })
      .get();
    auditActivity(tx, viewer, planId, "added", fields.what, row.id, now);
    return row.id;
  });
}

export function updateActivity(db: Db, viewer: Viewer, activityId: number, input: ActivityInput, now = new Date()): void {
  writeTransaction(db, (tx) => {
    const { plan } = editableActivity(tx, viewer, activityId);
    const fields = checkedInput(tx, plan.agreementId, input);
    tx.update(communicationActivities)
      .set({ ...fields, updatedAt: nowIso(now) })
      .where(eq(communicationActivities.id, activityId))
      .run();
    auditActivity(tx, viewer, plan.id, "changed", fields.what, activityId, now);
  });
}

/** Removes an activity from the plan; the row stays (removed_at), so history and versions keep reading. */
export function removeActivity(db: Db, viewer: Viewer, activityId: number, now = new Date()): void {
  writeTransaction(db, (tx) => {
    const { activity, plan } = editableActivity(tx, viewer, activityId);
    const at = nowIso(now);
    tx.update(communicationActivities).set({ removedAt: at, updatedAt: at }).where(eq(communicationActivities.id, activityId)).run();
    auditActivity(tx, viewer, plan.id, "removed", activity.what, activityId, now);
  });
}

/** Moves an activity one step up or down the plan (swaps positions with its neighbour). */
export function moveActivity(db: Db, viewer: Viewer, activityId: number, direction: "up" | "down", now = new Date()): void {
  writeTransaction(db, (tx) => {
    const { activity, plan } = editableActivity(tx, viewer, activityId);
    const list = listActivities(tx, plan.id);
    const index = list.findIndex((a) => a.id === activityId);
    const neighbour = list[direction === "up" ? index - 1 : index + 1];
    if (!neighbour) return;
    // Positions are renumbered in list order first, so two rows that share a position still swap.
    list.forEach((a, i) => tx.update(communicationActivities).set({ position: i }).where(eq(communicationActivities.id, a.id)).run());
    tx.update(communicationActivities)
      .set({ position: list.indexOf(neighbour) })
      .where(eq(communicationActivities.id, activityId))
      .run();
    tx.update(communicationActivities).set({ position: index }).where(eq(communicationActivities.id, neighbour.id)).run();
    auditActivity(tx, viewer, plan.id, "moved", `${direction === "up" ? "Upp" : "Ned"}: ${activity.what}`, activityId, now);
  });
}
