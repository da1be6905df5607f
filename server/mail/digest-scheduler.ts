import type { Db } from "../../db/client";
import { stockholmDate, stockholmHour } from "../../db/domain/stockholm-time";
import { queueDailyDigests } from "../../db/queries/uppdrag-digest";
import { runPeriodically } from "../periodic";

/** How often the scheduler looks whether the day's digest is due: the digest goes out within this of the hour. */
export const DIGEST_CHECK_INTERVAL_MS = 10 * 60_000;

/**
 * Makes the day's uppdrag digest (db/queries/uppdrag-digest.ts) once the Stockholm clock has passed
 * `hour`: at start and then every DIGEST_CHECK_INTERVAL_MS. It remembers the day it made them, so it
 * runs once a day; a restart or a second server runs it again, and the digest's dedupe key per person
 * and day makes that harmless. The queued mail goes out through the mail sender.
 */
export function startDigestScheduler(db: Db, options: { hour: number; intervalMs?: number; clock?: () => Date }): { stop: () => void } {
  const clock = options.clock ?? (() => new Date());
  let doneFor: string | null = null;
  const check = () => {
    const now = clock();
    const today = stockholmDate(now);
    if (doneFor === today || stockholmHour(now) < options.hour) return;
    try {
      const queued = queueDailyDigests(db, now);
      doneFor = today;
      if (queued > 0) console.log(`digest: ${queued} daily digest(s) of uppdrag queued`);
    } catch (error) {
      // The next check tries again; a failure must not stop the server.
      console.error("digest: the daily digest failed", error);
    }
  };
  return runPeriodically(check, options.intervalMs ?? DIGEST_CHECK_INTERVAL_MS);
}
