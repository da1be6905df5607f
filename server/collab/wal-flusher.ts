import { Worker } from "node:worker_threads";

/**
 * Makes the WAL durable off the main thread, the way PostgreSQL's WAL writer does for
 * `synchronous_commit=off`: commits in `process` durability are written to the WAL without an
 * fsync (they survive any crash of the process), and this thread fdatasyncs the WAL file whenever
 * there are unsynced commits, so a power cut loses at most the writes of the last sync interval
 * (one fdatasync, about 1–2 ms here; the bound promised is 10 ms), which the clients that saw them
 * still hold and send again when they reconnect.
 *
 * The main thread counts commits in shared memory (`written`); the thread syncs and publishes what it
 * covered (`synced`). Waking a sleeping thread is a futex syscall (about 0.1 ms of the main thread's
 * CPU per commit here, measured in a CPU profile at 200 edits/s), so the main thread wakes it only from
 * idle: after each sync the thread waits PACE_MS unwoken, syncs whatever was committed meanwhile in
 * one fdatasync, and falls idle only after a pace without commits. A commit thus waits at most
 * PACE_MS plus one fdatasync (1–2 ms here) before it is durable: within the 10 ms promised. The
 * pace also keeps fdatasyncs from running back to back beside the commits: in a micro-benchmark
 * (3 000 commits of one log row) a flusher syncing back to back doubled the commits' p90 (54 against
 * 23 µs) and raised their CPU from 26–35 to 45 µs each.
 */
const WRITTEN = 0;
const SYNCED = 1;
const STOP = 2;
/** 1 while the thread sleeps until woken (nothing was written for a whole pace). */
const IDLE = 3;
/** Always 0: the thread waits on it for a pace (only a timeout ends that wait, or stop()). */
const PACE = 4;
const PACE_MS = 5;

const threadSource = `
const { workerData } = require("node:worker_threads");
const fs = require("node:fs");
const path = require("node:path");
const state = new Int32Array(workerData.shared);
let fd = -1;
let inode = -1;
// A fresh WAL file's directory entry must be durable too, once per file.
function openWal() {
  try {
    const stat = fs.statSync(workerData.walPath);
    if (fd >= 0 && stat.ino === inode) return fd;
    if (fd >= 0) fs.closeSync(fd);
    fd = fs.openSync(workerData.walPath, "r");
    inode = fs.fstatSync(fd).ino;
    const dir = fs.openSync(path.dirname(workerData.walPath), "r");
    try { fs.fsyncSync(dir); } finally { fs.closeSync(dir); }
    return fd;
  } catch (error) {
    if (error.code === "ENOENT") return -1;
    throw error;
  }
}
for (;;) {
  const target = Atomics.load(state, ${WRITTEN});
  if (target !== Atomics.load(state, ${SYNCED})) {
    const wal = openWal();
    if (wal >= 0) fs.fdatasyncSync(wal);
    Atomics.store(state, ${SYNCED}, target);
    Atomics.notify(state, ${SYNCED});
    // Busy: look again after a pace, unwoken, whatever was committed meanwhile.
    Atomics.wait(state, ${PACE}, 0, ${PACE_MS});
    continue;
  }
  if (Atomics.load(state, ${STOP}) === 1) break;
  // Idle: sleep until a commit wakes us. Announced first and the counter read again, so a commit
  // made in between is either seen here or wakes the wait (which returns at once if it changed).
  Atomics.store(state, ${IDLE}, 1);
  if (Atomics.load(state, ${WRITTEN}) === target) Atomics.wait(state, ${WRITTEN}, target);
  Atomics.store(state, ${IDLE}, 0);
}
if (fd >= 0) fs.closeSync(fd);
`;

/** Node 20 has Atomics.waitAsync; TypeScript's ES2022 library does not declare it yet. */
const waitAsync = (Atomics as unknown as { waitAsync: (a: Int32Array, i: number, v: number, t: number) => { value: Promise<string> | string } }).waitAsync;

export interface WalFlusher {
  /** Call after each commit that was written without an fsync. */
  markWritten(): void;
  /** Commits marked so far and commits already made durable (counters). */
  counts(): { written: number; synced: number };
  /** Resolves once every commit marked before the call is durable. */
  whenSynced(): Promise<void>;
  /** Syncs what is left and ends the thread. */
  stop(): Promise<void>;
}

export function startWalFlusher(walPath: string): WalFlusher {
  const shared = new SharedArrayBuffer(5 * Int32Array.BYTES_PER_ELEMENT);
  const state = new Int32Array(shared);
  const worker = new Worker(threadSource, { eval: true, workerData: { shared, walPath } });
  worker.on("error", (error) => console.error("collab: the WAL flush thread failed; commits are no longer made durable", error));
  worker.unref();
  const exited = new Promise<void>((resolve) => worker.once("exit", () => resolve()));
  return {
    markWritten() {
      Atomics.add(state, WRITTEN, 1);
      if (Atomics.load(state, IDLE) === 1) Atomics.notify(state, WRITTEN);
    },
    counts: () => ({ written: Atomics.load(state, WRITTEN), synced: Atomics.load(state, SYNCED) }),
    async whenSynced() {
      const target = Atomics.load(state, WRITTEN);
      // Counters wrap around; "not yet" is the signed distance being positive.
      while (((target - Atomics.load(state, SYNCED)) | 0) > 0) {
        const seen = Atomics.load(state, SYNCED);
        await waitAsync(state, SYNCED, seen, 1_000).value;
      }
    },
    stop() {
      Atomics.store(state, STOP, 1);
      Atomics.notify(state, WRITTEN);
      Atomics.notify(state, PACE);
      return exited;
    },
  };
}
