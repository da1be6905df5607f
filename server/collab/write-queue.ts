export interface PendingRow {
  name: string;
  update: Uint8Array;
  personId: number | null;
}

/** Commits a batch of update rows in one transaction; resolves once it is on disk. */
export interface UpdateWriter {
  write(rows: PendingRow[]): Promise<void>;
  close(): Promise<void>;
}

/**
 * Group commit: updates are written in batches, one SQLite transaction (one
 * fsync) each, and nothing derived from them is sent to any client until their
 * batch has committed. While one batch is being written, the next one grows,
 * so under load batches get larger instead of commits queueing up.
 */
export class WriteQueue {
  private pending: PendingRow[] = [];
  private pendingCallbacks: (() => void)[] = [];
  private inFlight: Promise<void> | null = null;
  private inFlightCallbacks: (() => void)[] = [];
  private scheduled = false;

  constructor(
    private readonly writer: UpdateWriter,
    private readonly onWriteFailure: (error: unknown, documentNames: Set<string>) => void,
  ) {}

  enqueue(row: PendingRow): void {
    this.pending.push(row);
    this.schedule();
  }

  /** Runs `fn` once everything enqueued so far is committed (at once if nothing is outstanding). */
  afterCommit(fn: () => void): void {
    if (this.pending.length > 0) this.pendingCallbacks.push(fn);
    else if (this.inFlight) this.inFlightCallbacks.push(fn);
    else runSafely(fn);
  }

  /** Resolves once everything enqueued so far is committed (or has failed). */
  async drain(): Promise<void> {
    while (this.inFlight || this.pending.length > 0) {
      if (!this.inFlight) this.startBatch();
      await this.inFlight;
    }
  }

  private schedule(): void {
    if (this.scheduled || this.inFlight) return;
    this.scheduled = true;
    // Updates arriving in the same turn of the event loop share the first batch.
    setImmediate(() => {
      this.scheduled = false;
      this.startBatch();
    });
  }

  private startBatch(): void {
    if (this.inFlight || this.pending.length === 0) return;
    const rows = this.pending;
    this.inFlightCallbacks = this.pendingCallbacks;
    this.pending = [];
    this.pendingCallbacks = [];
    const finish = () => {
      this.inFlight = null;
      if (this.pending.length > 0) this.startBatch();
    };
    this.inFlight = this.writer.write(rows).then(
      () => {
        const callbacks = this.inFlightCallbacks;
        this.inFlightCallbacks = [];
        finish();
        for (const fn of callbacks) runSafely(fn);
      },
      (error) => {
        // Nothing that depended on these rows is sent: no client sees an edit that is not stored.
        this.inFlightCallbacks = [];
        finish();
        this.onWriteFailure(error, new Set(rows.map((r) => r.name)));
      },
    );
  }
}

/** One failing follow-up (a relay, a compaction) must not stop the others or the process. */
function runSafely(fn: () => void): void {
  try {
    fn();
  } catch (error) {
    console.error("collab: a step after a commit failed", error);
  }
}
