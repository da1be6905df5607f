import type { Db } from "../../db/client";
import { createDailyVersions } from "../../db/queries/versions";
import { runPeriodically } from "../periodic";

/**
 * Every `intervalMs` the lägesbilder and åtgärdsplaner changed since their latest version get their
 * automatic version of the day (at most one a Stockholm day each: createDailyVersions is
 * idempotent, so the interval only decides how soon after a change the day's version is made).
 * Runs once at start too, so a server restarted daily still makes them.
 */
export function startDailyVersionSweep(db: Db, intervalMs: number, clock: () => Date = () => new Date()): { stop: () => void } {
  const sweep = () => {
    try {
      const made = createDailyVersions(db, clock());
      if (made.length > 0) console.log(`versions: ${made.length} automatic version(s) made`);
    } catch (error) {
      // The next sweep tries again; a failure must not stop the server.
      console.error("versions: the daily sweep failed", error);
    }
  };
  return runPeriodically(sweep, intervalMs);
}
