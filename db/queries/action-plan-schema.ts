import * as Y from "yjs";
import { z } from "zod";
import {
  isCalendarDate,
  MAX_ORDER_ENTRIES,
  MAX_PLAN_FIELD_LENGTH,
  MAX_PLAN_ROWS,
  orderPlanRows,
  PLAN_ORDER_ARRAY,
  PLAN_ROWS_MAP,
  type PlanRow,
  type PlanRowFields,
} from "../domain/action-plan-rows";
import { ROW_UID_PATTERN } from "../domain/document-names";

/**
 * The row schema the collab server holds an åtgärdsplan's Y.Doc to (server/collab/content-rules.ts):
 * known fields only, their types, lengths and dates, uids of ROW_UID_PATTERN, at most MAX_PLAN_ROWS
 * rows, and nothing else in the document. Cross-field rules (start before end) are not refused:
 * two people's honest concurrent edits could break them, and a refusal would lose one person's work;
 * the page warns instead. References to the agreement are checked in action-plan-rows.ts.
 */
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
  .strict() satisfies z.ZodType<PlanRowFields>;

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
  const entries = order.toArray();
  if (entries.some((entry) => typeof entry !== "string" || !ROW_UID_PATTERN.test(entry))) return { ok: false, problem: "malformed order entry" };
  return { ok: true, rows: orderPlanRows(byUid, entries) };
}
