import { Worker } from "node:worker_threads";
import type { PendingRow, UpdateWriter } from "./write-queue";

// Runs in the worker: its own connection, so the fsync of each commit never
// blocks the main thread, which keeps applying and relaying meanwhile.
const workerSource = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require("better-sqlite3");
const db = new Database(workerData.path);
db.pragma("journal_mode = WAL");
db.pragma("synchronous = FULL");
db.pragma("busy_timeout = 5000");
db.pragma("wal_autocheckpoint = 0");
const insert = db.prepare('insert into document_updates (document_name, "update", person_id, created_at) values (?, ?, ?, ?)');
const writeAll = db.transaction((rows, at) => {
  for (const row of rows) insert.run(row.name, Buffer.from(row.update), row.personId, at);
});
parentPort.on("message", (message) => {
  if (message.close) { db.close(); parentPort.postMessage({ closed: true }); return; }
  try {
    writeAll.immediate(message.rows, message.at);
    parentPort.postMessage({ id: message.id, ok: true });
  } catch (error) {
    parentPort.postMessage({ id: message.id, ok: false, error: String(error && error.message || error) });
  }
});
`;

/** Appends update rows to `document_updates` on a worker thread (WAL, synchronous=FULL). */
export function startUpdateWriter(databasePath: string): UpdateWriter {
  const worker = new Worker(workerSource, { eval: true, workerData: { path: databasePath } });
  const waiting = new Map<number, { resolve: () => void; reject: (error: Error) => void }>();
  let nextId = 1;
  let closed: (() => void) | undefined;
  worker.on("message", (message: { id?: number; ok?: boolean; error?: string; closed?: boolean }) => {
    if (message.closed) return closed?.();
    const entry = waiting.get(message.id!);
    waiting.delete(message.id!);
    if (message.ok) entry?.resolve();
    else entry?.reject(new Error(`storing updates failed: ${message.error}`));
  });
  worker.on("error", (error) => {
    for (const entry of waiting.values()) entry.reject(error);
    waiting.clear();
  });
  worker.unref();
  return {
    write(rows: PendingRow[]) {
      const id = nextId++;
      return new Promise<void>((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        worker.postMessage({ id, rows, at: new Date().toISOString() });
      });
    },
    close() {
      return new Promise<void>((resolve) => {
        closed = () => void worker.terminate().then(() => resolve());
        worker.postMessage({ close: true });
      });
    },
  };
}
