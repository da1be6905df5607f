import * as Y from "yjs";
import { z } from "zod";
import { ROW_UID_PATTERN } from "./document-names";

/**
 * The row schema of an åtgärdsplan's Y.Doc (`atgardsplan-<planId>`), shared by the browser (which
 * writes rows), the collab server (which refuses updates leaving a row outside it) and the SQL mirror.
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
const MAX_ORDER_ENTRIES = MAX_PLAN_ROWS * 4;

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

const text = z.string().max(MAX_PLAN_FIELD_LENGTH);
const isoDate = z.string().refine((value) => value === "" || isCalendarDate(value), "ogiltigt datum");
const id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const idList = z.array(id).max(100);

/** Every field is optional in the Y.Doc (a new row may be written field by field); unknown keys are refused. */
export const PlanRowFieldsSchema = z
  .object({
    problem: text,
    cause: text,
    measure: text,
    goal: text,
    indicator: text,
    responsibleFunction: text,
    followUp: text,
    startsOn: isoDate,
    endsOn: isoDate,
    responsiblePartyId: id.nullable(),
    responsiblePersonId: id.nullable(),
    placeIds: idList,
    priorityAreaIds: idList,
  })
  .partial()
  .strict();

export type PlanRowFields = z.infer<typeof PlanRowFieldsSchema>;

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

export type ReadPlanRows = { ok: true; rows: PlanRow[] } | { ok: false; problem: string };

/**
 * The rows of a plan's Y.Doc in display order, or why the document is outside the schema. The order
 * is forgiving where honest concurrent edits leave traces (a row moved by two people at once appears
 * twice; a row removed while moved leaves its uid): first occurrence wins, unknown uids are skipped,
 * rows missing from the order come last. The rows themselves must follow the schema exactly.
 */
export function readPlanRows(doc: Y.Doc): ReadPlanRows {
  for (const [name, type] of doc.share) {
    if (name === PLAN_ROWS_MAP || name === PLAN_ORDER_ARRAY) continue;
    if (type._start !== null || type._map.size > 0) return { ok: false, problem: "content under an unknown root type" };
  }
  const rowsMap = doc.getMap<unknown>(PLAN_ROWS_MAP);
  const order = doc.getArray<unknown>(PLAN_ORDER_ARRAY);
  // Content a map or an array does not show (list items under a map, keys under an array) is refused too.
  if (rowsMap._start !== null || order._map.size > 0) return { ok: false, problem: "content of the wrong shape" };
  if (rowsMap.size > MAX_PLAN_ROWS) return { ok: false, problem: "too many rows" };
  if (order.length > MAX_ORDER_ENTRIES) return { ok: false, problem: "order too long" };
  const byUid = new Map<string, PlanRowFields>();
  for (const [uid, value] of rowsMap) {
    if (!ROW_UID_PATTERN.test(uid)) return { ok: false, problem: "malformed row uid" };
    if (!(value instanceof Y.Map) || value._start !== null) return { ok: false, problem: "a row is not a map" };
    const raw: Record<string, unknown> = {};
    for (const [key, field] of (value as Y.Map<unknown>).entries()) {
      if (field instanceof Y.AbstractType) return { ok: false, problem: "a field is a shared type" };
      raw[key] = field;
    }
    const parsed = PlanRowFieldsSchema.safeParse(raw);
    if (!parsed.success)
      // Known field names and zod's codes only: the problem goes to the server log, never the client's text.
      if (!parsed.success)
        return { ok: false, problem: `a row breaks the schema: ${parsed.error.issues.map((i) => `${i.path.join(".")} ${i.code}`).join(", ")}` };
    byUid.set(uid, parsed.data);
  }
  const ordered: string[] = [];
  const seen = new Set<string>();
  for (const entry of order.toArray()) {
    if (typeof entry !== "string" || !ROW_UID_PATTERN.test(entry)) return { ok: false, problem: "malformed order entry" };
    if (seen.has(entry) || !byUid.has(entry)) continue;
    seen.add(entry);
    ordered.push(entry);
  }
  ordered.push(...[...byUid.keys()].filter((uid) => !seen.has(uid)).sort());
  return { ok: true, rows: ordered.map((uid, position) => ({ ...emptyPlanRow(uid, position), ...byUid.get(uid) })) };
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
