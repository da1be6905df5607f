import { and, eq } from "drizzle-orm";
import type { Db } from "../client";
import type { MemberRole } from "../domain/enums";
import { groups, memberships } from "../schema";
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
