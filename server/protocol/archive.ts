import { createHash } from "node:crypto";
import { asc, eq } from "drizzle-orm";
import { type Db, writeTransaction } from "../../db/client";
import { readDocumentText } from "../../db/documents/store";
import { listAttendance, type AttendanceRow } from "../../db/queries/attendance";
import { appendAudit, latestAuditHash } from "../../db/queries/audit";
import { listMeetingDecisions } from "../../db/queries/decisions";
import { listActionItemsGivenAt } from "../../db/queries/action-items";
import { isDemoData } from "../../db/queries/demo-flag";
import { meetingChair } from "../../db/queries/meeting-chair";
import { listApprovers } from "../../db/queries/meeting-lifecycle";
import { meetingSummary } from "../../db/queries/meetings";
import { currentRecordVersion } from "../../db/queries/record-version";
import { filesOfMeeting } from "../../db/queries/files";
import { bilagaTitle, decidedVersionOfItems, steeringState, type DecidedVersion } from "../../db/queries/steering-documents";
import { agendaItems, decisions as decisionsTable, groups, paragraphs, people, protocols } from "../../db/schema";
import { nowIso } from "../../db/time";
import { approverCapacityLabels, paragraphLabel, roleLabels } from "../../db/domain/labels";
import { renderProtocolOffThread } from "./render-pool";
import type { ProtocolData, ProtocolPerson, ProtocolUppdrag } from "./protocol-data";
import { documentName } from "../../db/domain/document-names";

function person(row: AttendanceRow): ProtocolPerson {
  return {
    name: row.name,
    role: row.role === "gast" ? "Gäst" : roleLabels[row.role],
    functionName: row.functionName,
    organisation: row.organisation,
    arrivedAt: row.arrivedAt,
    leftAt: row.leftAt,
  };
}

/** The ordförande and ledamöter decide; the sekreterare, adjungerade, läsare and guests attend without deciding. */
function isBeslutande(role: AttendanceRow["role"]): boolean {
  return role === "ordforande" || role === "ledamot";
}

/** Order of the roles within the attendance lists: the chair before the ledamöter, the secretary before other participants. */
const roleOrder: Record<AttendanceRow["role"], number> = { ordforande: 0, ledamot: 1, sekreterare: 2, adjungerad: 3, lasare: 4, gast: 5 };
const byRole = (a: AttendanceRow, b: AttendanceRow) => roleOrder[a.role] - roleOrder[b.role];

/** The labels the present-at-adoption snapshot stores for the ordförande and ledamöter. */
const beslutandeLabels = new Set([roleLabels.ordforande, roleLabels.ledamot]);

function uppdrag(row: ReturnType<typeof listActionItemsGivenAt>[number]): ProtocolUppdrag {
  // An uppdrag given to another group names that group with its responsible person: "Anna Ek (Beredningsgruppen)".
  return { title: row.title, owner: row.assigneeGroup ? `${row.owner} (${row.assigneeGroup})` : row.owner, dueOn: row.dueOn, itemTitle: row.itemTitle };
}

/** The meeting's ärenden with their §§ (null for those not dealt with yet), in agenda order. */
function itemsWithParagraphs(db: Db, meetingId: number) {
  return db
    .select({ itemId: agendaItems.id, title: agendaItems.title, paragraph: paragraphs, chairName: people.name, preparedBy: groups.name })
    .from(agendaItems)
    .leftJoin(paragraphs, eq(paragraphs.agendaItemId, agendaItems.id))
    .leftJoin(people, eq(people.id, paragraphs.chairedBy))
    .leftJoin(groups, eq(groups.id, agendaItems.preparedByGroupId))
    .where(eq(agendaItems.meetingId, meetingId))
    .orderBy(asc(agendaItems.position))
    .all();
}

/** "Gemensam lokal lägesbild 2026, fastställd version, SHA-256 <hash>": the bilaga a § fastställde, as the protocol names it. */
function bilagaLine(db: Db, decided: DecidedVersion | undefined): string | null {
  if (!decided) return null;
  const state = steeringState(db, { kind: decided.subjectKind, id: decided.subjectId });
  return state ? `${bilagaTitle(state)}, fastställd version, SHA-256 ${decided.sha256}` : null;
}

/** Gathers a meeting's protocol, or the extract of the § of one decision when `decisionId` is given. */
export function protocolData(db: Db, meetingId: number, decisionId?: number, now = new Date()): ProtocolData {
  const meeting = meetingSummary(db, meetingId)!;
  const attendance = listAttendance(db, meetingId, meeting.groupId);
  const present = attendance.filter((r) => r.status === "narvarande");
  const beslutande = present.filter((r) => isBeslutande(r.role)).sort(byRole);
  const headBeslutande = new Set(beslutande.map((r) => r.personId));
  const decisionOfItem = new Map(listMeetingDecisions(db, meetingId).map((d) => [d.agendaItemId, d]));
  const givenUppdrag = listActionItemsGivenAt(db, meetingId);
  const bilagor = decidedVersionOfItems(
    db,
    [...decisionOfItem.keys()].filter((id): id is number => id !== null),
  );
  const items = itemsWithParagraphs(db, meetingId);
  const dealt = items
    .filter((item) => item.paragraph !== null)
    .sort((a, b) => a.paragraph!.year - b.paragraph!.year || a.paragraph!.number - b.paragraph!.number);
  const approvers = listApprovers(db, meetingId);
  // With two chairs (one per party) the head names the one who led the meeting.
  const chair = meetingChair(db, meetingId)?.name ?? attendance.find((r) => r.role === "ordforande")?.name ?? null;
  const secretary = attendance.find((r) => r.role === "sekreterare")?.name ?? null;
  const isExtract = decisionId !== undefined;
  const shown = isExtract ? dealt.filter((item) => decisionOfItem.get(item.itemId)?.id === decisionId) : dealt;
  const withParagraph = new Set(dealt.map((item) => item.itemId));
  const meetingFiles = filesOfMeeting(db, meetingId);
  return {
    kind: isExtract ? "protokollsutdrag" : "protokoll",
    // An extract of a § approved at the meeting (omedelbar justering) is final before the whole protocol is.
    draft: !meeting.lockedAt && !(isExtract && shown.every((item) => decisionOfItem.get(item.itemId)?.immediatelyApprovedAt)),
    demo: isDemoData(db),
    group: { name: meeting.groupName, agreementTitle: meeting.agreementTitle },
    meeting: {
      title: meeting.title,
      startsAt: meeting.startsAt,
      endsAt: meeting.endsAt,
      startedAt: meeting.startedAt,
      endedAt: meeting.endedAt,
      location: meeting.location,
      videoLink: meeting.videoLink,
    },
    beslutande: beslutande.map(person),
    ovrigaNarvarande: present
      .filter((r) => !isBeslutande(r.role))
      .sort(byRole)
      .map(person),
    franvarande: attendance
      .filter((r) => isBeslutande(r.role) && r.status !== "narvarande")
      .sort(byRole)
      .map(person),
    chair,
    secretary,
    justerare: approvers.filter((a) => a.capacity === "justerare").map((a) => a.name),
    paragraphs: shown.map(({ itemId, title, paragraph, chairName, preparedBy }) => {
      const d = decisionOfItem.get(itemId);
      // The corrected § may be from an earlier meeting.
      const corrected = d?.correctsId
        ? db.select({ number: decisionsTable.number, year: decisionsTable.year }).from(decisionsTable).where(eq(decisionsTable.id, d.correctsId)).get()
        : undefined;
      const decided = d ? d.present.filter((p) => beslutandeLabels.has(p.role)) : [];
      const decidedIds = new Set(decided.map((p) => p.personId));
      return {
        number: paragraph!.number,
        year: paragraph!.year,
        title: d?.title ?? title,
        outcome: paragraph!.outcome,
        hasDecision: d !== undefined,
        decisionText: d?.text ?? "",
        bilaga: bilagaLine(db, bilagor.get(itemId)),
        notes: readDocumentText(db, documentName({ kind: "agenda_item_notes", agendaItemId: itemId })),
        adoptedAt: d?.adoptedAt ?? null,
        corrects: corrected ? paragraphLabel(corrected.number, corrected.year) : null,
        immediatelyApprovedAt: d?.immediatelyApprovedAt ?? null,
        beslutande: decided.map((p) => p.name),
        beslutandeDiffer: d !== undefined && (decidedIds.size !== headBeslutande.size || [...decidedIds].some((id) => !headBeslutande.has(id))),
        chairedBy: chairName !== null && chairName !== chair ? chairName : null,
        preparedBy,
        uppdrag: givenUppdrag.filter((u) => u.agendaItemId === itemId).map(uppdrag),
        files: meetingFiles
          .filter((f) => f.agendaItemId === itemId || (d !== undefined && f.decisionId === d.id))
          .map((f) => ({
            fileName: f.fileName,
            size: f.size,
            sha256: f.sha256,
            category: f.category === "beslutsbilaga" ? ("beslutsbilaga" as const) : ("handling" as const),
          })),
      };
    }),
    undealtItems: isExtract ? [] : items.filter((item) => item.paragraph === null).map((item) => item.title),
    otherUppdrag: isExtract ? [] : givenUppdrag.filter((u) => u.agendaItemId === null || !withParagraph.has(u.agendaItemId)).map(uppdrag),
    generalNotes: isExtract ? "" : readDocumentText(db, documentName({ kind: "minutes", meetingId: meetingId })),
    // Before the justerare are chosen nobody signs yet: the lines for the chair and the sekreterare stand empty.
    signatures:
      approvers.length > 0
        ? approvers.map((a) => ({ capacity: approverCapacityLabels[a.capacity], name: a.name, approvedAt: a.approval === "holds" ? a.approvedAt : null }))
        : [
            { capacity: approverCapacityLabels.ordforande, name: chair, approvedAt: null },
            ...(secretary ? [{ capacity: approverCapacityLabels.sekreterare, name: secretary, approvedAt: null }] : []),
          ],
    recordSha256: currentRecordVersion(db, meetingId).sha256,
    auditHash: latestAuditHash(db),
    generatedAt: nowIso(now),
  };
}

/**
 * Renders the approved protocol once, when the minutes are locked, and stores
 * it with its SHA-256; the audit log records the hash. Rendering runs on the
 * render pool's worker and may fail (ProtocolRenderError): the meeting then
 * stays locked without an archived protocol until this is called again, which
 * fetching the protocol does. Only the first stored protocol counts; a second
 * call racing it stores and records nothing. At justering the render goes
 * first in the pool's queue and is never refused as busy; a retry on fetching
 * (`atJustering: false`) waits in line like any render, so fetching cannot
 * flood the pool.
 */
export async function storeProtocol(db: Db, meetingId: number, now = new Date(), { atJustering = true } = {}): Promise<void> {
  const data = protocolData(db, meetingId, undefined, now);
  const pdf = await renderProtocolOffThread(data, { archival: atJustering });
  const sha256 = createHash("sha256").update(pdf).digest("hex");
  writeTransaction(db, (tx) => {
    const stored = tx
      .insert(protocols)
      .values({ meetingId, pdf, sha256, auditHash: data.auditHash, createdAt: nowIso(now) })
      .onConflictDoNothing()
      .run();
    if (stored.changes === 0) return;
    appendAudit(tx, { actorId: null, action: "protocol.stored", subject: `meeting:${meetingId}`, payload: { sha256 } }, now);
  });
}
