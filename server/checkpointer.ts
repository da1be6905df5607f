import { Worker } from "node:worker_threads";
import { restartWalSource, type WalRestartGate } from "./wal-restart-gate";

/**
 * Runs SQLite's WAL checkpoints on a worker thread with its own connection.
 * A checkpoint copies the WAL into the database file and fsyncs it; done by
 * SQLite automatically it happens inside some unlucky commit on the main
 * thread and stalls every live document for tens of milliseconds. PASSIVE
 * checkpoints never block writers, so the main thread keeps committing.
 *
 * With a `gate`, a checkpoint that copied the whole WAL is followed at once by a
 * small write of its own (the database's user_version, rewritten unchanged), so
 * that the WAL's restart and its header fsync happen here and not in the main
 * thread's next commit (see wal-restart-gate.ts). Until another connection
 * writes again, the next rounds skip the checkpoint: checkpointing that one
 * write would leave the restart to the main thread once more.
 */
export function startCheckpointer(
  databasePath: string,
  { intervalMs = 1_000, gate }: { intervalMs?: number; gate?: WalRestartGate } = {},
): { stop: () => Promise<void> } {
  const worker = new Worker(
    `
    const { parentPort, workerData } = require("node:worker_threads");
    const Database = require("better-sqlite3");
    ${restartWalSource}
    const db = new Database(workerData.path);
    db.pragma("busy_timeout = 5000");
    const gate = workerData.gate ? new Int32Array(workerData.gate) : null;
    const restart = db.transaction(() => db.pragma("user_version = " + db.pragma("user_version", { simple: true })));
    // data_version changes only when another connection commits.
    let onlyOurRestartSince = null;
    const round = () => {
      if (onlyOurRestartSince !== null && db.pragma("data_version", { simple: true }) === onlyOurRestartSince) return;
      onlyOurRestartSince = null;
      const [result] = db.pragma("wal_checkpoint(PASSIVE)");
      if (!gate || result.busy !== 0 || result.log === 0 || result.log !== result.checkpointed) return;
      restartWal(gate, () => restart.immediate());
      onlyOurRestartSince = db.pragma("data_version", { simple: true });
    };
    const timer = setInterval(() => {
      try { round(); } catch (error) { parentPort.postMessage(String(error)); }
    }, workerData.intervalMs);
    parentPort.on("message", () => { clearInterval(timer); try { db.pragma("wal_checkpoint(PASSIVE)"); } finally { db.close(); parentPort.postMessage("stopped"); } });
    `,
    { eval: true, workerData: { path: databasePath, intervalMs, gate: gate?.shared } },
  );
  worker.on("message", (message) => {
    if (message !== "stopped") console.warn(`checkpointer: ${message}`);
  });
  worker.once("exit", () => gate?.forceOpen());
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
