/**
 * "Det här väntar på dig" on the home page: what the chain asks of the viewer now, gathered from the
 * queries that own each kind of work (uppdrag, justering, steering documents up for decision, events to
 * acknowledge, delivered protocols, medborgarlöfte activities). Each list is only what the viewer may open.
 */
import { and, asc, eq, inArray, isNotNull, notExists } from "drizzle-orm";
import type { Db } from "../client";
import { daysAfter, stockholmDate } from "../domain/stockholm-time";
import { agendaItems, agreements, decisions, groups, meetings, memberships } from "../schema";
import { listMyActionItems, openActionItemStatuses } from "./action-items";
import { myPromiseActivities } from "./citizen-promises";
import { deliveredProtocols } from "./delivered-protocols";
import { listMyApprovalTasks } from "./meeting-lifecycle";
import type { Viewer } from "./sessions";
import { significantEventsStanding } from "./significant-events";

/** An uppdrag due within this many days counts as due soon. */
export const DUE_SOON_DAYS = 14;

/** A lägesbild or åtgärdsplan put up for decision at a coming or running meeting of a lokal styrgrupp I am a member of, not yet decided. */
function steeringItemsUpForDecision(db: Db, viewer: Viewer) {
  return db
    .select({ agendaItemId: agendaItems.id, title: agendaItems.title, meetingId: meetings.id, startsAt: meetings.startsAt, groupName: groups.name })
    .from(agendaItems)
    .innerJoin(meetings, eq(meetings.id, agendaItems.meetingId))
    .innerJoin(groups, eq(groups.id, meetings.groupId))
    .innerJoin(memberships, and(eq(memberships.groupId, groups.id), eq(memberships.personId, viewer.id)))
    .where(
      and(
        isNotNull(agendaItems.versionId),
        eq(groups.kind, "styrgrupp"),
        eq(groups.level, "local"),
        inArray(meetings.status, ["planerat", "pagar"]),
        notExists(db.select({ id: decisions.id }).from(decisions).where(eq(decisions.agendaItemId, agendaItems.id))),
      ),
    )
    .orderBy(asc(meetings.startsAt))
    .all();
}

/** The local agreements and lokal styrgrupper the viewer is a member of (for events and delivered protocols). */
function myGroups(db: Db, viewer: Viewer) {
  return db
    .select({
      groupId: groups.id,
      name: groups.name,
      agreementId: groups.agreementId,
      agreementTitle: agreements.title,
      kind: groups.kind,
      level: groups.level,
    })
    .from(memberships)
    .innerJoin(groups, eq(groups.id, memberships.groupId))
    .innerJoin(agreements, eq(agreements.id, groups.agreementId))
    .where(and(eq(memberships.personId, viewer.id), eq(groups.active, true)))
    .all();
}

export function waitingForMe(db: Db, viewer: Viewer, now = new Date()) {
  const today = stockholmDate(now);
  const soon = daysAfter(today, DUE_SOON_DAYS);
  const uppdrag = listMyActionItems(db, viewer, now).assignedToMe.filter(
    (item) => openActionItemStatuses.includes(item.status) && item.dueOn !== null && item.dueOn <= soon,
  );
  const mine = myGroups(db, viewer);
  const agreementTitles = new Map(mine.map((g) => [g.agreementId, g.agreementTitle]));
  const events = [...agreementTitles].flatMap(([agreementId, agreementTitle]) => {
    const standing = significantEventsStanding(db, viewer, agreementId);
    return standing && standing.waiting > 0 ? [{ ...standing, agreementTitle }] : [];
  });
  const protocols = mine
    .filter((g) => g.kind === "styrgrupp" && g.level === "local")
    .flatMap((g) =>
      deliveredProtocols(db, viewer, g.groupId)
        .filter((p) => p.readAt === null)
        .map((p) => ({ ...p, toGroupId: g.groupId, toGroupName: g.name })),
    );
  return {
    uppdrag,
    approvals: listMyApprovalTasks(db, viewer),
    upForDecision: steeringItemsUpForDecision(db, viewer),
    events,
    protocols,
    promiseActivities: myPromiseActivities(db, viewer, now),
  };
}
