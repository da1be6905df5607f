import { eq } from "drizzle-orm";
import { type Db, writeTransaction } from "../client";
import type { AuditAction, VersionSubject } from "../domain/enums";
import { decisionKindLabels } from "../domain/labels";
import { actionPlans, communicationPlans } from "../schema";
import { nowIso } from "../time";
import { appendAudit } from "./audit";

/**
 * The continuing plans of a local agreement, the åtgärdsplan and the kommunikationsplan: one row per
 * agreement each, with the same lifecycle columns (status, current and decided version, hand-over),
 * so the steering lifecycle and the versions treat them alike.
 */
export type PlanKind = Exclude<VersionSubject, "lagesbild">;
export const planTables = { atgardsplan: actionPlans, kommunikationsplan: communicationPlans } as const;
export const planKinds = Object.keys(planTables) as PlanKind[];

const createdAction: Record<PlanKind, AuditAction> = { atgardsplan: "action_plan.created", kommunikationsplan: "communication_plan.created" };

/** The agreement's plan of this kind, created the first time it is asked for (idempotent under concurrency: the agreement id is unique). */
export function ensurePlan(db: Db, kind: PlanKind, agreementId: number, actorId: number | null, now = new Date()) {
  const table = planTables[kind];
  const existing = db.select().from(table).where(eq(table.agreementId, agreementId)).get();
  if (existing) return existing;
  return writeTransaction(db, (tx) => {
    const again = tx.select().from(table).where(eq(table.agreementId, agreementId)).get();
    if (again) return again;
    const plan = tx
      .insert(table)
      .values({ agreementId, createdAt: nowIso(now) })
      .returning()
      .get();
    appendAudit(
      tx,
      { actorId, action: createdAction[kind], subject: `agreement:${agreementId}`, payload: { title: decisionKindLabels[kind], planId: plan.id } },
      now,
    );
    return plan;
  });
}
