import { eq } from "drizzle-orm";
import { openDatabase, type Db } from "../../db/client";
import type { Viewer } from "../../db/queries/sessions";
import { groups, memberships, people } from "../../db/schema";
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

/** A new person whose only membership is `role` in the group named `groupName` (the demo's people sit in several groups). */
export function addMemberOnly(db: Db, groupName: string, role: "ledamot" | "lasare", email: string): Viewer {
  const group = db.select().from(groups).where(eq(groups.name, groupName)).get();
  if (!group) throw new Error(`no demo group ${groupName}`);
  const person = db
    .insert(people)
    .values({ email, name: email.split("@")[0], createdAt: fixedNow.toISOString() })
    .returning()
    .get();
  db.insert(memberships).values({ groupId: group.id, personId: person.id, role, createdAt: fixedNow.toISOString() }).run();
  return { id: person.id, name: person.name, email: person.email, isAdmin: false };
}
