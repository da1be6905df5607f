import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import type { Db } from "../client";
import { planRowTitle } from "../domain/action-plan-rows";
import { documentName } from "../domain/document-names";
import type { ActionItemStatus } from "../domain/enums";
import { actionItems, actionPlanRows, actionPlans, agreementParties, agreements, groups, people, places } from "../schema";
import { decidedPromises, planReports } from "./action-plan-rows";
import { ensureActionPlan, listPlanRows } from "./action-plans";
import { agreementPeople, localAgreementBySlug } from "./agreement-membership";
import { agreementDocumentAccess } from "./document-access";
import { agreementPriorityAreas } from "./lagesbild";
import type { Viewer } from "./sessions";

/**
 * The åtgärdsplan page of a local agreement, or null when the agreement does not exist, is not
 * local, or the viewer may not read its plan (one answer: 404). The rows themselves come from the
 * live Y.Doc in the browser; this adds what is in SQL: the choices a row's fields offer, each
 * mirrored row's reports and linked uppdrag, and the last decided promises (for pending changes).
 */
export function getActionPlanPage(db: Db, viewer: Viewer, slug: string, now = new Date()) {
  const agreement = localAgreementBySlug(db, slug);
  if (!agreement) return null;
  // Access is decided before the plan is created, so an outsider's request creates nothing.
  const access = agreementDocumentAccess(db, viewer, agreement.id, "atgardsplan");
  if (!access.ok) return null;
  const plan = ensureActionPlan(db, agreement.id, viewer.id, now);

  const mirror = db.select().from(actionPlanRows).where(eq(actionPlanRows.planId, plan.id)).all();
  const reports = planReports(db, plan.id);
  const linked = linkedActionItems(
    db,
    mirror.map((r) => r.id),
  );
  return {
    agreement: { id: agreement.id, slug: agreement.slug, title: agreement.title, area: agreement.area },
    plan: { id: plan.id, status: plan.status, documentName: documentName({ kind: "atgardsplan", planId: plan.id }) },
    editable: access.mode === "edit",
    choices: planChoices(db, agreement.id),
    /** Per mirrored row (also removed ones: a row may come back), by uid. */
    rowsByUid: Object.fromEntries(
      mirror.map((row) => [
        row.uid,
        { id: row.id, responsiblePersonId: row.responsiblePersonId, reports: reports.get(row.id) ?? [], actionItems: linked.get(row.id) ?? [] },
      ]),
    ),
    decided: decidedPromises(db, plan.id),
  };
}

function planOf(db: Db, agreementId: number) {
  return db.select().from(actionPlans).where(eq(actionPlans.agreementId, agreementId)).get();
}

/** What a row may point at, with names: the agreement's parties, members of its groups, places, priority areas. */
export function planChoices(db: Db, agreementId: number) {
  return {
    parties: db
      .select({ id: agreementParties.id, name: agreementParties.shortName })
      .from(agreementParties)
      .where(eq(agreementParties.agreementId, agreementId))
      .orderBy(asc(agreementParties.position))
      .all(),
    people: agreementPeople(db, agreementId),
    places: db
      .select({ id: places.id, name: places.name })
      .from(places)
      .where(and(eq(places.agreementId, agreementId), isNull(places.archivedAt)))
      .orderBy(asc(places.name))
      .all(),
    priorityAreas: agreementPriorityAreas(db, agreementId).map((area) => ({ id: area.id, name: area.name })),
  };
}

/** Uppdrag linked to the rows, by row id. */
function linkedActionItems(db: Db, rowIds: number[]) {
  const byRow = new Map<number, { id: number; title: string; status: ActionItemStatus; meetingId: number | null; ownerName: string }[]>();
  if (rowIds.length === 0) return byRow;
  const items = db
    .select({
      id: actionItems.id,
      rowId: actionItems.actionRowId,
      title: actionItems.title,
      status: actionItems.status,
      meetingId: actionItems.meetingId,
      ownerName: people.name,
    })
    .from(actionItems)
    .innerJoin(people, eq(people.id, actionItems.ownerId))
    .where(inArray(actionItems.actionRowId, rowIds))
    .orderBy(asc(actionItems.id))
    .all();
  for (const { rowId, ...item } of items) byRow.set(rowId!, [...(byRow.get(rowId!) ?? []), item]);
  return byRow;
}

/** The live rows of the plan of a group's agreement, for the meeting page's "Hör till åtgärd"; [] without a plan. */
export function planRowChoicesOfGroup(db: Db, groupId: number) {
  const group = db.select({ agreementId: groups.agreementId }).from(groups).where(eq(groups.id, groupId)).get();
  const plan = group?.agreementId ? planOf(db, group.agreementId) : undefined;
  if (!plan) return [];
  return listPlanRows(db, plan.id).map((row) => ({ id: row.id, title: planRowTitle(row) }));
}

/**
 * The plan's rows as SQL holds them (committed content), with names for every reference and the
 * latest report, for the CSV export; null under the page's rule (no plan is created for it).
 */
export function getActionPlanExport(db: Db, viewer: Viewer, slug: string) {
  const agreement = db
    .select({ id: agreements.id, slug: agreements.slug, title: agreements.title, area: agreements.area })
    .from(agreements)
    .where(eq(agreements.slug, slug))
    .get();
  if (!agreement || !agreementDocumentAccess(db, viewer, agreement.id, "atgardsplan").ok) return null;
  const plan = planOf(db, agreement.id);
  const rows = plan ? listPlanRows(db, plan.id) : [];
  const choices = planChoices(db, agreement.id);
  const everyone = new Map(
    db
      .select({ id: people.id, name: people.name })
      .from(people)
      .where(
        inArray(
          people.id,
          rows.flatMap((r) => (r.responsiblePersonId ? [r.responsiblePersonId] : [])),
        ),
      )
      .all()
      .map((p) => [p.id, p.name]),
  );
  const nameOf = (list: { id: number; name: string }[], id: number) => list.find((c) => c.id === id)?.name ?? "";
  const reports = plan ? planReports(db, plan.id) : null;
  return {
    agreement,
    rows: rows.map((row) => ({
      ...row,
      places: (JSON.parse(row.placeIds) as number[]).map((id) => nameOf(choices.places, id)).join(", "),
      priorityAreas: (JSON.parse(row.priorityAreaIds) as number[]).map((id) => nameOf(choices.priorityAreas, id)).join(", "),
      party: row.responsiblePartyId ? nameOf(choices.parties, row.responsiblePartyId) : "",
      person: row.responsiblePersonId ? (everyone.get(row.responsiblePersonId) ?? "") : "",
      latest: reports?.get(row.id)?.[0] ?? null,
    })),
  };
}
