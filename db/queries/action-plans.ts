import { and, asc, eq, isNull } from "drizzle-orm";
import { type Db, writeTransaction } from "../client";
import { documentName } from "../domain/document-names";
import { actionPlanRows, actionPlans } from "../schema";
import { nowIso } from "../time";
import { appendAudit } from "./audit";

/** The åtgärdsplan of an agreement, created the first time it is asked for. */
export function ensureActionPlan(db: Db, agreementId: number, actorId: number | null, now = new Date()) {
  const existing = db.select().from(actionPlans).where(eq(actionPlans.agreementId, agreementId)).get();
  if (existing) return existing;
  return writeTransaction(db, (tx) => {
    const again = tx.select().from(actionPlans).where(eq(actionPlans.agreementId, agreementId)).get();
    if (again) return again;
    const plan = tx
      .insert(actionPlans)
      .values({ agreementId, createdAt: nowIso(now) })
      .returning()
      .get();
    appendAudit(tx, { actorId, action: "action_plan.created", subject: `agreement:${agreementId}`, payload: { title: "Åtgärdsplan", planId: plan.id } }, now);
    return plan;
  });
}

/** The plan's rows as mirrored from its Y.Doc (removed rows left out), in the plan's order. */
export function listPlanRows(db: Db, planId: number) {
  return db
    .select()
    .from(actionPlanRows)
    .where(and(eq(actionPlanRows.planId, planId), isNull(actionPlanRows.removedAt)))
    .orderBy(asc(actionPlanRows.position))
    .all();
}

/** What a version of the åtgärdsplan freezes: the rows (from the SQL mirror) and each row's live notes. */
export function planVersionContent(db: Db, planId: number) {
  const plan = db.select().from(actionPlans).where(eq(actionPlans.id, planId)).get();
  if (!plan) return null;
  const rows = listPlanRows(db, planId);
  return {
    parts: [
      { documentName: documentName({ kind: "atgardsplan", planId }), title: "Åtgärdsplanens rader" },
      ...rows.map((r) => ({ documentName: documentName({ kind: "atgard_notes", planId, rowUid: r.uid }), title: `Anteckningar: ${r.measure || r.problem}` })),
    ],
    data: {
      rows: rows.map(({ id: _id, planId: _plan, updatedAt: _updated, removedAt: _removed, ...row }) => ({
        ...row,
        placeIds: JSON.parse(row.placeIds) as number[],
        priorityAreaIds: JSON.parse(row.priorityAreaIds) as number[],
      })),
    },
  };
}
