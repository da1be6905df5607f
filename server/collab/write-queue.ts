import type { DocumentWrite } from "../../db/documents/writes";

/** What the writer thread reports after each transaction: every write up to `upTo` is done. */
export interface WriterAck {
  upTo: number;
  /** Set when the transaction failed: nothing up to `upTo` since the previous ack was stored. */
  error?: string;
  /** Documents with writes in the failed transaction. */
  names?: string[];
}

/**
 * Commits writes in the order they are posted, in transactions of its own
 * choosing, and acknowledges them, always later than the `post` call: an
 * acknowledgement from inside `post` would reach the queue before the relay
 * that waits for the write is registered, and the relay would run unstored.
 */
export interface UpdateWriter {
  post(seq: number, write: DocumentWrite): void;
  onAck(listener: (ack: WriterAck) => void): void;
  close(): Promise<void>;
}

interface Waiter {
  seq: number;
  onCommit?: () => void;
  onSettle?: () => void;
}

/**
 * Numbers every document write and hands it to the writer thread at once; the
 * thread commits whatever has arrived in one transaction (group commit: while
 * one commit runs, the next batch queues up on its side). Nothing derived from
 * a write is sent to any client until the write is acknowledged as committed.
 */
export class WriteQueue {
  private lastSeq = 0;
  private settledSeq = 0;
  /** In sequence order. */
  private waiters: Waiter[] = [];

  constructor(
    private readonly writer: UpdateWriter,
    private readonly onWriteFailure: (error: Error, documentNames: Set<string>) => void,
  ) {
    writer.onAck((ack) => this.acknowledge(ack));
  }

  enqueue(write: DocumentWrite): void {
    this.writer.post(++this.lastSeq, write);
  }

  /** Runs `fn` once everything enqueued so far is committed (at once if nothing is outstanding). */
  afterCommit(fn: () => void): void {
    if (this.settledSeq === this.lastSeq) runSafely(fn);
    else this.waiters.push({ seq: this.lastSeq, onCommit: fn });
  }

  /** Resolves once everything enqueued so far is committed or has failed. */
  settled(): Promise<void> {
    if (this.settledSeq === this.lastSeq) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ seq: this.lastSeq, onSettle: resolve }));
  }

  private acknowledge(ack: WriterAck): void {
    this.settledSeq = ack.upTo;
    let done = 0;
    while (done < this.waiters.length && this.waiters[done].seq <= ack.upTo) done++;
    const due = this.waiters.slice(0, done);
    this.waiters = this.waiters.slice(done);
    // Nothing that depended on failed writes is sent: no client sees an edit that is not stored.
    if (ack.error) this.onWriteFailure(new Error(`storing document changes failed: ${ack.error}`), new Set(ack.names));
    for (const waiter of due) {
      if (!ack.error && waiter.onCommit) runSafely(waiter.onCommit);
      waiter.onSettle?.();
    }
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
