import type * as awarenessProtocol from "y-protocols/awareness";
import { encodeAwareness } from "./messages";

/** Carets and names that changed are relayed at once, then at most once per this interval (the rest joins the next relay). */
export const AWARENESS_CHANGE_INTERVAL_MS = 50;
/**
 * A renewal (a client's unchanged state sent again, which the stock client does every 15 s so that
 * others do not drop it after 30 s) waits up to this long for company. Every renewal a stock client
 * receives it also sends back (it re-sends every awareness update it applies, not only its own), so
 * with 200 people in a document each renewal relayed alone made 199 messages out and 199 echoes in:
 * about 5 300 messages a second for nothing visible.
 */
export const AWARENESS_RENEWAL_DELAY_MS = 2_000;

interface AwarenessChange {
  added: number[];
  updated: number[];
  removed: number[];
}

/**
 * Relays a document's awareness to its connections in batches: one message per batch with the
 * current state and clock of every client id that changed or renewed since the last one. Relaying
 * later never relays anything stale: the batch is encoded when it is sent, from the newest states.
 */
export class AwarenessRelay {
  private readonly pending = new Set<number>();
  /** The ids the awareness reported as really changed, between its "change" and "update" events. */
  private changed: Set<number> | null = null;
  private timer: NodeJS.Timeout | undefined;
  private timerDue = Infinity;
  private lastRelayAt = -Infinity;

  constructor(
    private readonly awareness: awarenessProtocol.Awareness,
    private readonly broadcast: (message: Uint8Array) => void,
    private readonly now: () => number = () => performance.now(),
  ) {
    // Yjs' awareness emits "change" (states that differ) and then "update" (also clocks that only advanced).
    awareness.on("change", ({ added, updated, removed }: AwarenessChange) => {
      this.changed = new Set([...added, ...updated, ...removed]);
    });
    awareness.on("update", ({ added, updated, removed }: AwarenessChange) => {
      const changed = this.changed;
      this.changed = null;
      let urgent = false;
      for (const clientId of [...added, ...updated, ...removed]) {
        this.pending.add(clientId);
        if (changed?.has(clientId)) urgent = true;
      }
      this.relayWithin(urgent ? this.lastRelayAt + AWARENESS_CHANGE_INTERVAL_MS - this.now() : AWARENESS_RENEWAL_DELAY_MS);
    });
  }

  /** Stops the pending relay (the document leaves memory). */
  destroy(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.pending.clear();
  }

  private relayWithin(delayMs: number): void {
    if (delayMs <= 0) return this.relay();
    const due = this.now() + delayMs;
    if (due >= this.timerDue) return;
    clearTimeout(this.timer);
    this.timerDue = due;
    this.timer = setTimeout(() => this.relay(), delayMs);
    this.timer.unref();
  }

  private relay(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.timerDue = Infinity;
    const clientIds = [...this.pending].filter((clientId) => this.awareness.meta.has(clientId));
    this.pending.clear();
    if (clientIds.length === 0) return;
    this.lastRelayAt = this.now();
    this.broadcast(encodeAwareness(this.awareness, clientIds));
  }
}
