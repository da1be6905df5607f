import type { Db } from "../../db/client";
import { liveEvents } from "../../db/live-events";
import { accessLostSince, latestAuditId } from "../../db/queries/audit";

/** How often the audit log is read for changes made by other processes. */
const POLL_MS = 1_000;

/**
 * Rights changed in this process reach open documents at once, through the
 * live event `accessChanged`. A change made by another process (the admin
 * CLI) shows only in the database: every change of rights writes an audit
 * entry, so this watcher reads the newest entry id every second (one indexed
 * lookup) and raises the same event when an access-losing entry appeared.
 * Changes made in this process are then checked a second time; that is cheap.
 */
export function watchAccessChanges(db: Db, intervalMs = POLL_MS): { stop: () => void } {
  let seen = latestAuditId(db);
  const timer = setInterval(() => {
    try {
      const latest = latestAuditId(db);
      if (latest === seen) return;
      const lost = accessLostSince(db, seen);
      seen = latest;
      if (lost) liveEvents().emit("accessChanged");
    } catch (error) {
      console.error("collab: could not read the audit log for access changes", error);
    }
  }, intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
