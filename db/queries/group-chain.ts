import { and, asc, desc, eq, gte, inArray, isNotNull, or } from "drizzle-orm";
import type { Db } from "../client";
import { stockholmDate, stockholmYear } from "../domain/stockholm-time";
import { actionItems, decisions, groups, meetings, people } from "../schema";
import { canViewGroup } from "./access";
import { isOverdue } from "./action-items";
import type { Viewer } from "./sessions";

/**
 * The styrgrupp a beredningsgrupp prepares matters for and follows up: the active styrgrupp of the same
 * agreement and level (the lokal beredningsgrupp → the lokal styrgrupp; the stadsövergripande → the
 * stadsövergripande). Null for other groups.
 */
export function steeringGroupPreparedFor(db: Db, groupId: number): { id: number; name: string } | null {
  const group = db.select({ kind: groups.kind, level: groups.level, agreementId: groups.agreementId }).from(groups).where(eq(groups.id, groupId)).get();
  if (!group || group.kind !== "beredningsgrupp") return null;
  return (
    db
      .select({ id: groups.id, name: groups.name })
      .from(groups)
      .where(and(eq(groups.agreementId, group.agreementId), eq(groups.kind, "styrgrupp"), eq(groups.level, group.level), eq(groups.active, true)))
      .orderBy(asc(groups.id))
      .get() ?? null
  );
}

/**
 * "Styrgruppens beslut": what the beredningsgrupp's mandate to prepare and follow up lets it see of its
 * styrgrupp: the decisions of this and last year that are final (their protocol is justerat, or the §
 * was justerad at once), each with the uppdrag given under it and how far they have come. Not the
 * styrgrupp's minutes, notes or handlingar. Empty for a viewer who may not see the beredningsgrupp.
 */
export function steeringDecisionsForPreparers(db: Db, viewer: Viewer, groupId: number, now = new Date()) {
  if (!canViewGroup(db, viewer, groupId)) return null;
  const steering = steeringGroupPreparedFor(db, groupId);
  if (!steering) return null;
  const rows = db
    .select({
      id: decisions.id,
      number: decisions.number,
      year: decisions.year,
      title: decisions.title,
      text: decisions.text,
      adoptedAt: decisions.adoptedAt,
      agendaItemId: decisions.agendaItemId,
    })
    .from(decisions)
    .innerJoin(meetings, eq(meetings.id, decisions.meetingId))
    .where(
      and(
        eq(decisions.groupId, steering.id),
        gte(decisions.year, stockholmYear(now) - 1),
        // Final only: a decision in a protocol not yet justerat may still be corrected.
        or(isNotNull(meetings.lockedAt), isNotNull(decisions.immediatelyApprovedAt)),
      ),
    )
    .orderBy(desc(decisions.adoptedAt), desc(decisions.number))
    .all();
  const itemIds = rows.flatMap((row) => (row.agendaItemId === null ? [] : [row.agendaItemId]));
  const uppdrag =
    itemIds.length === 0
      ? []
      : db
          .select({
            id: actionItems.id,
            agendaItemId: actionItems.agendaItemId,
            title: actionItems.title,
            ownerName: people.name,
            dueOn: actionItems.dueOn,
            status: actionItems.status,
          })
          .from(actionItems)
          .innerJoin(people, eq(people.id, actionItems.ownerId))
          .where(and(eq(actionItems.groupId, steering.id), inArray(actionItems.agendaItemId, itemIds)))
          .orderBy(asc(actionItems.id))
          .all();
  const today = stockholmDate(now);
  return {
    steering,
    decisions: rows.map(({ agendaItemId, ...decision }) => ({
      ...decision,
      uppdrag: uppdrag.filter((u) => u.agendaItemId === agendaItemId).map(({ agendaItemId: _, ...u }) => ({ ...u, overdue: isOverdue(u, today) })),
    })),
  };
}
