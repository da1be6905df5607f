import { and, asc, desc, eq, inArray, isNull } from "drizzle-orm";
import { type Db, writeTransaction } from "../client";
import {
  pendingChange,
  planPromiseFields,
  planRowTitle,
  rowReferences,
  type DecidedPromise,
  type PendingChange,
  type PlanRow,
} from "../domain/action-plan-rows";
import type { ActionRowStatus, RagMark } from "../domain/enums";
import { actionRowStatusLabels } from "../domain/labels";
import { atgardAssignedMail } from "../domain/mail-texts";
import { actionPlanRows, actionPlans, actionRowReports, agreementParties, agreements, documentVersions, groups, memberships, people, places } from "../schema";
import { nowIso } from "../time";
import { appendAudit } from "./audit";
import { documentAccess } from "./document-access";
import { ConflictError, NotFoundError } from "./errors";
import { agreementPriorityAreas } from "./lagesbild";
import { mailLink, notify } from "./notify";
import type { Viewer } from "./sessions";

/** The ids a row of the agreement's plan may point at: its parties, places, priority areas and its groups' members. */
export function planReferenceSets(db: Db, planId: number) {
  const plan = db.select({ agreementId: actionPlans.agreementId }).from(actionPlans).where(eq(actionPlans.id, planId)).get();
  if (!plan) return null;
  const { agreementId } = plan;
  const ids = (rows: { id: number }[]) => new Set(rows.map((r) => r.id));
  return {
    parties: ids(db.select({ id: agreementParties.id }).from(agreementParties).where(eq(agreementParties.agreementId, agreementId)).all()),
    places: ids(
      db
        .select({ id: places.id })
        .from(places)
        .where(and(eq(places.agreementId, agreementId), isNull(places.archivedAt)))
        .all(),
    ),
    priorityAreas: ids(agreementPriorityAreas(db, agreementId)),
    people: ids(
      db
        .selectDistinct({ id: memberships.personId })
        .from(memberships)
        .innerJoin(groups, eq(groups.id, memberships.groupId))
        .innerJoin(people, eq(people.id, memberships.personId))
        .where(and(eq(groups.agreementId, agreementId), isNull(people.deactivatedAt)))
        .all(),
    ),
  };
}

/**
 * Why the rows `after` point at something outside the plan's agreement, or null. Only references a
 * change adds are checked: a person who has since left the groups stays on the rows that name them
 * (the page shows it) instead of making every later edit of the plan fail.
 */
export function referenceProblem(db: Db, planId: number, before: PlanRow[], after: PlanRow[]): string | null {
  const previous = new Map(before.map((row) => [row.uid, rowReferences(row)]));
  const added = { parties: new Set<number>(), people: new Set<number>(), places: new Set<number>(), priorityAreas: new Set<number>() };
  for (const row of after) {
    const old = previous.get(row.uid);
    const now = rowReferences(row);
    for (const key of Object.keys(added) as (keyof typeof added)[]) {
      for (const id of now[key]) if (!old?.[key].includes(id)) added[key].add(id);
    }
  }
  if (Object.values(added).every((set) => set.size === 0)) return null;
  const allowed = planReferenceSets(db, planId);
  if (!allowed) return "the plan does not exist";
  for (const key of Object.keys(added) as (keyof typeof added)[]) {
    for (const id of added[key]) if (!allowed[key].has(id)) return `a row points at ${key} ${id} outside the agreement`;
  }
  return null;
}

/** A row as the mirror stores it. */
function mirrorValues(planId: number, row: PlanRow, at: string) {
  return {
    planId,
    uid: row.uid,
    position: row.position,
    problem: row.problem,
    cause: row.cause,
    placeIds: JSON.stringify(row.placeIds),
    priorityAreaIds: JSON.stringify(row.priorityAreaIds),
    measure: row.measure,
    goal: row.goal,
    indicator: row.indicator,
    startsOn: row.startsOn || null,
    endsOn: row.endsOn || null,
    responsiblePartyId: row.responsiblePartyId,
    responsibleFunction: row.responsibleFunction,
    responsiblePersonId: row.responsiblePersonId,
    followUp: row.followUp,
    removedAt: null,
    updatedAt: at,
  };
}

const mirroredColumns = [
  "position",
  "problem",
  "cause",
  "placeIds",
  "priorityAreaIds",
  "measure",
  "goal",
  "indicator",
  "startsOn",
  "endsOn",
  "responsiblePartyId",
  "responsibleFunction",
  "responsiblePersonId",
  "followUp",
  "removedAt",
] as const;

/**
 * Makes `action_plan_rows` say what the committed Y.Doc holds: `rows` is the whole plan as of one
 * committed update. Changed rows are written, rows no longer in the document get `removedAt`
 * (their reports and linked uppdrag stay), a row that comes back (undo) loses it again. The
 * responsible person of a changed row is told, in the same transaction.
 */
export function mirrorPlanRows(db: Db, planId: number, rows: PlanRow[], now = new Date()): void {
  const at = nowIso(now);
  writeTransaction(db, (tx) => {
    const existing = new Map(
      tx
        .select()
        .from(actionPlanRows)
        .where(eq(actionPlanRows.planId, planId))
        .all()
        .map((row) => [row.uid, row]),
    );
    for (const row of rows) {
      const values = mirrorValues(planId, row, at);
      const stored = existing.get(row.uid);
      existing.delete(row.uid);
      if (stored && mirroredColumns.every((column) => stored[column] === values[column])) continue;
      if (stored) tx.update(actionPlanRows).set(values).where(eq(actionPlanRows.id, stored.id)).run();
      const rowId = stored?.id ?? tx.insert(actionPlanRows).values(values).returning({ id: actionPlanRows.id }).get().id;
      // Only a change that may make the row newly theirs: other edits of a row already told leave it be.
      if (!stored || stored.responsiblePersonId !== values.responsiblePersonId || stored.measure.trim() === "") tellResponsible(tx, planId, rowId, row, now);
    }
    for (const gone of existing.values()) {
      if (gone.removedAt === null) tx.update(actionPlanRows).set({ removedAt: at, updatedAt: at }).where(eq(actionPlanRows.id, gone.id)).run();
    }
  });
}

/**
 * The responsible person of a changed row is told, once per row and person (the dedupe key): when the
 * row names them and says what is to be done. A row is written field by field, so the notice waits
 * for the åtgärd (its measure) rather than naming an empty row; re-mirroring the same row sends nothing.
 */
function tellResponsible(tx: Db, planId: number, rowId: number, row: PlanRow, now: Date): void {
  if (row.responsiblePersonId === null || row.measure.trim() === "") return;
  const agreement = tx
    .select({ slug: agreements.slug, title: agreements.title })
    .from(actionPlans)
    .innerJoin(agreements, eq(agreements.id, actionPlans.agreementId))
    .where(eq(actionPlans.id, planId))
    .get()!;
  const title = planRowTitle(row);
  notify(
    tx,
    {
      personId: row.responsiblePersonId,
      kind: "uppdrag_assigned",
      title: `Ny åtgärd: ${title}`,
      link: "/mina-atgarder",
      dedupeKey: `atgard:${rowId}:${row.responsiblePersonId}`,
      mail: atgardAssignedMail({
        title,
        agreementTitle: agreement.title,
        endsOn: row.endsOn || null,
        planLink: mailLink(`/overenskommelser/${agreement.slug}/atgardsplan`),
        listLink: mailLink("/mina-atgarder"),
      }),
    },
    now,
  );
}

/** A mirrored row with the plan and agreement it belongs to, or undefined. */
function rowWithAgreement(db: Db, rowId: number) {
  return db
    .select({ row: actionPlanRows, planId: actionPlans.id, agreementId: actionPlans.agreementId })
    .from(actionPlanRows)
    .innerJoin(actionPlans, eq(actionPlans.id, actionPlanRows.planId))
    .where(eq(actionPlanRows.id, rowId))
    .get();
}

/** Whether the viewer may read the plan, and edit it. */
function planAccess(db: Db, viewer: Viewer, planId: number) {
  const access = documentAccess(db, viewer, { kind: "atgardsplan", planId });
  return { read: access.ok, edit: access.ok && access.mode === "edit" };
}

export interface RowReportInput {
  status: ActionRowStatus;
  rag: RagMark | null;
  comment: string;
}

export const MAX_REPORT_COMMENT_LENGTH = 2000;

/**
 * Records a follow-up report of an åtgärd: by the row's responsible person or anyone who may edit the
 * plan. Reports continue between decisions (they change nothing the row promises); each is kept.
 */
export function reportActionRow(db: Db, viewer: Viewer, rowId: number, input: RowReportInput, now = new Date()) {
  const found = rowWithAgreement(db, rowId);
  if (!found || found.row.removedAt !== null) throw new NotFoundError();
  const access = planAccess(db, viewer, found.planId);
  const responsible = found.row.responsiblePersonId === viewer.id && access.read;
  if (!responsible && !access.edit) throw new NotFoundError();
  const comment = input.comment.trim();
  if (comment.length > MAX_REPORT_COMMENT_LENGTH) throw new ConflictError(`Kommentaren får vara högst ${MAX_REPORT_COMMENT_LENGTH} tecken.`, "comment");
  return writeTransaction(db, (tx) => {
    const report = tx
      .insert(actionRowReports)
      .values({ rowId, status: input.status, rag: input.rag, comment, reportedBy: viewer.id, reportedAt: nowIso(now) })
      .returning()
      .get();
    appendAudit(
      tx,
      {
        actorId: viewer.id,
        action: "action_row.reported",
        subject: `action_plan:${found.planId}`,
        payload: { title: `Åtgärd: ${planRowTitle(found.row)}`, detail: actionRowStatusLabels[input.status], rowId, reportId: report.id },
      },
      now,
    );
    return report;
  });
}

/** Every report of the plan's rows, newest first, with who reported; keyed by row id. */
export function planReports(db: Db, planId: number) {
  const reports = db
    .select({
      id: actionRowReports.id,
      rowId: actionRowReports.rowId,
      status: actionRowReports.status,
      rag: actionRowReports.rag,
      comment: actionRowReports.comment,
      reportedAt: actionRowReports.reportedAt,
      reportedBy: people.name,
    })
    .from(actionRowReports)
    .innerJoin(actionPlanRows, eq(actionPlanRows.id, actionRowReports.rowId))
    .innerJoin(people, eq(people.id, actionRowReports.reportedBy))
    .where(eq(actionPlanRows.planId, planId))
    .orderBy(desc(actionRowReports.id))
    .all();
  const byRow = new Map<number, typeof reports>();
  for (const report of reports) byRow.set(report.rowId, [...(byRow.get(report.rowId) ?? []), report]);
  return byRow;
}

/** One row's report history, newest first; NotFoundError when the viewer may not read the plan. */
export function listRowReports(db: Db, viewer: Viewer, rowId: number) {
  const found = rowWithAgreement(db, rowId);
  if (!found || !planAccess(db, viewer, found.planId).read) throw new NotFoundError();
  return planReports(db, found.planId).get(rowId) ?? [];
}

/**
 * "Mina åtgärder": the live rows the viewer is responsible for, in plans they may still read, with
 * the agreement and the latest report.
 */
export function listMyActionRows(db: Db, viewer: Viewer) {
  const rows = db
    .select({ row: actionPlanRows, planId: actionPlans.id, agreementSlug: agreements.slug, agreementTitle: agreements.title, agreementArea: agreements.area })
    .from(actionPlanRows)
    .innerJoin(actionPlans, eq(actionPlans.id, actionPlanRows.planId))
    .innerJoin(agreements, eq(agreements.id, actionPlans.agreementId))
    .where(and(eq(actionPlanRows.responsiblePersonId, viewer.id), isNull(actionPlanRows.removedAt)))
    .orderBy(asc(agreements.title), asc(actionPlanRows.position))
    .all()
    .filter((r) => planAccess(db, viewer, r.planId).read);
  const latest = latestReports(
    db,
    rows.map((r) => r.row.id),
  );
  return rows.map((r) => ({ ...r, title: planRowTitle(r.row), latest: latest.get(r.row.id) ?? null }));
}

function latestReports(db: Db, rowIds: number[]) {
  const latest = new Map<number, typeof actionRowReports.$inferSelect>();
  if (rowIds.length === 0) return latest;
  const reports = db.select().from(actionRowReports).where(inArray(actionRowReports.rowId, rowIds)).orderBy(desc(actionRowReports.id)).all();
  for (const report of reports) if (!latest.has(report.rowId)) latest.set(report.rowId, report);
  return latest;
}

/**
 * The promise fields of the rows of the plan's last decided version, by uid, or null before the
 * first decision (then nothing is pending).
 */
export function decidedPromises(db: Db, planId: number): Record<string, DecidedPromise> | null {
  const plan = db.select({ decidedVersionId: actionPlans.decidedVersionId }).from(actionPlans).where(eq(actionPlans.id, planId)).get();
  if (!plan?.decidedVersionId) return null;
  const version = db.select({ data: documentVersions.data }).from(documentVersions).where(eq(documentVersions.id, plan.decidedVersionId)).get();
  const rows = (JSON.parse(version?.data ?? "{}") as { rows?: Record<string, unknown>[] }).rows ?? [];
  return Object.fromEntries(
    rows.map((row) => [String(row.uid), Object.fromEntries(planPromiseFields.map((field) => [field, row[field] ?? null])) as DecidedPromise]),
  );
}

/** What each live row promises differently from the last decided version (see `pendingChange`). */
export function pendingChanges(db: Db, planId: number, rows: PlanRow[]): Map<string, PendingChange> {
  const decided = decidedPromises(db, planId);
  const pending = new Map<string, PendingChange>();
  if (!decided) return pending;
  for (const row of rows) {
    const change = pendingChange(decided[row.uid], row);
    if (change) pending.set(row.uid, change);
  }
  return pending;
}

/** An uppdrag may serve an åtgärd of its group's agreement's plan only (a live row). */
export function assertRowOfGroupAgreement(db: Db, rowId: number, groupId: number): void {
  const found = db
    .select({ agreementId: actionPlans.agreementId, removedAt: actionPlanRows.removedAt })
    .from(actionPlanRows)
    .innerJoin(actionPlans, eq(actionPlans.id, actionPlanRows.planId))
    .where(eq(actionPlanRows.id, rowId))
    .get();
  const group = db.select({ agreementId: groups.agreementId }).from(groups).where(eq(groups.id, groupId)).get();
  if (!found || found.removedAt !== null || found.agreementId !== group?.agreementId)
    throw new ConflictError("Åtgärden hör inte till gruppens åtgärdsplan.", "actionRowId");
}
