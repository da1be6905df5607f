import { and, count, eq, gt, lte } from "drizzle-orm";
import type { Db } from "../client";
import { loginFailures } from "../schema";
import { nowIso } from "../time";

export const THROTTLE_WINDOW_MS = 15 * 60 * 1000;
/** Failures allowed per account in the window: enough for typos, too few for guessing. */
export const MAX_FAILURES_PER_ACCOUNT = 5;
/** Per address, higher: a whole meeting room may share one public address. */
export const MAX_FAILURES_PER_ADDRESS = 30;

interface Attempt {
  email: string;
  address: string;
  now?: Date;
}

/** Whether further login attempts for this account or from this address must be refused for now. */
export function isLoginThrottled(db: Db, { email, address, now = new Date() }: Attempt): boolean {
  const since = nowIso(new Date(now.getTime() - THROTTLE_WINDOW_MS));
  const [byAccount] = db
    .select({ n: count() })
    .from(loginFailures)
    .where(and(eq(loginFailures.email, email), gt(loginFailures.at, since)))
    .all();
  if (byAccount.n >= MAX_FAILURES_PER_ACCOUNT) return true;
  const [byAddress] = db
    .select({ n: count() })
    .from(loginFailures)
    .where(and(eq(loginFailures.address, address), gt(loginFailures.at, since)))
    .all();
  return byAddress.n >= MAX_FAILURES_PER_ADDRESS;
}

export function recordLoginFailure(db: Db, { email, address, now = new Date() }: Attempt): void {
  db.insert(loginFailures).values({ email, address, at: nowIso(now) }).run();
  // Old rows have no further use; pruning here keeps the table small without a scheduler.
  db.delete(loginFailures)
    .where(lte(loginFailures.at, nowIso(new Date(now.getTime() - THROTTLE_WINDOW_MS))))
    .run();
}

/** A successful login forgives the account's earlier typos. */
export function clearLoginFailures(db: Db, email: string): void {
  db.delete(loginFailures).where(eq(loginFailures.email, email)).run();
}
