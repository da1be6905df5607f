/**
 * The collaboration server's writer thread: its own SQLite connection applies
 * every document write, so the fsync of each commit never blocks the main
 * thread, which keeps applying and relaying meanwhile. Being the only writer
 * of document rows, it also keeps their order: a snapshot replaces exactly the
 * log rows written before it.
 */
import { parentPort, workerData } from "node:worker_threads";
import Database from "better-sqlite3";
import { documentWriteApplier, type DocumentWrite } from "../../db/documents/writes";

export type WriterRequest = { id: number; writes: DocumentWrite[]; at: string } | { close: true };
export type WriterReply = { id: number; ok: true } | { id: number; ok: false; error: string } | { closed: true };

/** How long a commit waits for another connection's write lock before it fails. */
const BUSY_TIMEOUT_MS = 5_000;
/** Poll interval while another connection holds the write lock. */
const BUSY_POLL_MS = 0.1;

const port = parentPort!;
const sqlite = new Database((workerData as { path: string }).path);
sqlite.pragma("journal_mode = WAL");
sqlite.pragma("synchronous = FULL");
sqlite.pragma("wal_autocheckpoint = 0");
// SQLite's own busy handler sleeps 1, 2, 5, 10 … ms between attempts, which
// turns a main-thread write of half a millisecond into a stall of several
// milliseconds for every live document. We poll at a finer grain instead.
sqlite.pragma("busy_timeout = 0");
const apply = documentWriteApplier(sqlite);
const commit = sqlite.transaction(apply);
const pause = new Int32Array(new SharedArrayBuffer(4));

function commitWaitingForLock(writes: DocumentWrite[], at: string): void {
  const deadline = performance.now() + BUSY_TIMEOUT_MS;
  for (;;) {
    try {
      commit.immediate(writes, at);
      return;
    } catch (error) {
      const code = (error as { code?: string }).code ?? "";
      // The whole transaction was rolled back (if it began at all): trying again is safe.
      if (!code.startsWith("SQLITE_BUSY") || performance.now() > deadline) throw error;
      Atomics.wait(pause, 0, 0, BUSY_POLL_MS);
    }
  }
}

port.on("message", (message: WriterRequest) => {
  if ("close" in message) {
    sqlite.close();
    port.postMessage({ closed: true } satisfies WriterReply);
    return;
  }
  try {
    commitWaitingForLock(message.writes, message.at);
    port.postMessage({ id: message.id, ok: true } satisfies WriterReply);
  } catch (error) {
    port.postMessage({ id: message.id, ok: false, error: error instanceof Error ? error.message : String(error) } satisfies WriterReply);
  }
});
