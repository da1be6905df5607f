import * as encoding from "lib0/encoding";
import * as Y from "yjs";
import { checkUpdate, MAX_NEW_WRITERS_PER_UPDATE } from "../../server/collab/update-check";

/**
 * A Yjs update (v1) in which client ids 1…n each insert one character right after the previous
 * one's. Yjs encodes writers in descending id order, so a replay that loops over the writers until
 * nothing moves integrates one writer per pass: quadratic in their number. Written byte by byte,
 * because building it with n Y.Doc transactions takes longer than the check itself.
 */
function chainOfWriters(writers: number): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, writers);
  for (let client = writers; client >= 1; client--) {
    encoding.writeVarUint(encoder, 1); // one struct
    encoding.writeVarUint(encoder, client);
    encoding.writeVarUint(encoder, 0); // its clock
    const contentString = 4;
    if (client === 1) {
      encoding.writeUint8(encoder, contentString); // no origins: the parent follows
      encoding.writeVarUint(encoder, 1); // the parent is a root type, by name
      encoding.writeVarString(encoder, "default");
    } else {
      encoding.writeUint8(encoder, contentString | 0x80); // with a left origin
      encoding.writeVarUint(encoder, client - 1);
      encoding.writeVarUint(encoder, 0);
    }
    encoding.writeVarString(encoder, "x");
  }
  encoding.writeVarUint(encoder, 0); // no delete set
  return encoding.toUint8Array(encoder);
}

describe("the update check before anything is applied", () => {
  it("accepts structs under as many client ids as one connection may use, and they integrate", () => {
    const update = chainOfWriters(MAX_NEW_WRITERS_PER_UPDATE);
    const result = checkUpdate(new Y.Doc(), Y.decodeUpdate(update));
    expect(result).toEqual({ ok: true, writers: expect.arrayContaining([1, 2, 3, 4]) });
    const doc = new Y.Doc();
    Y.applyUpdate(doc, update);
    expect(doc.getText("default").toString()).toBe("xxxx");
    expect(doc.store.pendingStructs).toBeNull();
  });

  it("refuses an update writing under more client ids than one connection may use, before replaying its dependencies", () => {
    // 20 000 writers in a chain (207 kB): the replay writer by writer held the event loop for 7.2 s
    // here, and a 2 MB message would have held it for minutes. Refused, it takes milliseconds.
    const update = chainOfWriters(20_000);
    const started = performance.now();
    const result = checkUpdate(new Y.Doc(), Y.decodeUpdate(update));
    const elapsed = performance.now() - started;
    expect(result).toEqual({ ok: false, problem: "the update writes under too many client ids" });
    expect(elapsed).toBeLessThan(2_000);
  });
});
