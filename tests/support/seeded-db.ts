import { eq } from "drizzle-orm";
import { openDatabase, type Db } from "../../db/client";
import type { Viewer } from "../../db/queries/sessions";
import { people } from "../../db/schema";
import { seedDemoData } from "../../db/seed/demo";
import { storeProtocol } from "../../server/protocol/archive";
import { demoPassword, tempDatabasePath } from "./temp";

/** A fixed "now" so that cadence and upcoming meetings are deterministic. */
export const fixedNow = new Date("2026-11-23T10:00:00Z");

/** Opens a fresh SQLite file as the process database and seeds the demo data into it. */
export async function openSeededDatabase(now = fixedNow): Promise<Db> {
  const { db } = openDatabase(tempDatabasePath());
  await seedDemoData(db, { password: demoPassword, now, archiveProtocol: storeProtocol });
  return db;
}

export function viewerByEmail(db: Db, email: string): Viewer {
  const person = db.select().from(people).where(eq(people.email, email)).get();
  if (!person) throw new Error(`no demo person ${email}`);
  return { id: person.id, name: person.name, email: person.email, isAdmin: person.isAdmin };
}
