/**
 * Restoring an åtgärdsplan's version writes the rows back as they were: removed rows return, added
 * ones go, changed fields and the order are restored, and an unchanged field is not written again.
 */
import * as Y from "yjs";
import { restorePlanRows } from "../../db/queries/versions";

function plan(rows: Record<string, Record<string, unknown>>, order: string[]): Y.Doc {
  const doc = new Y.Doc();
  doc.transact(() => {
    const map = doc.getMap<Y.Map<unknown>>("rows");
    for (const [uid, fields] of Object.entries(rows)) {
      const row = new Y.Map<unknown>();
      map.set(uid, row);
      for (const [key, value] of Object.entries(fields)) row.set(key, value);
    }
    doc.getArray<string>("order").insert(0, order);
  });
  return doc;
}

const asJson = (doc: Y.Doc) => ({ rows: doc.getMap("rows").toJSON(), order: doc.getArray("order").toArray() });

it("restores rows, fields and order from a frozen state, writing only what differs", () => {
  const frozen = plan({ aaaaaaaa: { measure: "Belysning", placeIds: [1] }, bbbbbbbb: { measure: "Trygghetsvandring" } }, ["aaaaaaaa", "bbbbbbbb"]);
  const live = new Y.Doc();
  Y.applyUpdate(live, Y.encodeStateAsUpdate(frozen));
  live.transact(() => {
    live.getMap<Y.Map<unknown>>("rows").delete("bbbbbbbb");
    live.getMap<Y.Map<unknown>>("rows").get("aaaaaaaa")!.set("measure", "Belysning och kameror");
    live.getMap<Y.Map<unknown>>("rows").get("aaaaaaaa")!.set("goal", "Färre rån");
    const added = new Y.Map<unknown>();
    live.getMap<Y.Map<unknown>>("rows").set("cccccccc", added);
    added.set("measure", "Ny rad");
    live.getArray<string>("order").delete(0, 2);
    live.getArray<string>("order").insert(0, ["cccccccc", "aaaaaaaa"]);
  });

  const updates: Uint8Array[] = [];
  live.on("update", (update: Uint8Array) => updates.push(update));
  live.transact(() => restorePlanRows(live, Y.encodeStateAsUpdate(frozen)));
  expect(asJson(live)).toEqual(asJson(frozen));
  expect(updates).toHaveLength(1);

  // Restoring again changes nothing: no update at all.
  live.transact(() => restorePlanRows(live, Y.encodeStateAsUpdate(frozen)));
  expect(updates).toHaveLength(1);
});
