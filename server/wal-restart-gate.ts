/**
 * Keeps the WAL's restart off the main thread.
 *
 * Once a checkpoint has copied the whole WAL into the database, SQLite's next write transaction starts
 * the WAL over from its beginning, and before anything else it writes a new WAL header and fsyncs it
 * (at synchronous=NORMAL too: SQLite's guard against corruption by out-of-order writes after a power
 * loss). In `process` durability that next write was, about once a second, a live document's commit on
 * the main thread: an fsync there stalled every document for 1–3 ms on a quiet disk and for 51–520 ms
 * when the disk was busy (traced in the 200-editor benchmark). Now the checkpointer thread makes that
 * first write itself, right after a complete checkpoint, and pays the fsync there.
 *
 * While it does, the WAL's write lock is the checkpointer's, and a commit on the main thread would
 * wait for it in SQLite's busy handler, sleeping. So the two hand over through shared memory: the main
 * thread marks COMMITTING around each commit and commits only while RESTARTING is clear; the checkpointer
 * sets RESTARTING, waits until no commit is under way, restarts, clears it. With sequentially
 * consistent atomics at least one side sees the other's mark, so they never hold the lock at once. A
 * commit that finds the gate closed is made once it opens: the updates it holds are relayed after the
 * restart's fsync, and the event loop keeps running meanwhile.
 */
export const COMMITTING = 0;
export const RESTARTING = 1;

/** Node 20 has Atomics.waitAsync; TypeScript's ES2022 library does not declare it yet. */
const waitAsync = (Atomics as unknown as { waitAsync: (a: Int32Array, i: number, v: number) => { value: Promise<string> | string } }).waitAsync;

export class WalRestartGate {
  /** Handed to the checkpointer thread (see checkpointer.ts). */
  readonly shared = new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT);
  private readonly state = new Int32Array(this.shared);

  /** Main thread: true when a commit may start now (call `leave` after it); false while the WAL is being restarted. */
  tryEnter(): boolean {
    Atomics.store(this.state, COMMITTING, 1);
    if (Atomics.load(this.state, RESTARTING) === 0) return true;
    Atomics.store(this.state, COMMITTING, 0);
    return false;
  }

  leave(): void {
    Atomics.store(this.state, COMMITTING, 0);
  }

  /** The checkpointer thread ended (it opens the gate after every restart, but a thread that died cannot): commits go on. */
  forceOpen(): void {
    Atomics.store(this.state, RESTARTING, 0);
    Atomics.notify(this.state, RESTARTING);
  }

  /** Resolves once no restart is under way. */
  async whenOpen(): Promise<void> {
    while (Atomics.load(this.state, RESTARTING) === 1) await waitAsync(this.state, RESTARTING, 1).value;
  }
}

/**
 * The checkpointer thread's side, as source for its eval'd worker: `restartWal(gate, write)` closes the
 * gate, waits for the main thread's commit under way (they take well under a millisecond), runs
 * `write` (the transaction that restarts the WAL) and opens the gate again.
 */
export const restartWalSource = `
function restartWal(gate, write) {
  Atomics.store(gate, ${RESTARTING}, 1);
  try {
    while (Atomics.load(gate, ${COMMITTING}) === 1) Atomics.wait(gate, ${COMMITTING}, 1, 1);
    write();
  } finally {
    Atomics.store(gate, ${RESTARTING}, 0);
    Atomics.notify(gate, ${RESTARTING});
  }
}
`;
