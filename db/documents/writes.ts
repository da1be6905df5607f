import type Database from "better-sqlite3";
import * as Y from "yjs";
import { dropPendingState } from "./pending-state";
import { plainText } from "./plain-text";

/**
 * A change to the stored form of a live document. The collaboration server
 * hands these, in order, to its one writer thread; seeding and tests apply them
 * on the main connection. Order matters: a snapshot replaces every log row
 * written before it, and only those.
 */
export type DocumentWrite =
  /** One Yjs update appended to the log. */
  | { kind: "update"; name: string; update: Uint8Array; personId: number | null }
  /**
   * The whole state, replacing the log so far, with its plain text (compaction).
   * The plain text is refreshed only here: nothing reads it while the document
   * is open, and rendering it on every pause would stall the relay.
   */
  | { kind: "snapshot"; name: string; snapshot: Uint8Array; plainText: string }
  /**
   * A Yjs client id bound to the person who first used it in the document.
   * Queued before the update that uses it, so a stored update never has
   * structs under an id whose owner is not stored.
   */
  | { kind: "client"; name: string; clientId: number; personId: number };

/** The whole state of `doc` as a snapshot. Pending state never goes into a snapshot. */
export function snapshotWrite(name: string, doc: Y.Doc): DocumentWrite {
  if (dropPendingState(doc)) console.warn(`documents: dropped pending Yjs state of ${name} before storing its snapshot`);
  return { kind: "snapshot", name, snapshot: Y.encodeStateAsUpdate(doc), plainText: plainText(doc) };
}

/**
 * Prepares the statements once and returns a function that applies writes in
 * order, all stamped `at`. The caller owns the transaction: these are the hot
 * path of every keystroke, so nothing here builds SQL per call.
 */
export function documentWriteApplier(sqlite: Database.Database): (writes: DocumentWrite[], at: string) => void {
  // A locked document (justerade minutes) takes no more updates, not even one that reached the server just
  // before the lock and is still on its way to the log: the lock holds only what the justerare approved.
  const insertUpdate = sqlite.prepare(
    'insert into document_updates (document_name, "update", person_id, created_at) select ?, ?, ?, ? where not exists (select 1 from documents where name = ? and locked_at is not null)',
  );
  // snapshotWrite dropped any pending state: the snapshot is clean (see documents.snapshot_clean).
  // A locked document's stored form never changes, not even by a snapshot: one taken of the server's copy
  // while an edit refused by the lock was in it (applied in memory, refused on its way to the log, and
  // only then dropped with the copy) would store that edit. Its log, then, is not cleared either.
  const storeSnapshot = sqlite.prepare(
    "update documents set snapshot = ?, snapshot_clean = 1, plain_text = ?, updated_at = ? where name = ? and locked_at is null",
  );
  const clearLog = sqlite.prepare("delete from document_updates where document_name = ?");
  const bindClient = sqlite.prepare("insert or ignore into document_clients (document_name, client_id, person_id, claimed_at) values (?, ?, ?, ?)");
  return (writes, at) => {
    for (const write of writes) {
      switch (write.kind) {
        case "update":
          // Failing the transaction is the collaboration server's way to drop an edit: it is relayed to nobody.
          if (insertUpdate.run(write.name, asBuffer(write.update), write.personId, at, write.name).changes === 0) throw new LockedDocumentError(write.name);
          break;
        case "snapshot":
          if (storeSnapshot.run(asBuffer(write.snapshot), write.plainText, at, write.name).changes > 0) clearLog.run(write.name);
          break;
        case "client":
          bindClient.run(write.name, write.clientId, write.personId, at);
          break;
      }
    }
  };
}

/** better-sqlite3 binds Buffers; a view over the same memory avoids copying every update. */
function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** An update for a document that is locked (its minutes were justerade). */
export class LockedDocumentError extends Error {
  constructor(name: string) {
    super(`document ${name} is locked`);
    this.name = "LockedDocumentError";
  }
}
