/**
 * Reports up the chain (issue 16): arbetsgrupp → beredningsgrupp, beredningsgrupp → styrgrupp, lokal
 * styrgrupp → stadsövergripande beredningsgrupp. The sending group's chair or secretary starts a report:
 * its live document `rapport-<id>` is prefilled from the agreement's åtgärdsplan (each row with its
 * latest follow-up in the period), the group's members write it together, and the chair or secretary
 * sends it. Sending freezes the content on the report row and locks the live document; the PDF/A is
 * rendered from the frozen state (server/steering/report-pdf.ts). The receiving group sees only what was
 * sent to it, never a draft nor the live document, and may put a sent report on a meeting's agenda.
 */
import { and, asc, desc, eq, inArray, isNotNull, isNull } from "drizzle-orm";
import * as Y from "yjs";
import { type Db, writeTransaction } from "../client";
import { DocumentStore } from "../documents/store";
import { plainText } from "../documents/plain-text";
import { writeTemplate } from "../documents/templates";
import { planRowTitle } from "../domain/action-plan-rows";
import { documentName } from "../domain/document-names";
import { actionRowStatusLabels, ragLabels } from "../domain/labels";
import { buildMail } from "../domain/mail-texts";
import { stockholmDate } from "../domain/stockholm-time";
import { liveEvents } from "../live-events";
import { actionPlans, actionRowReports, agendaItems, agreements, chainReports, documents, groups, meetings, people } from "../schema";
import { nowIso } from "../time";
import { chairsAndSecretariesOf, membershipOf } from "./access";
import { listPlanRows } from "./action-plans";
import { insertAgendaItem, requirePlannedMeetingOf, upcomingPlannedMeetings } from "./agenda";
import { appendAudit } from "./audit";
import { mayComment } from "./comments";
import { reportDocumentAccess } from "./document-access";
import { ConflictError, ForbiddenError, NotFoundError } from "./errors";
import { steeringGroupPreparedFor } from "./group-chain";
import { mailLink, notify } from "./notify";
import type { Viewer } from "./sessions";
import { runsGroup } from "./meeting-rights";

export const MAX_REPORT_TITLE_LENGTH = 200;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

type GroupRow = { id: number; name: string; kind: "styrgrupp" | "beredningsgrupp" | "arbetsgrupp"; level: "city_wide" | "local"; agreementId: number };

function groupRow(db: Db, groupId: number): GroupRow | undefined {
  return db
    .select({ id: groups.id, name: groups.name, kind: groups.kind, level: groups.level, agreementId: groups.agreementId })
    .from(groups)
    .where(eq(groups.id, groupId))
    .get();
}

function firstActiveGroup(db: Db, agreementId: number, kind: GroupRow["kind"], level?: GroupRow["level"]) {
  return (
    db
      .select({ id: groups.id, name: groups.name })
      .from(groups)
      .where(and(eq(groups.agreementId, agreementId), eq(groups.kind, kind), eq(groups.active, true), level ? eq(groups.level, level) : undefined))
      .orderBy(asc(groups.id))
      .get() ?? null
  );
}

/**
 * The group a group reports to: an arbetsgrupp to the active beredningsgrupp of its agreement, a
 * beredningsgrupp to the styrgrupp it prepares for, a lokal styrgrupp to the stadsövergripande
 * beredningsgrupp of the city-wide agreement above its own. Null for every other group (the
 * stadsövergripande styrgrupp is the top of the chain).
 */
export function receiverOf(db: Db, groupId: number): { id: number; name: string } | null {
  const group = groupRow(db, groupId);
  if (!group) return null;
  if (group.kind === "arbetsgrupp") return firstActiveGroup(db, group.agreementId, "beredningsgrupp");
  if (group.kind === "beredningsgrupp") return steeringGroupPreparedFor(db, groupId);
  if (group.level !== "local") return null;
  const parentId = db.select({ parentId: agreements.parentId }).from(agreements).where(eq(agreements.id, group.agreementId)).get()?.parentId;
  return parentId ? firstActiveGroup(db, parentId, "beredningsgrupp", "city_wide") : null;
}

export interface ReportInput {
  title: string;
  periodStart: string;
  periodEnd: string;
}

function isIsoDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

function checkInput(input: ReportInput): ReportInput {
  const title = input.title.trim();
  if (title === "") throw new ConflictError("Ge rapporten en rubrik.", "title");
  if (title.length > MAX_REPORT_TITLE_LENGTH) throw new ConflictError(`Rubriken får vara högst ${MAX_REPORT_TITLE_LENGTH} tecken.`, "title");
  if (!isIsoDate(input.periodStart)) throw new ConflictError("Ange periodens första dag som ÅÅÅÅ-MM-DD.", "periodStart");
  if (!isIsoDate(input.periodEnd)) throw new ConflictError("Ange periodens sista dag som ÅÅÅÅ-MM-DD.", "periodEnd");
  if (input.periodEnd < input.periodStart) throw new ConflictError("Periodens sista dag kan inte vara före den första.", "periodEnd");
  return { title, periodStart: input.periodStart, periodEnd: input.periodEnd };
}

type Block = Parameters<typeof writeTemplate>[1][number];

/**
 * What a new report starts with: who reports to whom for which period, then every live row of the
 * agreement's åtgärdsplan with its latest follow-up in the period (status, RAG and the dated comment),
 * and headings for the group's own words. The text is the group's to change before sending.
 */
export function reportPrefill(db: Db, agreementId: number, from: string, to: string, input: ReportInput): Block[] {
  const plan = db.select({ id: actionPlans.id }).from(actionPlans).where(eq(actionPlans.agreementId, agreementId)).get();
  const rows = plan ? listPlanRows(db, plan.id) : [];
  // Follow-ups are few per row; the period is in Stockholm dates, so it is applied to each one's Stockholm date.
  const reports =
    rows.length === 0
      ? []
      : db
          .select()
          .from(actionRowReports)
          .where(
            inArray(
              actionRowReports.rowId,
              rows.map((r) => r.id),
            ),
          )
          .orderBy(desc(actionRowReports.reportedAt), desc(actionRowReports.id))
          .all()
          .filter((r) => stockholmDate(r.reportedAt) >= input.periodStart && stockholmDate(r.reportedAt) <= input.periodEnd);
  const rowBlocks: Block[] = rows.flatMap((row) => {
    const latest = reports.find((r) => r.rowId === row.id);
    const followUp = latest
      ? [
          `${stockholmDate(latest.reportedAt)}: ${actionRowStatusLabels[latest.status]}`,
          latest.rag ? ` (${ragLabels[latest.rag]})` : "",
          latest.comment ? ` – ${latest.comment}` : "",
        ].join("")
      : "Ingen uppföljning under perioden.";
    return [{ heading: planRowTitle(row), level: 3 as const }, { paragraph: followUp }];
  });
  return [
    { paragraph: `Rapport från ${from} till ${to} för perioden ${input.periodStart} – ${input.periodEnd}.` },
    { heading: "Åtgärdsplanens åtgärder" },
    ...(rowBlocks.length > 0 ? rowBlocks : [{ paragraph: "Överenskommelsen har ingen åtgärdsplan med åtgärder ännu." }]),
    { heading: "Sammanfattning" },
    { paragraph: "" },
    { heading: "Övrigt att rapportera" },
    { paragraph: "" },
  ];
}

/** Starts a report of the group to the group it reports to; its live document is created prefilled. Returns its id. */
export function createReport(db: Db, viewer: Viewer, groupId: number, input: ReportInput, now = new Date()): number {
  return writeTransaction(db, (tx) => {
    const group = groupRow(tx, groupId);
    const membership = group ? membershipOf(tx, viewer, groupId) : null;
    if (!group || !membership) throw new NotFoundError();
    if (!runsGroup(membership.role)) throw new ForbiddenError("Gruppens ordförande eller sekreterare skriver rapporter.");
    const receiver = receiverOf(tx, groupId);
    if (!receiver) throw new ConflictError("Gruppen rapporterar inte vidare till någon grupp.");
    const checked = checkInput(input);
    const at = nowIso(now);
    const { id } = tx
      .insert(chainReports)
      .values({ agreementId: group.agreementId, fromGroupId: groupId, toGroupId: receiver.id, ...checked, createdBy: viewer.id, createdAt: at })
      .returning({ id: chainReports.id })
      .get();
    const doc = new Y.Doc({ gc: true });
    try {
      writeTemplate(doc, reportPrefill(tx, group.agreementId, group.name, receiver.name, checked));
      new DocumentStore(tx).createWithState(
        documentName({ kind: "report", reportId: id }),
        "report",
        { groupId, agreementId: group.agreementId },
        Y.encodeStateAsUpdate(doc),
        now,
      );
    } finally {
      doc.destroy();
    }
    appendAudit(
      tx,
      { actorId: viewer.id, action: "report.created", subject: `group:${groupId}`, payload: { reportId: id, title: checked.title, toGroupId: receiver.id } },
      now,
    );
    return id;
  });
}

/** Where a group's reports are listed, sent and received. */
export function reportsPath(groupId: number, reportId?: number): string {
  return `/grupper/${groupId}/rapporter${reportId === undefined ? "" : `#rapport-${reportId}`}`;
}

export function reportPdfPath(reportId: number): string {
  return `/rapporter/${reportId}.pdf`;
}

/**
 * Sends a draft (chair or secretary of the sending group): in one transaction the stored document's
 * state and text are frozen on the report, the live document is locked (an edit still on its way is
 * refused, as for justerade minutes), the report is skickad and the receiving group's chair(s) and
 * secretary are told. The PDF/A is rendered from the frozen state after (server/steering/report-pdf.ts).
 */
export function sendReport(db: Db, viewer: Viewer, reportId: number, now = new Date()): void {
  const name = documentName({ kind: "report", reportId });
  writeTransaction(db, (tx) => {
    const report = tx.select().from(chainReports).where(eq(chainReports.id, reportId)).get();
    const membership = report ? membershipOf(tx, viewer, report.fromGroupId) : null;
    if (!report || !membership) throw new NotFoundError();
    if (!runsGroup(membership.role)) throw new ForbiddenError("Gruppens ordförande eller sekreterare skickar rapporten.");
    if (report.status !== "utkast") throw new ConflictError("Rapporten är redan skickad.");
    const loaded = new DocumentStore(tx).loadStored(name);
    if (!loaded) throw new ConflictError("Rapportens text finns inte.");
    const frozenState = Buffer.from(Y.encodeStateAsUpdate(loaded.doc));
    const frozenText = plainText(loaded.doc);
    loaded.doc.destroy();
    const at = nowIso(now);
    tx.update(chainReports).set({ status: "skickad", sentAt: at, sentBy: viewer.id, frozenState, frozenText }).where(eq(chainReports.id, reportId)).run();
    tx.update(documents).set({ lockedAt: at }).where(eq(documents.name, name)).run();
    const from = groupRow(tx, report.fromGroupId)!;
    const path = reportsPath(report.toGroupId, reportId);
    for (const personId of chairsAndSecretariesOf(tx, report.toGroupId)) {
      notify(
        tx,
        {
          personId,
          kind: "report_received",
          title: `Rapport från ${from.name}: ${report.title}`,
          link: path,
          dedupeKey: `report_received:${reportId}:${personId}`,
          mail: buildMail(`Rapport från ${from.name}: ${report.title}`, {
            heading: "En rapport har kommit till gruppen",
            paragraphs: [
              `${from.name} har skickat rapporten ”${report.title}” för perioden ${report.periodStart} – ${report.periodEnd}.`,
              "Du får den som ordförande eller sekreterare i den mottagande gruppen. Den kan läggas på ett mötes dagordning.",
            ],
            links: [{ label: "Öppna rapporten i Samverkan", url: mailLink(path) }],
          }),
        },
        now,
      );
    }
    appendAudit(
      tx,
      {
        actorId: viewer.id,
        action: "report.sent",
        subject: `group:${report.fromGroupId}`,
        payload: { reportId, title: report.title, toGroupId: report.toGroupId },
      },
      now,
    );
  });
  liveEvents().emit("documentLocked", name);
}

/** Stores a sent report's PDF/A and its SHA-256; only the first stored PDF counts. */
export function storeReportPdf(db: Db, reportId: number, pdf: Buffer, pdfSha256: string): void {
  writeTransaction(db, (tx) => {
    tx.update(chainReports)
      .set({ pdf, pdfSha256 })
      .where(and(eq(chainReports.id, reportId), eq(chainReports.status, "skickad"), isNotNull(chainReports.frozenState), isNull(chainReports.pdf)))
      .run();
  });
}

/** A sent report as its PDF prints it (the frozen state, never the live document); null when not sent. */
export function sentReportContent(db: Db, reportId: number) {
  const row = db
    .select({ report: chainReports, agreementTitle: agreements.title })
    .from(chainReports)
    .innerJoin(agreements, eq(agreements.id, chainReports.agreementId))
    .where(eq(chainReports.id, reportId))
    .get();
  const report = row?.report;
  if (!row || !report || report.status !== "skickad" || !report.frozenState || !report.sentAt) return null;
  const sender = db.select({ name: people.name }).from(people).where(eq(people.id, report.sentBy!)).get();
  return {
    id: report.id,
    title: report.title,
    agreementTitle: row.agreementTitle,
    fromGroupName: groupRow(db, report.fromGroupId)!.name,
    toGroupName: groupRow(db, report.toGroupId)!.name,
    periodStart: report.periodStart,
    periodEnd: report.periodEnd,
    sentAt: report.sentAt,
    sentByName: sender?.name ?? "",
    frozenState: report.frozenState,
    frozenText: report.frozenText ?? "",
    pdf: report.pdf,
  };
}

/**
 * Whether the viewer may read a sent report's PDF: members of the sending group, members of the
 * receiving group (what was sent to them), administrators. A draft's PDF does not exist: null.
 */
export function mayReadSentReport(db: Db, viewer: Viewer, reportId: number): boolean {
  const report = db
    .select({ status: chainReports.status, fromGroupId: chainReports.fromGroupId, toGroupId: chainReports.toGroupId })
    .from(chainReports)
    .where(eq(chainReports.id, reportId))
    .get();
  if (!report || report.status !== "skickad") return false;
  return viewer.isAdmin || membershipOf(db, viewer, report.fromGroupId) !== null || membershipOf(db, viewer, report.toGroupId) !== null;
}

/**
 * The reports section of a group page: the group's own reports (drafts with their live document and
 * its review comments, and sent ones) and its inbox (reports sent to it, never drafts), with the planned meetings a chair or
 * secretary may put a received report on. Null for a viewer who may not see the group.
 */
export function getGroupReports(db: Db, viewer: Viewer, groupId: number, now = new Date()) {
  const group = groupRow(db, groupId);
  if (!group) return null;
  const membership = membershipOf(db, viewer, groupId);
  if (!membership && !viewer.isAdmin) return null;
  const mayManage = runsGroup(membership?.role ?? null);
  const base = {
    id: chainReports.id,
    title: chainReports.title,
    periodStart: chainReports.periodStart,
    periodEnd: chainReports.periodEnd,
    status: chainReports.status,
    sentAt: chainReports.sentAt,
    pdfSha256: chainReports.pdfSha256,
  };
  const own = db
    .select({ ...base, toGroupName: groups.name })
    .from(chainReports)
    .innerJoin(groups, eq(groups.id, chainReports.toGroupId))
    .where(eq(chainReports.fromGroupId, groupId))
    .orderBy(desc(chainReports.createdAt), desc(chainReports.id))
    .all()
    .map((r) => {
      const name = documentName({ kind: "report", reportId: r.id });
      const access = reportDocumentAccess(db, viewer, r.id);
      return {
        ...r,
        documentName: name,
        editable: access.ok && access.mode === "edit",
        commentable: mayComment(db, viewer, name),
        pdfPath: reportPdfPath(r.id),
      };
    });
  const inboxRows = db
    .select({ ...base, fromGroupName: groups.name })
    .from(chainReports)
    .innerJoin(groups, eq(groups.id, chainReports.fromGroupId))
    .where(and(eq(chainReports.toGroupId, groupId), eq(chainReports.status, "skickad")))
    .orderBy(desc(chainReports.sentAt), desc(chainReports.id))
    .all();
  const onAgendas = onAgendaOf(
    db,
    inboxRows.map((r) => r.id),
  );
  const inbox = inboxRows.map((r) => ({ ...r, pdfPath: reportPdfPath(r.id), meetings: onAgendas.get(r.id) ?? [] }));
  const plannedMeetings = mayManage ? upcomingPlannedMeetings(db, groupId, now) : [];
  return { group: { id: group.id, name: group.name }, receiver: receiverOf(db, groupId), mayManage, own, inbox, plannedMeetings };
}

/** The meetings whose agenda has each report, by report id. */
function onAgendaOf(db: Db, reportIds: number[]) {
  const byReport = new Map<number, { meetingId: number; title: string; startsAt: string }[]>();
  if (reportIds.length === 0) return byReport;
  const rows = db
    .select({ reportId: agendaItems.reportId, meetingId: meetings.id, title: meetings.title, startsAt: meetings.startsAt })
    .from(agendaItems)
    .innerJoin(meetings, eq(meetings.id, agendaItems.meetingId))
    .where(inArray(agendaItems.reportId, reportIds))
    .all();
  for (const { reportId, ...meeting } of rows) if (reportId !== null) byReport.set(reportId, [...(byReport.get(reportId) ?? []), meeting]);
  return byReport;
}

/**
 * "Lägg på dagordningen": the receiving group's chair or secretary puts a sent report on one of the
 * group's planned meetings as an ärende "Rapport: <title> (<from group>)" that links the report.
 */
export function putReportOnAgenda(db: Db, viewer: Viewer, reportId: number, meetingId: number, now = new Date()): number {
  return writeTransaction(db, (tx) => {
    const report = tx.select().from(chainReports).where(eq(chainReports.id, reportId)).get();
    // A draft is not the receiver's to know of: answered like a report that does not exist.
    const membership = report && report.status === "skickad" ? membershipOf(tx, viewer, report.toGroupId) : null;
    if (!report || !membership) throw new NotFoundError();
    if (!runsGroup(membership.role)) throw new ForbiddenError("Gruppens ordförande eller sekreterare lägger rapporter på dagordningen.");
    requirePlannedMeetingOf(tx, report.toGroupId, meetingId, "Rapporten");
    const already = tx
      .select({ id: agendaItems.id })
      .from(agendaItems)
      .where(and(eq(agendaItems.meetingId, meetingId), eq(agendaItems.reportId, reportId)))
      .get();
    if (already) throw new ConflictError("Rapporten finns redan på mötets dagordning.", "meetingId");
    const from = groupRow(tx, report.fromGroupId)!;
    const input = { title: `Rapport: ${report.title} (${from.name})`, kind: "information" as const, presenterId: null, reportId };
    const itemId = insertAgendaItem(tx, meetingId, input, null, viewer.id, now);
    appendAudit(
      tx,
      { actorId: viewer.id, action: "report.put_on_agenda", subject: `meeting:${meetingId}`, payload: { reportId, itemId, title: report.title } },
      now,
    );
    return itemId;
  });
}

/** The reports linked from a meeting's ärenden (for the meeting page), by agenda item id. */
export function reportsOfAgenda(db: Db, meetingId: number) {
  const rows = db
    .select({ itemId: agendaItems.id, reportId: chainReports.id, pdfSha256: chainReports.pdfSha256 })
    .from(agendaItems)
    .innerJoin(chainReports, eq(chainReports.id, agendaItems.reportId))
    .where(eq(agendaItems.meetingId, meetingId))
    .all();
  return new Map(rows.map((r) => [r.itemId, { reportId: r.reportId, pdfPath: reportPdfPath(r.reportId), pdfSha256: r.pdfSha256 }]));
}
