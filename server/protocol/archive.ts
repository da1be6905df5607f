import { createHash } from "node:crypto";
import { eq } from "drizzle-orm";
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
import { decisions as decisionsTable, protocols } from "../../db/schema";
import { nowIso } from "../../db/time";
import { approverCapacityLabels, paragraphLabel, roleLabels } from "../../app/utils/labels";
import { renderProtocolOffThread } from "./render-pool";
import type { ProtocolData, ProtocolPerson, ProtocolUppdrag } from "./protocol-data";

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
  return { title: row.title, owner: row.owner, dueOn: row.dueOn, itemTitle: row.itemTitle };
}

/** Gathers a meeting's protocol, or the extract of one § when `decisionId` is given. */
export function protocolData(db: Db, meetingId: number, decisionId?: number, now = new Date()): ProtocolData {
  const meeting = meetingSummary(db, meetingId)!;
  const attendance = listAttendance(db, meetingId, meeting.groupId);
  const present = attendance.filter((r) => r.status === "narvarande");
  const beslutande = present.filter((r) => isBeslutande(r.role)).sort(byRole);
  const headBeslutande = new Set(beslutande.map((r) => r.personId));
  const allDecisions = listMeetingDecisions(db, meetingId);
  const decisions = allDecisions.filter((d) => decisionId === undefined || d.id === decisionId);
  const givenUppdrag = listActionItemsGivenAt(db, meetingId);
  // An uppdrag belongs under the § of its ärende; an ärende with two §§ (a correction) lists it under the first.
  const firstDecisionOfItem = new Map<number, number>();
  for (const d of allDecisions) if (d.agendaItemId !== null && !firstDecisionOfItem.has(d.agendaItemId)) firstDecisionOfItem.set(d.agendaItemId, d.id);
  const approvers = listApprovers(db, meetingId);
  // With two chairs (one per party) the head names the one who led the meeting.
  const chair = meetingChair(db, meetingId)?.name ?? attendance.find((r) => r.role === "ordforande")?.name ?? null;
  const secretary = attendance.find((r) => r.role === "sekreterare")?.name ?? null;
  const isExtract = decisionId !== undefined;
  return {
    kind: isExtract ? "protokollsutdrag" : "protokoll",
    // An extract of a § approved at the meeting (omedelbar justering) is final before the whole protocol is.
    draft: !meeting.lockedAt && !(isExtract && decisions.every((d) => d.immediatelyApprovedAt !== null)),
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
    ovrigaNarvarande: present.filter((r) => !isBeslutande(r.role)).sort(byRole).map(person),
    franvarande: attendance.filter((r) => isBeslutande(r.role) && r.status !== "narvarande").sort(byRole).map(person),
    chair,
    secretary,
    justerare: approvers.filter((a) => a.capacity === "justerare").map((a) => a.name),
    paragraphs: decisions.map((d) => {
      // The corrected § may be from an earlier meeting.
      const corrected = d.correctsId ? db.select({ number: decisionsTable.number, year: decisionsTable.year }).from(decisionsTable).where(eq(decisionsTable.id, d.correctsId)).get() : undefined;
      const decided = d.present.filter((p) => beslutandeLabels.has(p.role));
      const decidedIds = new Set(decided.map((p) => p.personId));
      return {
        number: d.number,
        year: d.year,
        title: d.title,
        decisionText: d.text,
        notes: d.agendaItemId ? readDocumentText(db, `item-${d.agendaItemId}-notes`) : "",
        adoptedAt: d.adoptedAt,
        corrects: corrected ? paragraphLabel(corrected.number, corrected.year) : null,
        immediatelyApprovedAt: d.immediatelyApprovedAt,
        beslutande: decided.map((p) => p.name),
        beslutandeDiffer: decidedIds.size !== headBeslutande.size || [...decidedIds].some((id) => !headBeslutande.has(id)),
        uppdrag: givenUppdrag.filter((u) => u.agendaItemId !== null && firstDecisionOfItem.get(u.agendaItemId) === d.id).map(uppdrag),
      };
    }),
    otherUppdrag: isExtract ? [] : givenUppdrag.filter((u) => u.agendaItemId === null || !firstDecisionOfItem.has(u.agendaItemId)).map(uppdrag),
    generalNotes: isExtract ? "" : readDocumentText(db, `meeting-${meetingId}-minutes`),
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
