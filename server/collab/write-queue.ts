import type { DocumentWrite } from "../../db/documents/writes";

/** Commits a batch of document writes in one transaction; resolves once it is on disk. */
export interface UpdateWriter {
  write(writes: DocumentWrite[]): Promise<void>;
  close(): Promise<void>;
}

interface Batch {
  writes: DocumentWrite[];
  /** Run only if the batch committed: relays of what it contains. */
  onCommit: (() => void)[];
  /** Run when the batch is done either way. */
  onSettle: (() => void)[];
}

const emptyBatch = (): Batch => ({ writes: [], onCommit: [], onSettle: [] });

/**
 * Group commit: writes are committed in batches, one SQLite transaction (one
 * fsync) each, in the order they were enqueued, and nothing derived from them
 * is sent to any client until their batch has committed. While one batch is
 * being written, the next one grows, so under load batches get larger instead
 * of commits queueing up.
 */
export class WriteQueue {
  private pending = emptyBatch();
  private inFlight: Batch | null = null;
  private scheduled = false;

  constructor(
    private readonly writer: UpdateWriter,
    private readonly onWriteFailure: (error: unknown, documentNames: Set<string>) => void,
  ) {}

  enqueue(write: DocumentWrite): void {
    this.pending.writes.push(write);
    this.schedule();
  }

  /** Runs `fn` once everything enqueued so far is committed (at once if nothing is outstanding). */
  afterCommit(fn: () => void): void {
    const batch = this.lastBatch();
    if (batch) batch.onCommit.push(fn);
    else runSafely(fn);
  }

  /** Resolves once everything enqueued so far is committed or has failed. */
  settled(): Promise<void> {
    const batch = this.lastBatch();
    return batch ? new Promise((resolve) => batch.onSettle.push(resolve)) : Promise.resolve();
  }

  /** The batch that holds the newest write, if any is outstanding. */
  private lastBatch(): Batch | null {
    return this.pending.writes.length > 0 ? this.pending : this.inFlight;
  }

  private schedule(): void {
    if (this.scheduled || this.inFlight) return;
    this.scheduled = true;
    // Writes enqueued in the same turn of the event loop share the first batch.
    setImmediate(() => {
      this.scheduled = false;
      this.startBatch();
    });
  }

  private startBatch(): void {
    if (this.inFlight || this.pending.writes.length === 0) return;
    const batch = this.pending;
    this.inFlight = batch;
    this.pending = emptyBatch();
    const finish = () => {
      this.inFlight = null;
      if (this.pending.writes.length > 0) this.startBatch();
      for (const fn of batch.onSettle) runSafely(fn);
    };
    this.writer.write(batch.writes).then(
      () => {
        finish();
        for (const fn of batch.onCommit) runSafely(fn);
      },
      (error) => {
        // Nothing that depended on these writes is sent: no client sees an edit that is not stored.
        finish();
        this.onWriteFailure(error, new Set(batch.writes.map((w) => w.name)));
      },
    );
  }
}

/** One failing follow-up (a relay) must not stop the others or the process. */
function runSafely(fn: () => void): void {
  try {
    fn();
  } catch (error) {
    console.error("collab: a step after a commit failed", error);
  }
}
