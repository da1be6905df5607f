/**
 * The rows of an åtgärdsplan's Y.Doc (`atgardsplan-<planId>`), shared by the browser (which
 * writes rows) and the server. The schema the collab server enforces on every update is
 * db/queries/action-plan-schema.ts (zod and Yjs; this module imports no package).
 *
 *   doc.getMap("rows")    uid → Y.Map of fields (below); a removed row is a deleted key
 *   doc.getArray("order") uids in display order
 *
 * Every field value is replaced whole on change: Yjs keeps the last writer per field, so two people
 * editing different fields of a row both keep their work (same-field conflicts are shown by the page).
 */
export const PLAN_ROWS_MAP = "rows";
export const PLAN_ORDER_ARRAY = "order";
export const MAX_PLAN_ROWS = 500;
export const MAX_PLAN_FIELD_LENGTH = 2000;
/** Order entries: one per row plus the duplicates two people moving one row at once leave behind. */
export const MAX_ORDER_ENTRIES = MAX_PLAN_ROWS * 4;

export const planTextFields = ["problem", "cause", "measure", "goal", "indicator", "responsibleFunction", "followUp"] as const;
export const planDateFields = ["startsOn", "endsOn"] as const;
export const planIdFields = ["responsiblePartyId", "responsiblePersonId"] as const;
export const planIdListFields = ["placeIds", "priorityAreaIds"] as const;
export type PlanTextField = (typeof planTextFields)[number];
export type PlanField = PlanTextField | (typeof planDateFields)[number] | (typeof planIdFields)[number] | (typeof planIdListFields)[number];

/** What a row promises: a change to any of these after a decision waits for the next decision. */
export const planPromiseFields = [
  "measure",
  "goal",
  "indicator",
  "startsOn",
  "endsOn",
  "responsiblePartyId",
  "responsibleFunction",
  "responsiblePersonId",
] as const;
export type PromiseField = (typeof planPromiseFields)[number];
type PromiseValue = string | number | null;
/** A row's promise as a decided version holds it. */
export type DecidedPromise = Record<PromiseField, PromiseValue>;
export type PendingChange = { kind: "new" } | { kind: "changed"; fields: { field: PromiseField; before: PromiseValue; after: PromiseValue }[] };

/**
 * How a live row differs in what it promises from its decided version (`decided`, undefined when the
 * row is new since the decision), or null when it promises the same. Empty text and no value are alike.
 */
export function pendingChange(decided: DecidedPromise | undefined, row: Pick<PlanRow, PromiseField>): PendingChange | null {
  if (!decided) return { kind: "new" };
  const normal = (value: unknown): PromiseValue => (value === undefined || value === "" ? null : (value as PromiseValue));
  const fields = planPromiseFields
    .filter((field) => normal(decided[field]) !== normal(row[field]))
    .map((field) => ({ field, before: normal(decided[field]), after: normal(row[field]) }));
  return fields.length > 0 ? { kind: "changed", fields } : null;
}

/** A row's fields as the Y.Doc holds them: any may be missing (a new row is written field by field). */
export type PlanRowFields = Partial<Omit<PlanRow, "uid" | "position">>;

/** A row with every field filled in (defaults for what the Y.Doc lacks), as the mirror and the page use it. */
export interface PlanRow {
  uid: string;
  position: number;
  problem: string;
  cause: string;
  measure: string;
  goal: string;
  indicator: string;
  responsibleFunction: string;
  followUp: string;
  startsOn: string;
  endsOn: string;
  responsiblePartyId: number | null;
  responsiblePersonId: number | null;
  placeIds: number[];
  priorityAreaIds: number[];
}

export function emptyPlanRow(uid: string, position = 0): PlanRow {
  return {
    uid,
    position,
    problem: "",
    cause: "",
    measure: "",
    goal: "",
    indicator: "",
    responsibleFunction: "",
    followUp: "",
    startsOn: "",
    endsOn: "",
    responsiblePartyId: null,
    responsiblePersonId: null,
    placeIds: [],
    priorityAreaIds: [],
  };
}

export function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/**
 * The rows in display order from each row's fields (by uid) and the order array. The order is
 * forgiving where honest concurrent edits leave traces (a row moved by two people at once appears
 * twice; a row removed while moved leaves its uid): first occurrence wins, unknown uids are
 * skipped, rows missing from the order come last.
 */
export function orderPlanRows(fieldsByUid: Map<string, PlanRowFields>, order: readonly unknown[]): PlanRow[] {
  const ordered: string[] = [];
  const seen = new Set<string>();
  for (const entry of order) {
    if (typeof entry !== "string" || seen.has(entry) || !fieldsByUid.has(entry)) continue;
    seen.add(entry);
    ordered.push(entry);
  }
  ordered.push(...[...fieldsByUid.keys()].filter((uid) => !seen.has(uid)).sort());
  return ordered.map((uid, position) => ({ ...emptyPlanRow(uid, position), ...fieldsByUid.get(uid) }));
}

/** The ids a row's reference fields name (for checking them against the agreement's). */
export function rowReferences(row: Pick<PlanRow, "responsiblePartyId" | "responsiblePersonId" | "placeIds" | "priorityAreaIds">) {
  return {
    parties: row.responsiblePartyId === null ? [] : [row.responsiblePartyId],
    people: row.responsiblePersonId === null ? [] : [row.responsiblePersonId],
    places: row.placeIds,
    priorityAreas: row.priorityAreaIds,
  };
}

/** A fresh row uid as the browser makes it (ROW_UID_PATTERN). */
export function newRowUid(random: () => number = Math.random): string {
  let uid = "";
  while (uid.length < 16) uid += Math.floor(random() * 36).toString(36);
  return uid;
}

/** Swedish labels of a row's fields, in the order of Brå's åtgärdsplan (page, CSV and exports). */
export const planFieldLabels: Record<PlanField, string> = {
  problem: "Problem",
  cause: "Orsak",
  placeIds: "Platser",
  priorityAreaIds: "Prioriterade områden",
  measure: "Åtgärd",
  goal: "Operativt mål",
  indicator: "Indikator",
  startsOn: "Start",
  endsOn: "Slut",
  responsiblePartyId: "Ansvarig part",
  responsibleFunction: "Ansvarig funktion",
  responsiblePersonId: "Ansvarig person",
  followUp: "Uppföljning (hur och när)",
};
export const planFieldOrder = Object.keys(planFieldLabels) as PlanField[];

/** A row's short name for headings, lists and the audit log: the åtgärd, else the problem, else "Ny åtgärd". */
export function planRowTitle(row: Pick<PlanRow, "measure" | "problem">): string {
  const title = (row.measure || row.problem || "Ny åtgärd").trim().split("\n")[0];
  return title.length > 80 ? `${title.slice(0, 79)}…` : title;
}
