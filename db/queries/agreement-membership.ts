import { and, asc, eq, isNull } from "drizzle-orm";
import type { Db } from "../client";
import type { MemberRole } from "../domain/enums";
import { agreements, groups, memberships, people } from "../schema";
import type { Viewer } from "./sessions";

/**
 * The viewer's roles in the groups directly under an agreement (its styrgrupp, beredningsgrupp and
 * arbetsgrupper), empty when they belong to none. What belongs to the agreement as a whole and not to
 * one group (its events of significant importance, its kontaktuppgifter) is theirs to read; membership
 * of the city-wide agreement's groups does not reach a local agreement's.
 */
export function rolesUnderAgreement(db: Db, viewer: Viewer, agreementId: number): MemberRole[] {
  return db
    .select({ role: memberships.role })
    .from(memberships)
    .innerJoin(groups, eq(groups.id, memberships.groupId))
    .where(and(eq(groups.agreementId, agreementId), eq(memberships.personId, viewer.id)))
    .all()
    .map((r) => r.role);
}

/** A local agreement by its slug, or null (the lägesbild, the plans and the medborgarlöften are only a local agreement's). */
export function localAgreementBySlug(db: Db, slug: string) {
  const row = db
    .select({ id: agreements.id, slug: agreements.slug, title: agreements.title, area: agreements.area, scope: agreements.scope })
    .from(agreements)
    .where(eq(agreements.slug, slug))
    .get();
  return row && row.scope === "local" ? { id: row.id, slug: row.slug, title: row.title, area: row.area } : null;
}

/** The active members of the agreement's groups, by name: who a plan's row or an activity may name as responsible. */
export function agreementPeople(db: Db, agreementId: number) {
  return db
    .selectDistinct({ id: people.id, name: people.name })
    .from(memberships)
    .innerJoin(groups, eq(groups.id, memberships.groupId))
    .innerJoin(people, eq(people.id, memberships.personId))
    .where(and(eq(groups.agreementId, agreementId), isNull(people.deactivatedAt)))
    .orderBy(asc(people.name))
    .all();
}
