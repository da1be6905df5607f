/**
 * What a stadsövergripande beredningsgrupp does with the decided lägesbilder and åtgärdsplaner the
 * local agreements hand over to it, the same way as with a report sent up the chain: its chair(s) and
 * secretary are told when one arrives, and may put it on one of the group's planned meetings as an
 * ärende (information) that links the decided version's PDF/A. Such an ärende never decides the version
 * (the lokal styrgrupp's § did); `agenda_items.received_version_id` is kept apart from `version_id`,
 * which puts a version up for decision.
 */
import { and, asc, eq, isNotNull } from "drizzle-orm";
import { type Db, writeTransaction } from "../client";
import { agendaItems, meetings } from "../schema";
import { membershipOf } from "./access";
import { insertAgendaItem, requirePlannedMeetingOf, upcomingPlannedMeetings } from "./agenda";
import { appendAudit } from "./audit";
import { ConflictError, ForbiddenError, NotFoundError } from "./errors";
import { runsGroup } from "./meeting-rights";
import type { Viewer } from "./sessions";
import { bilagaTitle, handedOverToGroup } from "./steering-documents";

/**
 * "Lägg på dagordningen" for a handed-over bilaga: the receiving group's chair or secretary puts the
 * decided version on one of the group's planned meetings as an ärende "Överlämnad: <bilaga> – <agreement>".
 */
export function putHandedOverOnAgenda(db: Db, viewer: Viewer, groupId: number, versionId: number, meetingId: number, now = new Date()): number {
  return writeTransaction(db, (tx) => {
    const membership = membershipOf(tx, viewer, groupId);
    // Only what was handed over to this group, and only for its members: the same 404 otherwise.
    const handed = membership ? handedOverToGroup(tx, groupId).find((h) => h.versionId === versionId) : undefined;
    if (!membership || !handed) throw new NotFoundError();
    if (!runsGroup(membership.role)) throw new ForbiddenError("Gruppens ordförande eller sekreterare lägger överlämnade bilagor på dagordningen.");
    requirePlannedMeetingOf(tx, groupId, meetingId, "Bilagan");
    const already = tx
      .select({ id: agendaItems.id })
      .from(agendaItems)
      .where(and(eq(agendaItems.meetingId, meetingId), eq(agendaItems.receivedVersionId, versionId)))
      .get();
    if (already) throw new ConflictError("Bilagan finns redan på mötets dagordning.", "meetingId");
    const title = `Överlämnad: ${bilagaTitle({ subject: { kind: handed.subjectKind, id: handed.subjectId }, year: handed.year })} – ${handed.agreementTitle}`;
    const itemId = insertAgendaItem(tx, meetingId, { title, kind: "information", presenterId: null, receivedVersionId: versionId }, null, viewer.id, now);
    appendAudit(
      tx,
      { actorId: viewer.id, action: "steering_document.put_on_agenda", subject: `meeting:${meetingId}`, payload: { versionId, itemId, title } },
      now,
    );
    return itemId;
  });
}

/**
 * The "Överlämnade" section of a stadsövergripande beredningsgrupp's page: what was handed over, the
 * meetings each is on, and (for the group's chair or secretary) the planned meetings to put it on.
 */
export function handedOverSection(db: Db, viewer: Viewer, groupId: number, now = new Date()) {
  const documents = handedOverToGroup(db, groupId);
  const membership = membershipOf(db, viewer, groupId);
  const mayPutOnAgenda = membership !== null && runsGroup(membership.role);
  const onAgendas = new Map<number, { meetingId: number; title: string; startsAt: string }[]>();
  for (const row of db
    .select({ versionId: agendaItems.receivedVersionId, meetingId: meetings.id, title: meetings.title, startsAt: meetings.startsAt })
    .from(agendaItems)
    .innerJoin(meetings, eq(meetings.id, agendaItems.meetingId))
    .where(and(eq(meetings.groupId, groupId), isNotNull(agendaItems.receivedVersionId)))
    .orderBy(asc(meetings.startsAt))
    .all()) {
    onAgendas.set(row.versionId!, [...(onAgendas.get(row.versionId!) ?? []), { meetingId: row.meetingId, title: row.title, startsAt: row.startsAt }]);
  }
  return {
    documents: documents.map((d) => ({ ...d, meetings: onAgendas.get(d.versionId) ?? [] })),
    mayPutOnAgenda,
    plannedMeetings: mayPutOnAgenda && documents.length > 0 ? upcomingPlannedMeetings(db, groupId, now) : [],
  };
}
