/**
 * A token bucket: up to `capacity` at once, refilled at `perSecond`. Lets a
 * burst through (a paste, a reconnect's catch-up) and holds a sustained flood
 * to the refill rate.
 */
export class TokenBucket {
  private tokens: number;
  private refilledAt: number;

  constructor(
    readonly capacity: number,
    readonly perSecond: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.tokens = capacity;
    this.refilledAt = now();
  }

  /** Takes `amount` tokens if there are that many; a single amount above the capacity passes only with a full bucket. */
  take(amount = 1): boolean {
    this.refill();
    const needed = Math.min(amount, this.capacity);
    if (this.tokens < needed) return false;
    this.tokens -= amount;
    return true;
  }

  /** Milliseconds until `amount` tokens are available. */
  msUntil(amount = 1): number {
    this.refill();
    return Math.max(0, ((Math.min(amount, this.capacity) - this.tokens) / this.perSecond) * 1000);
  }

  private refill(): void {
    const now = this.now();
    this.tokens = Math.min(this.capacity, this.tokens + ((now - this.refilledAt) / 1000) * this.perSecond);
    this.refilledAt = now;
  }
}

/**
 * What one connection may send. A fast typist sends a few updates a second
 * (y-prosemirror: one per transaction; holding a key down about 30); pastes,
 * undo and the catch-up after a reconnect are single messages. The flood in
 * the issue was 10 000 updates a second.
 */
export interface ConnectionLimits {
  /** Sync updates (and sync replies): a burst of 300, then 100 a second. */
  updates: TokenBucket;
  /** Sync requests, each answered with an encoding of the document: the stock client sends one per connection. */
  syncRequests: TokenBucket;
  /** Bytes of every message: three maximal messages at once, then 1 MiB a second. */
  bytes: TokenBucket;
  /** Awareness (cursor) updates relayed to everyone, and awareness queries: 20 at once, then 10 a second; the rest is coalesced. */
  awareness: TokenBucket;
}

export function connectionLimits(maxMessageBytes: number): ConnectionLimits {
  return {
    updates: new TokenBucket(300, 100),
    syncRequests: new TokenBucket(5, 0.5),
    bytes: new TokenBucket(3 * maxMessageBytes, 1024 * 1024),
    awareness: new TokenBucket(20, 10),
  };
}
