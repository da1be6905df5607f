import Database from "better-sqlite3";
import { documentWriteApplier, type DocumentWrite } from "../../db/documents/writes";
import { startWalFlusher, type WalFlusher } from "./wal-flusher";
import type { WalRestartGate } from "../wal-restart-gate";
import type { UpdateWriter, WriterAck } from "./write-queue";

/**
 * `COLLAB_DURABILITY=process`: every write is committed on the main thread before anything
 * derived from it is relayed, to SQLite's WAL without an fsync (WAL with synchronous=NORMAL), so
 * it survives any death of the process; the WAL flush thread makes it durable against power loss
 * within one fdatasync. No thread hop on the way to the relay: the commit is a write() of a few
 * pages. Writes posted in the same tick share one transaction (group commit). With a `gate`, a
 * commit waits while the checkpointer restarts the WAL (see wal-restart-gate.ts) instead of
 * sleeping in SQLite's busy handler; writes posted meanwhile join it.
 */
export function startInlineWriter(databasePath: string, gate?: WalRestartGate): UpdateWriter & { flusher: WalFlusher } {
  const sqlite = new Database(databasePath);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = NORMAL");
  // Checkpoints run on the checkpointer thread, never inside a commit here.
  sqlite.pragma("wal_autocheckpoint = 0");
  sqlite.pragma("busy_timeout = 5000");
  const commit = sqlite.transaction(documentWriteApplier(sqlite));
  const flusher = startWalFlusher(`${databasePath}-wal`);
  let listener: (ack: WriterAck) => void = () => {};
  let batch: { upTo: number; writes: DocumentWrite[] } | null = null;

  const commitBatch = () => {
    if (!batch) return;
    if (gate && !gate.tryEnter()) return void gate.whenOpen().then(commitBatch);
    const { upTo, writes } = batch;
    batch = null;
    let failure: string | null = null;
    try {
      commit.immediate(writes, new Date().toISOString());
    } catch (error) {
      failure = error instanceof Error ? error.message : String(error);
    } finally {
      // Released before the relays run: the checkpointer may be waiting for it.
      gate?.leave();
    }
    if (failure === null) {
      flusher.markWritten();
      listener({ upTo });
    } else {
      listener({ upTo, error: failure, names: [...new Set(writes.map((w) => w.name))] });
    }
  };

  return {
    flusher,
    post(seq, write) {
      // Committed in a microtask, never inside post (see UpdateWriter): the relay waiting for it is registered first.
      if (batch) {
        batch.writes.push(write);
        batch.upTo = seq;
        return;
      }
      batch = { upTo: seq, writes: [write] };
      queueMicrotask(commitBatch);
    },
    onAck(fn) {
      listener = fn;
    },
    async close() {
      while (batch) {
        await gate?.whenOpen();
        if (batch) commitBatch();
      }
      await flusher.stop();
      sqlite.close();
    },
  };
}
