import { eq } from "drizzle-orm";
import type { Db } from "../client";
import { settings } from "../schema";

const DEMO_DATA_KEY = "demo_data";

/**
 * Whether this database holds the demo data (fictional people and events under the real
 * agreements' names). Pages show a banner and every protocol PDF says DEMO, so nothing made
 * from the demo is mistaken for a real record.
 */
export function isDemoData(db: Db): boolean {
  return db.select({ value: settings.value }).from(settings).where(eq(settings.key, DEMO_DATA_KEY)).get()?.value === "true";
}

/** Called by the demo seed: from now on this database is marked as demo data. */
export function markDemoData(db: Db): void {
  db.insert(settings)
    .values({ key: DEMO_DATA_KEY, value: "true" })
    .onConflictDoUpdate({ target: settings.key, set: { value: "true" } })
    .run();
}
