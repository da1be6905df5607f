/**
 * The collaboration server's writer thread: its own SQLite connection applies
 * every document write, so the fsync of each commit never blocks the main
 * thread, which keeps applying and relaying meanwhile. Being the only writer
 * of document rows, it also keeps their order: a snapshot replaces exactly the
 * log rows written before it.
 */
import { parentPort, receiveMessageOnPort, workerData } from "node:worker_threads";
import Database from "better-sqlite3";
import { documentWriteApplier, type DocumentWrite } from "../../db/documents/writes";
import type { WriterAck } from "./write-queue";

export type WriterRequest = { seq: number; write: DocumentWrite } | { close: true };
export type WriterReply = { ack: WriterAck } | { closed: true };

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

function commitWaitingForLock(writes: DocumentWrite[]): void {
  const deadline = performance.now() + BUSY_TIMEOUT_MS;
  for (;;) {
    try {
      commit.immediate(writes, new Date().toISOString());
      return;
    } catch (error) {
      const code = (error as { code?: string }).code ?? "";
      // The whole transaction was rolled back (if it began at all): trying again is safe.
      if (!code.startsWith("SQLITE_BUSY") || performance.now() > deadline) throw error;
      Atomics.wait(pause, 0, 0, BUSY_POLL_MS);
    }
  }
}

const reply = (message: WriterReply) => port.postMessage(message);

port.on("message", (first: WriterRequest) => {
  // Group commit: everything that arrived while the previous commit ran goes into this one.
  const writes: DocumentWrite[] = [];
  let upTo = 0;
  let closing = false;
  for (let request: WriterRequest | undefined = first; request; request = receiveMessageOnPort(port)?.message) {
    if ("close" in request) {
      closing = true;
      break;
    }
    writes.push(request.write);
    upTo = request.seq;
  }
  if (writes.length > 0) {
    try {
      commitWaitingForLock(writes);
      reply({ ack: { upTo } });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      reply({ ack: { upTo, error: message, names: [...new Set(writes.map((w) => w.name))] } });
    }
  }
  if (closing) {
    sqlite.close();
    reply({ closed: true });
  }
});
