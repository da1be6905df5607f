import { eq } from "drizzle-orm";
import type { Db } from "../client";
import { organisations, people } from "../schema";

/**
 * The party a person acts for in a group: the top organisation above theirs
 * (a stadsdelsförvaltning belongs to Stockholms stad, a lokalpolisområde to the
 * Polisregion), as the agreements' parties are the city and the police. Null when
 * the person has no organisation, so their party cannot be told.
 */
export function partyOfPerson(db: Db, personId: number): { id: number; name: string } | null {
  let organisationId = db.select({ organisationId: people.organisationId }).from(people).where(eq(people.id, personId)).get()?.organisationId ?? null;
  const seen = new Set<number>();
  while (organisationId !== null && !seen.has(organisationId)) {
    seen.add(organisationId);
    const row = db
      .select({ id: organisations.id, name: organisations.name, parentId: organisations.parentId })
      .from(organisations)
      .where(eq(organisations.id, organisationId))
      .get();
    if (!row) return null;
    if (row.parentId === null) return { id: row.id, name: row.name };
    organisationId = row.parentId;
  }
  return null;
}
