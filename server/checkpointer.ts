import { Worker } from "node:worker_threads";

/**
 * Runs SQLite's WAL checkpoints on a worker thread with its own connection.
 * A checkpoint copies the WAL into the database file and fsyncs it; done by
 * SQLite automatically it happens inside some unlucky commit on the main
 * thread and stalls every live document for tens of milliseconds. PASSIVE
 * checkpoints never block writers, so the main thread keeps committing.
 */
export function startCheckpointer(databasePath: string, intervalMs = 1_000): { stop: () => Promise<void> } {
  const worker = new Worker(
    `
    const { parentPort, workerData } = require("node:worker_threads");
    const Database = require("better-sqlite3");
    const db = new Database(workerData.path);
    db.pragma("busy_timeout = 5000");
    const timer = setInterval(() => {
      try { db.pragma("wal_checkpoint(PASSIVE)"); } catch (error) { parentPort.postMessage(String(error)); }
    }, workerData.intervalMs);
    parentPort.on("message", () => { clearInterval(timer); try { db.pragma("wal_checkpoint(PASSIVE)"); } finally { db.close(); parentPort.postMessage("stopped"); } });
    `,
    { eval: true, workerData: { path: databasePath, intervalMs } },
  );
  worker.on("message", (message) => {
    if (message !== "stopped") console.warn(`checkpointer: ${message}`);
  });
  worker.unref();
  return {
    stop: () =>
      new Promise<void>((resolve) => {
        worker.once("message", () => resolve());
        worker.once("exit", () => resolve());
        worker.postMessage("stop");
      }),
  };
}
