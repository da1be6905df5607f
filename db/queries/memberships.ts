import { and, asc, eq } from "drizzle-orm";
import { type Db, writeTransaction } from "../client";
import { liveEvents } from "../live-events";
import { agreements, functions, groups, memberships, people, type MemberRole } from "../schema";
import { nowIso } from "../time";
import { appendAudit, auditActorId } from "./audit";
import { assertAdmin, ConflictError } from "./errors";
import { partyOfPerson } from "./party";
import type { Viewer } from "./sessions";

export function listFunctions(db: Db) {
  return db.select().from(functions).orderBy(asc(functions.name)).all();
}

/** The id of a function by name, creating it in the catalogue if it is new. */
export function functionIdByName(db: Db, name: string): number {
  const trimmed = name.trim();
  const existing = db.select({ id: functions.id }).from(functions).where(eq(functions.name, trimmed)).get();
  if (existing) return existing.id;
  return db.insert(functions).values({ name: trimmed }).returning({ id: functions.id }).get().id;
}

export function membershipsOfPerson(db: Db, viewer: Viewer, personId: number) {
  assertAdmin(viewer);
  return db
    .select({
      id: memberships.id,
      groupId: groups.id,
      groupName: groups.name,
      agreementTitle: agreements.title,
      role: memberships.role,
      functionName: functions.name,
    })
    .from(memberships)
    .innerJoin(groups, eq(groups.id, memberships.groupId))
    .innerJoin(agreements, eq(agreements.id, groups.agreementId))
    .leftJoin(functions, eq(functions.id, memberships.functionId))
    .where(eq(memberships.personId, personId))
    .orderBy(asc(agreements.title), asc(groups.name))
    .all();
}

export interface NewMembership {
  groupId: number;
  personId: number;
  role: MemberRole;
  functionId: number | null;
}

/** Inserts a membership without checking who asks: for the seed and the operator CLI. */
export function insertMembership(db: Db, input: NewMembership, now = new Date()): number {
  const exists = db
    .select({ id: memberships.id })
    .from(memberships)
    .where(and(eq(memberships.groupId, input.groupId), eq(memberships.personId, input.personId)))
    .get();
  if (exists) throw new ConflictError("Personen är redan medlem i gruppen.", "groupId");
  if (input.role === "ordforande") assertOneChairPerParty(db, input.groupId, input.personId);
  return db
    .insert(memberships)
    .values({ ...input, createdAt: nowIso(now) })
    .returning({ id: memberships.id })
    .get().id;
}

/**
 * The agreements have each party lead a group with its own ordförande (the stadsdelsdirektör for the city,
 * the lokalpolisområdeschef for the police): a second ordförande must act for another party, which can only
 * be told when both have an organisation.
 */
function assertOneChairPerParty(db: Db, groupId: number, personId: number): void {
  const chairs = db
    .select({ personId: memberships.personId, name: people.name })
    .from(memberships)
    .innerJoin(people, eq(people.id, memberships.personId))
    .where(and(eq(memberships.groupId, groupId), eq(memberships.role, "ordforande")))
    .all();
  if (chairs.length === 0) return;
  const party = partyOfPerson(db, personId);
  for (const chair of chairs) {
    const chairParty = partyOfPerson(db, chair.personId);
    if (!party || !chairParty) {
      throw new ConflictError(
        `Gruppen har redan en ordförande (${chair.name}). En ordförande till måste företräda en annan part; ange organisation för båda först.`,
        "role",
      );
    }
    if (party.id === chairParty.id) {
      throw new ConflictError(`Gruppen har redan en ordförande för ${party.name} (${chair.name}). Varje part har en ordförande i gruppen.`, "role");
    }
  }
}

export function addMembership(db: Db, viewer: Viewer, input: NewMembership, now = new Date()): number {
  assertAdmin(viewer);
  return writeTransaction(db, (tx) => {
    const id = insertMembership(tx, input, now);
    appendAudit(
      tx,
      { actorId: auditActorId(viewer), action: "membership.added", subject: `group:${input.groupId}`, payload: { membershipId: id, ...input } },
      now,
    );
    return id;
  });
}

export function removeMembership(db: Db, viewer: Viewer, membershipId: number, now = new Date()): void {
  assertAdmin(viewer);
  writeTransaction(db, (tx) => {
    const removed = tx.delete(memberships).where(eq(memberships.id, membershipId)).returning().get();
    if (!removed) return;
    const { groupId, personId, role, functionId } = removed;
    appendAudit(
      tx,
      { actorId: auditActorId(viewer), action: "membership.removed", subject: `group:${groupId}`, payload: { membershipId, personId, role, functionId } },
      now,
    );
  });
  liveEvents().emit("accessChanged");
}
