import { and, eq, inArray, type SQL } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import type { Db } from "../client";
import { agreements, groups, memberships } from "../schema";
import type { Viewer } from "./sessions";

/** Ids of the groups the viewer is a member of. */
export function memberGroupIds(db: Db, viewer: Viewer): number[] {
  return db
    .select({ id: memberships.groupId })
    .from(memberships)
    .where(eq(memberships.personId, viewer.id))
    .all()
    .map((r) => r.id);
}

/** The viewer's membership of a group, or null. Admins see every group without being members. */
export function membershipOf(db: Db, viewer: Viewer, groupId: number) {
  return membershipOfPerson(db, viewer.id, groupId);
}

/** A person's membership of a group (role and function), or null; for checks about someone other than the viewer. */
export function membershipOfPerson(db: Db, personId: number, groupId: number) {
  return (
    db
      .select({ role: memberships.role, functionId: memberships.functionId })
      .from(memberships)
      .where(and(eq(memberships.groupId, groupId), eq(memberships.personId, personId)))
      .get() ?? null
  );
}

/** The people who run a group (its ordförande, one or two, and its sekreterare): who receives what is sent to the group. */
export function chairsAndSecretariesOf(db: Db, groupId: number): number[] {
  return db
    .select({ personId: memberships.personId })
    .from(memberships)
    .where(and(eq(memberships.groupId, groupId), inArray(memberships.role, ["ordforande", "sekreterare"])))
    .all()
    .map((m) => m.personId);
}

/**
 * A query condition: the group in `groupId` is one the viewer may see. Rows
 * that hang off a group (uppdrag …) are read with it, so someone removed from
 * the group stops seeing them at once. Undefined (no condition) for admins.
 */
export function inViewerGroups(db: Db, viewer: Viewer, groupId: SQLiteColumn): SQL | undefined {
  if (viewer.isAdmin) return undefined;
  return inArray(groupId, db.select({ id: memberships.groupId }).from(memberships).where(eq(memberships.personId, viewer.id)));
}

export function canViewGroup(db: Db, viewer: Viewer, groupId: number): boolean {
  return viewer.isAdmin || membershipOf(db, viewer, groupId) !== null;
}

/**
 * Agreements the viewer may read: those with a group the viewer belongs to,
 * and the city-wide agreements those derive from. Admins read all.
 */
export function visibleAgreementIds(db: Db, viewer: Viewer): Set<number> {
  if (viewer.isAdmin)
    return new Set(
      db
        .select({ id: agreements.id })
        .from(agreements)
        .all()
        .map((r) => r.id),
    );
  const groupIds = memberGroupIds(db, viewer);
  if (groupIds.length === 0) return new Set();
  const direct = db
    .selectDistinct({ id: agreements.id, parentId: agreements.parentId })
    .from(groups)
    .innerJoin(agreements, eq(agreements.id, groups.agreementId))
    .where(inArray(groups.id, groupIds))
    .all();
  const ids = new Set<number>();
  for (const a of direct) {
    ids.add(a.id);
    if (a.parentId !== null) ids.add(a.parentId);
  }
  return ids;
}
