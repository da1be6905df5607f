import * as Y from "yjs";
import { orderPlanRows, PLAN_ORDER_ARRAY, PLAN_ROWS_MAP, type PlanField, type PlanRow, type PlanRowFields } from "../../../db/domain/action-plan-rows";

/**
 * The page's writes to an åtgärdsplan's Y.Doc (db/domain/action-plan-rows.ts describes its shape).
 * Each is one transaction, so the server checks and stores it as one update.
 */
export function rowsMap(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
  return doc.getMap<Y.Map<unknown>>(PLAN_ROWS_MAP);
}

function orderArray(doc: Y.Doc): Y.Array<string> {
  return doc.getArray<string>(PLAN_ORDER_ARRAY);
}

/** The rows as the page shows them. The server has checked every field against the schema; the page trusts them. */
export function planRowsOf(doc: Y.Doc): PlanRow[] {
  const fields = new Map<string, PlanRowFields>();
  for (const [uid, row] of rowsMap(doc)) fields.set(uid, row.toJSON() as PlanRowFields);
  return orderPlanRows(fields, orderArray(doc).toArray());
}

export function addPlanRow(doc: Y.Doc, uid: string, fields: PlanRowFields = {}): void {
  doc.transact(() => {
    const row = new Y.Map<unknown>();
    for (const [key, value] of Object.entries(fields)) row.set(key, value);
    rowsMap(doc).set(uid, row);
    orderArray(doc).push([uid]);
  });
}

export function setPlanField(doc: Y.Doc, uid: string, field: PlanField, value: PlanRowFields[PlanField]): void {
  // A row removed meanwhile by someone else stays removed: the write goes nowhere.
  rowsMap(doc).get(uid)?.set(field, value);
}

export function removePlanRow(doc: Y.Doc, uid: string): void {
  doc.transact(() => {
    rowsMap(doc).delete(uid);
    deleteFromOrder(orderArray(doc), uid);
  });
}

/**
 * Moves a row one step in `shownOrder` (the order the page shows, see readPlanRows). The order array
 * is rewritten from the shown order when it holds traces of concurrent moves, else edited in place.
 */
export function movePlanRow(doc: Y.Doc, shownOrder: string[], uid: string, step: -1 | 1): void {
  const from = shownOrder.indexOf(uid);
  const to = from + step;
  if (from < 0 || to < 0 || to >= shownOrder.length) return;
  const next = [...shownOrder];
  [next[from], next[to]] = [next[to], next[from]];
  const order = orderArray(doc);
  doc.transact(() => {
    const current = order.toArray();
    if (current.length !== shownOrder.length || current.some((entry, i) => entry !== shownOrder[i])) {
      order.delete(0, order.length);
      order.push(next);
      return;
    }
    deleteFromOrder(order, uid);
    order.insert(to, [uid]);
  });
}

function deleteFromOrder(order: Y.Array<string>, uid: string): void {
  const entries = order.toArray();
  for (let i = entries.length - 1; i >= 0; i--) if (entries[i] === uid) order.delete(i, 1);
}
