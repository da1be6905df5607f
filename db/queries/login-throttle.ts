import { and, count, eq, gt, isNull, lte, max, type SQL } from "drizzle-orm";
import { type Db, writeTransaction } from "../client";
import { loginFailures } from "../schema";
import { nowIso } from "../time";

/**
 * Login throttling by slowing down, never by locking out. Failures count in three scopes: the
 * account (attempts from browsers not known for it), the address (the same, across accounts)
 * and a known device (its own failures only). Past a scope's free failures, the next attempt
 * must wait 1 s, 2 s, 4 s … after the last failure, at most 15 minutes. An account remembers a
 * day of failures, so a guesser gets 5 + 10 guesses in the first 17 minutes and then one per 15
 * minutes: about 110 the first day and 100 a day after (NIST SP 800-63B asks for at most 100
 * failures). An address remembers an hour: it guards against trying a few passwords on many
 * accounts, and an office must not stay slowed for a day. The owner on a browser they have
 * logged in from before is not slowed by anyone else's failures.
 */
export const ACCOUNT_MEMORY_MS = 24 * 60 * 60 * 1000;
export const ADDRESS_MEMORY_MS = 60 * 60 * 1000;
export const MAX_WAIT_MS = 15 * 60 * 1000;
/** Enough for typos, too few for guessing. */
export const FREE_FAILURES_PER_ACCOUNT = 5;
export const FREE_FAILURES_PER_DEVICE = 5;
/** A meeting room or an office shares one public address: one person's failures must not slow the others. */
export const FREE_FAILURES_PER_ADDRESS = 100;

/** How long after the last of `failures` recent failures the next attempt must wait. */
export function waitAfterFailures(failures: number, free: number): number {
  return failures < free ? 0 : Math.min(1000 * 2 ** (failures - free), MAX_WAIT_MS);
}

export interface LoginAttempt {
  email: string;
  address: string;
  /** SHA-256 of the known-device token, when the browser is a known device of this account. */
  deviceHash: string | null;
  now?: Date;
}

export type Reservation = { ok: true; attemptId: number } | { ok: false; retryAfterMs: number };

interface Scope {
  where: SQL;
  free: number;
  memoryMs: number;
}

function scopesOf({ email, address, deviceHash }: LoginAttempt): Scope[] {
  if (deviceHash) return [{ where: eq(loginFailures.deviceHash, deviceHash), free: FREE_FAILURES_PER_DEVICE, memoryMs: ACCOUNT_MEMORY_MS }];
  return [
    { where: and(eq(loginFailures.email, email), isNull(loginFailures.deviceHash))!, free: FREE_FAILURES_PER_ACCOUNT, memoryMs: ACCOUNT_MEMORY_MS },
    { where: and(eq(loginFailures.address, address), isNull(loginFailures.deviceHash))!, free: FREE_FAILURES_PER_ADDRESS, memoryMs: ADDRESS_MEMORY_MS },
  ];
}

/**
 * Decides whether an attempt may check its password and, if so, counts it as a failure before
 * the (slow) check: check and count are one immediate write transaction, so parallel attempts,
 * even from several processes, cannot all slip through on the same count. A successful check
 * forgives it again (`forgiveLoginAttempt`).
 */
export function reserveLoginAttempt(db: Db, attempt: LoginAttempt): Reservation {
  const now = attempt.now ?? new Date();
  return writeTransaction(db, (tx) => {
    // Old rows have no further use; pruning here keeps the table small without a scheduler.
    tx.delete(loginFailures)
      .where(lte(loginFailures.at, nowIso(new Date(now.getTime() - ACCOUNT_MEMORY_MS))))
      .run();
    let retryAfterMs = 0;
    for (const scope of scopesOf(attempt)) {
      const since = nowIso(new Date(now.getTime() - scope.memoryMs));
      const recent = tx
        .select({ n: count(), last: max(loginFailures.at) })
        .from(loginFailures)
        .where(and(scope.where, gt(loginFailures.at, since)))
        .get()!;
      const wait = waitAfterFailures(recent.n, scope.free);
      if (wait > 0 && recent.last) retryAfterMs = Math.max(retryAfterMs, Date.parse(recent.last) + wait - now.getTime());
    }
    if (retryAfterMs > 0) return { ok: false, retryAfterMs };
    const row = tx
      .insert(loginFailures)
      .values({ email: attempt.email, address: attempt.address, deviceHash: attempt.deviceHash, at: nowIso(now) })
      .returning({ id: loginFailures.id })
      .get();
    return { ok: true, attemptId: row.id };
  });
}

/**
 * A successful login: the reserved attempt was no failure, and the person's own earlier typos
 * are forgiven (on a known device its failures, otherwise this account's from this address);
 * failures from elsewhere stay, so a guesser gains nothing from the owner's login.
 */
export function forgiveLoginAttempt(db: Db, attemptId: number, attempt: LoginAttempt): void {
  writeTransaction(db, (tx) => {
    tx.delete(loginFailures).where(eq(loginFailures.id, attemptId)).run();
    const own = attempt.deviceHash
      ? eq(loginFailures.deviceHash, attempt.deviceHash)
      : and(eq(loginFailures.email, attempt.email), eq(loginFailures.address, attempt.address), isNull(loginFailures.deviceHash));
    tx.delete(loginFailures).where(own).run();
  });
}

/** Forgets every failure of an account (tests and operators). */
export function clearLoginFailures(db: Db, email: string): void {
  db.delete(loginFailures).where(eq(loginFailures.email, email)).run();
}
