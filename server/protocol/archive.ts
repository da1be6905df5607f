import { createHash } from "node:crypto";
import { eq } from "drizzle-orm";
import { type Db, writeTransaction } from "../../db/client";
import { readDocumentText } from "../../db/documents/store";
import { listAttendance, type AttendanceRow } from "../../db/queries/attendance";
import { appendAudit, latestAuditHash } from "../../db/queries/audit";
import { listMeetingDecisions } from "../../db/queries/decisions";
import { listApprovers } from "../../db/queries/meeting-lifecycle";
import { meetingSummary } from "../../db/queries/meetings";
import { decisions as decisionsTable, protocols } from "../../db/schema";
import { nowIso } from "../../db/time";
import { decisionKindLabels, paragraphLabel, roleLabels } from "../../app/utils/labels";
import { renderProtocolOffThread } from "./render-pool";
import type { ProtocolData, ProtocolPerson } from "./protocol-data";

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

/** Gathers a meeting's protocol, or the extract of one § when `decisionId` is given. */
export function protocolData(db: Db, meetingId: number, decisionId?: number, now = new Date()): ProtocolData {
  const meeting = meetingSummary(db, meetingId)!;
  const attendance = listAttendance(db, meetingId, meeting.groupId);
  const present = attendance.filter((r) => r.status === "narvarande");
  const decisions = listMeetingDecisions(db, meetingId).filter((d) => decisionId === undefined || d.id === decisionId);
  const approvers = listApprovers(db, meetingId);
  return {
    kind: decisionId === undefined ? "protokoll" : "protokollsutdrag",
    group: { name: meeting.groupName, agreementTitle: meeting.agreementTitle },
    meeting: { title: meeting.title, startsAt: meeting.startsAt, endsAt: meeting.endsAt, location: meeting.location, videoLink: meeting.videoLink },
    beslutande: present.filter((r) => r.role === "ordforande" || r.role === "ledamot" || r.role === "sekreterare").map(person),
    adjungerade: present.filter((r) => r.role === "adjungerad" || r.role === "gast").map(person),
    ovrigaNarvarande: present.filter((r) => r.role === "lasare").map(person),
    franvarande: attendance.filter((r) => r.status === "franvarande" || r.status === "anmalt_forhinder").map(person),
    chair: attendance.find((r) => r.role === "ordforande")?.name ?? null,
    secretary: attendance.find((r) => r.role === "sekreterare")?.name ?? null,
    justerare: approvers.filter((a) => a.capacity === "justerare").map((a) => a.name),
    paragraphs: decisions.map((d) => {
      // The corrected § may be from an earlier meeting.
      const corrected = d.correctsId ? db.select({ number: decisionsTable.number, year: decisionsTable.year }).from(decisionsTable).where(eq(decisionsTable.id, d.correctsId)).get() : undefined;
      return {
        number: d.number,
        year: d.year,
        title: d.title,
        kindLabel: decisionKindLabels[d.kind],
        decisionText: d.text,
        notes: d.agendaItemId ? readDocumentText(db, `item-${d.agendaItemId}-notes`) : "",
        adoptedAt: d.adoptedAt,
        corrects: corrected ? paragraphLabel(corrected.number, corrected.year) : null,
        immediatelyApprovedAt: d.immediatelyApprovedAt,
        presentNames: d.present.map((p) => p.name),
      };
    }),
    generalNotes: decisionId === undefined ? readDocumentText(db, `meeting-${meetingId}-minutes`) : "",
    approvals: approvers
      .filter((a) => a.approval === "holds")
      .map((a) => ({ name: a.name, capacity: a.capacity === "ordforande" ? ("Ordförande" as const) : ("Justerare" as const), approvedAt: a.approvedAt! }))
      .sort((a, b) => a.approvedAt.localeCompare(b.approvedAt)),
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
