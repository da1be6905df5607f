import type * as Y from "yjs";

/**
 * Drops whatever Yjs keeps pending in `doc`: structs and deletions waiting for
 * content that never arrived. Yjs retries them on every update, encodes them
 * into every snapshot and sync reply, and applies them as soon as matching
 * clocks appear, under whoever writes them. Returns whether there was any.
 */
export function dropPendingState(doc: Y.Doc): boolean {
  const had = doc.store.pendingStructs !== null || doc.store.pendingDs !== null;
  doc.store.pendingStructs = null;
  doc.store.pendingDs = null;
  return had;
}
