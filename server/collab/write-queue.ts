import type { DocumentStore } from "../../db/documents/store";

interface PendingRow {
  name: string;
  update: Uint8Array;
  personId: number | null;
}

/**
 * Group commit: updates that arrive in the same turn of the event loop are
 * written in one SQLite transaction (one fsync), and nothing derived from them
 * is sent to any client until that transaction has committed.
 */
export class WriteQueue {
  private rows: PendingRow[] = [];
  private afterCommitCallbacks: (() => void)[] = [];
  private scheduled = false;

  constructor(
    private readonly store: DocumentStore,
    private readonly onWriteFailure: (error: unknown, documentNames: Set<string>) => void,
  ) {}

  enqueue(row: PendingRow): void {
    this.rows.push(row);
    this.schedule();
  }

  /** Runs `fn` once everything enqueued so far is committed (at once if nothing is pending). */
  afterCommit(fn: () => void): void {
    if (this.rows.length === 0 && this.afterCommitCallbacks.length === 0) {
      fn();
      return;
    }
    this.afterCommitCallbacks.push(fn);
    this.schedule();
  }

  /** Commits what is pending now, then runs the callbacks that waited for it. */
  flush(): void {
    const rows = this.rows;
    const callbacks = this.afterCommitCallbacks;
    this.rows = [];
    this.afterCommitCallbacks = [];
    this.scheduled = false;
    try {
      this.store.appendUpdates(rows);
    } catch (error) {
      // Nothing that depended on these rows is sent: no client sees an edit that is not stored.
      this.onWriteFailure(error, new Set(rows.map((r) => r.name)));
      return;
    }
    for (const fn of callbacks) fn();
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.flush());
  }
}
