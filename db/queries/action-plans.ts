import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import type { Db } from "../client";
import { planRowTitle } from "../domain/action-plan-rows";
import { documentName } from "../domain/document-names";
import { actionPlanRows, actionPlans, agreementParties, people, places, priorityAreas } from "../schema";
import { ensurePlan } from "./continuing-plans";

/** The åtgärdsplan of an agreement, created the first time it is asked for. */
export function ensureActionPlan(db: Db, agreementId: number, actorId: number | null, now = new Date()) {
  return ensurePlan(db, "atgardsplan", agreementId, actorId, now);
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

/** A row as a version of the plan holds it (in its data, as JSON). */
export type VersionPlanRow = NonNullable<ReturnType<typeof planVersionContent>>["data"]["rows"][number];

const namesOf = (rows: { id: number; name: string }[]) => new Map(rows.map((r) => [r.id, r.name]));

/**
 * A version's rows with names for what they point at (places, priority areas, party, person; a name
 * since removed is left out), as the exports and the versions page show them. Names are today's:
 * a renamed place reads with its new name in an old version.
 */
export function namedPlanRows(db: Db, rows: VersionPlanRow[]) {
  const placeIds = rows.flatMap((r) => r.placeIds);
  const areaIds = rows.flatMap((r) => r.priorityAreaIds);
  const partyIds = rows.flatMap((r) => (r.responsiblePartyId ? [r.responsiblePartyId] : []));
  const personIds = rows.flatMap((r) => (r.responsiblePersonId ? [r.responsiblePersonId] : []));
  const placeNames = namesOf(placeIds.length ? db.select({ id: places.id, name: places.name }).from(places).where(inArray(places.id, placeIds)).all() : []);
  const areaNames = namesOf(
    areaIds.length ? db.select({ id: priorityAreas.id, name: priorityAreas.name }).from(priorityAreas).where(inArray(priorityAreas.id, areaIds)).all() : [],
  );
  const partyNames = namesOf(
    partyIds.length
      ? db.select({ id: agreementParties.id, name: agreementParties.shortName }).from(agreementParties).where(inArray(agreementParties.id, partyIds)).all()
      : [],
  );
  const personNames = namesOf(personIds.length ? db.select({ id: people.id, name: people.name }).from(people).where(inArray(people.id, personIds)).all() : []);
  const list = (ids: number[], names: Map<number, string>) =>
    ids
      .map((id) => names.get(id) ?? "")
      .filter((n) => n !== "")
      .join(", ");
  return rows.map((r) => ({
    uid: r.uid,
    title: planRowTitle(r),
    measure: r.measure,
    problem: r.problem,
    cause: r.cause,
    places: list(r.placeIds, placeNames),
    priorityAreas: list(r.priorityAreaIds, areaNames),
    goal: r.goal,
    indicator: r.indicator,
    period: [r.startsOn, r.endsOn].filter(Boolean).join(" – "),
    party: r.responsiblePartyId ? (partyNames.get(r.responsiblePartyId) ?? "") : "",
    responsibleFunction: r.responsibleFunction,
    person: r.responsiblePersonId ? (personNames.get(r.responsiblePersonId) ?? "") : "",
    followUp: r.followUp,
  }));
}

export type NamedPlanRow = ReturnType<typeof namedPlanRows>[number];
