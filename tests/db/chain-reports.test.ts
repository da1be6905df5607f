/**
 * Issue 16, reports up the chain, on the demo data: who reports to whom, a report prefilled from the
 * åtgärdsplan's rows and their follow-up in the period, who may write it, sending (frozen, locked,
 * the receiver's chair and secretary told) and the receiver putting it on its meeting's agenda.
 * What the receiving group sees is only what was sent to it.
 */
import { and, eq, like } from "drizzle-orm";
import { closeDatabase, type Db } from "../../db/client";
import { appendParagraphsOffline, readDocumentText } from "../../db/documents/store";
import { documentName } from "../../db/domain/document-names";
import { ensureActionPlan } from "../../db/queries/action-plans";
import { createReport, getGroupReports, mayReadSentReport, putReportOnAgenda, receiverOf, sendReport } from "../../db/queries/chain-reports";
import { documentAccess } from "../../db/queries/document-access";
import { advanceMeetingStatus, createMeeting } from "../../db/queries/meeting-lifecycle";
import { dealWithItem } from "../../db/queries/paragraphs";
import { ConflictError, ForbiddenError, NotFoundError } from "../../db/queries/errors";
import type { Viewer } from "../../db/queries/sessions";
import { actionPlanRows, actionRowReports, agendaItems, agreements, chainReports, documents, groups, notifications } from "../../db/schema";
import { reportDocument } from "../../server/steering/report-pdf";
import { renderVersionPdf } from "../../server/steering/version-pdf";
import { readPdf, squash } from "../support/pdf-text";
import { openSeededDatabase, viewerByEmail } from "../support/seeded-db";

let db: Db;
const groupId = (name: string) => db.select().from(groups).where(eq(groups.name, name)).get()!.id;
const now = new Date("2026-11-23T10:00:00Z");
const period = { periodStart: "2026-09-01", periodEnd: "2026-11-30" };

let arbetsgrupp: number;
let beredning: number;
let daniel: Viewer; // ordförande of the arbetsgrupp
let ahmed: Viewer; // ledamot of the arbetsgrupp
let linnea: Viewer; // ordförande of the beredningsgrupp

beforeAll(async () => {
  db = await openSeededDatabase();
  arbetsgrupp = groupId("Arbetsgrupp avgränsade platser");
  beredning = groupId("Lokal beredningsgrupp Skärholmen");
  daniel = viewerByEmail(db, "daniel.lund@example.se");
  ahmed = viewerByEmail(db, "ahmed.yusuf@example.se");
  linnea = viewerByEmail(db, "linnea.holmberg@example.se");
  const agreementId = db.select().from(agreements).where(eq(agreements.slug, "skarholmen")).get()!.id;
  const plan = ensureActionPlan(db, agreementId, null);
  const row = db
    .insert(actionPlanRows)
    .values({
      planId: plan.id,
      uid: "rapport0001",
      position: 0,
      problem: "Otrygghet vid torget",
      measure: "Trygghetsvandringar varje månad",
      updatedAt: now.toISOString(),
    })
    .returning()
    .get();
  // The latest follow-up in the period is the one the report starts from; an older one is not repeated.
  db.insert(actionRowReports)
    .values([
      { rowId: row.id, status: "pagar", rag: "gront", comment: "Första vandringen gjord", reportedBy: daniel.id, reportedAt: "2026-09-15T09:00:00.000Z" },
      { rowId: row.id, status: "pagar", rag: "gult", comment: "Färre deltagare än väntat", reportedBy: daniel.id, reportedAt: "2026-11-02T09:00:00.000Z" },
    ])
    .run();
  // The period is in Stockholm dates: 00:30 on its first day counts, 23:30 the day before does not.
  const second = db
    .insert(actionPlanRows)
    .values({ planId: plan.id, uid: "rapport0002", position: 1, measure: "Samtal med fastighetsägarna", updatedAt: now.toISOString() })
    .returning()
    .get();
  db.insert(actionRowReports)
    .values([
      { rowId: second.id, status: "ej_paborjad", rag: null, comment: "Före perioden", reportedBy: daniel.id, reportedAt: "2026-08-31T21:30:00.000Z" },
      { rowId: second.id, status: "pagar", rag: null, comment: "Periodens första natt", reportedBy: daniel.id, reportedAt: "2026-08-31T22:30:00.000Z" },
    ])
    .run();
});
afterAll(() => closeDatabase());

describe("who reports to whom", () => {
  it("follows the chain: arbetsgrupp → beredningsgrupp → styrgrupp; lokal styrgrupp → stadsövergripande beredningsgrupp", () => {
    const to = (name: string) => receiverOf(db, groupId(name))?.name ?? null;
    expect(to("Arbetsgrupp avgränsade platser")).toBe("Lokal beredningsgrupp Skärholmen");
    expect(to("Lokal beredningsgrupp Skärholmen")).toBe("Lokal styrgrupp Skärholmen");
    expect(to("Lokal styrgrupp Skärholmen")).toBe("Stadsövergripande beredningsgrupp");
    expect(to("Lokal styrgrupp Östermalm")).toBe("Stadsövergripande beredningsgrupp");
    expect(to("Stadsövergripande beredningsgrupp")).toBe("Stadsövergripande styrgrupp");
    expect(to("Stadsövergripande styrgrupp")).toBeNull();
  });
});

describe("a report from the arbetsgrupp", () => {
  let reportId: number;

  it("is started by the chair only, with a checked title and period", () => {
    expect(() => createReport(db, ahmed, arbetsgrupp, { title: "Rapport", ...period }, now)).toThrow(ForbiddenError);
    expect(() => createReport(db, viewerByEmail(db, "cecilia.wahlberg@example.se"), arbetsgrupp, { title: "Rapport", ...period }, now)).toThrow(NotFoundError);
    expect(() => createReport(db, daniel, arbetsgrupp, { title: " ", ...period }, now)).toThrow(ConflictError);
    expect(() => createReport(db, daniel, arbetsgrupp, { title: "Rapport", periodStart: "2026-11-30", periodEnd: "2026-09-01" }, now)).toThrow(
      /sista dag kan inte vara före/,
    );
    expect(() => createReport(db, daniel, arbetsgrupp, { title: "Rapport", periodStart: "2026-02-30", periodEnd: "2026-03-01" }, now)).toThrow(ConflictError);
    reportId = createReport(db, daniel, arbetsgrupp, { title: "Hösten 2026", ...period }, now);
    const report = db.select().from(chainReports).where(eq(chainReports.id, reportId)).get()!;
    expect(report).toMatchObject({ fromGroupId: arbetsgrupp, toGroupId: beredning, status: "utkast", createdBy: daniel.id });
  });

  it("starts prefilled from the plan's rows with their latest follow-up in the period", () => {
    const text = readDocumentText(db, documentName({ kind: "report", reportId }));
    expect(text).toContain("Rapport från Arbetsgrupp avgränsade platser till Lokal beredningsgrupp Skärholmen för perioden 2026-09-01 – 2026-11-30.");
    expect(text).toContain("Trygghetsvandringar varje månad");
    expect(text).toContain("2026-11-02: Pågår (Gult) – Färre deltagare än väntat");
    expect(text).not.toContain("Första vandringen gjord");
    expect(text).toContain("2026-09-01: Pågår – Periodens första natt");
    expect(text).not.toContain("Före perioden");
  });

  it("is written by the sending group only while it is a draft: not by the receiver, nor another agreement", () => {
    const ref = { kind: "report" as const, reportId };
    expect(documentAccess(db, daniel, ref)).toMatchObject({ ok: true, mode: "edit", locked: false });
    expect(documentAccess(db, ahmed, ref)).toMatchObject({ ok: true, mode: "edit" });
    expect(documentAccess(db, viewerByEmail(db, "patrik.sjodin@example.se"), ref)).toMatchObject({ ok: true, mode: "edit" });
    // Linnea chairs the receiving beredningsgrupp and is no member of the arbetsgrupp.
    expect(documentAccess(db, linnea, ref)).toEqual({ ok: false, reason: "forbidden" });
    expect(documentAccess(db, viewerByEmail(db, "cecilia.wahlberg@example.se"), ref)).toEqual({ ok: false, reason: "forbidden" });
    expect(getGroupReports(db, linnea, beredning, now)!.inbox).toEqual([]);
    expect(mayReadSentReport(db, linnea, reportId)).toBe(false);
    expect(() => putReportOnAgenda(db, linnea, reportId, 14, now)).toThrow(NotFoundError);
  });

  it("is sent by the chair: frozen, locked, and the receiving group's chairs and secretary are told", async () => {
    appendParagraphsOffline(db, { kind: "report", reportId }, {}, ["Vandringarna fortsätter under vintern."], now);
    expect(() => sendReport(db, ahmed, reportId, now)).toThrow(ForbiddenError);
    sendReport(db, daniel, reportId, now);
    expect(() => sendReport(db, daniel, reportId, now)).toThrow(/redan skickad/);
    const report = db.select().from(chainReports).where(eq(chainReports.id, reportId)).get()!;
    expect(report.status).toBe("skickad");
    expect(report.sentBy).toBe(daniel.id);
    expect(report.frozenText).toContain("Vandringarna fortsätter under vintern.");
    const name = documentName({ kind: "report", reportId });
    expect(db.select().from(documents).where(eq(documents.name, name)).get()!.lockedAt).not.toBeNull();
    expect(documentAccess(db, daniel, { kind: "report", reportId })).toMatchObject({ ok: true, mode: "read", locked: true });
    expect(documentAccess(db, linnea, { kind: "report", reportId })).toEqual({ ok: false, reason: "forbidden" });
    const told = db
      .select({ personId: notifications.personId })
      .from(notifications)
      .where(and(eq(notifications.kind, "report_received"), like(notifications.dedupeKey, `report_received:${reportId}:%`)))
      .all()
      .map((n) => n.personId)
      .sort();
    expect(told).toEqual([linnea.id, ahmed.id, daniel.id].sort());

    const data = reportDocument(db, reportId)!;
    const { text } = await readPdf(await renderVersionPdf(data));
    expect(squash(text)).toContain("Rapport: Hösten 2026");
    expect(squash(text)).toContain("Vandringarna fortsätter under vintern.");
    expect(squash(text)).toContain("Trygghetsvandringar varje månad");
  });

  it("is in the receiver's inbox, and its chair puts it on one of the group's planned meetings", () => {
    const inbox = getGroupReports(db, linnea, beredning, now)!;
    expect(inbox.inbox.map((r) => r.title)).toEqual(["Hösten 2026"]);
    expect(inbox.plannedMeetings.map((m) => m.id)).toContain(14);
    expect(mayReadSentReport(db, linnea, reportId)).toBe(true);
    expect(mayReadSentReport(db, viewerByEmail(db, "cecilia.wahlberg@example.se"), reportId)).toBe(false);
    // A ledamot of the beredningsgrupp sees it but does not put it on the agenda; another group's meeting is refused.
    expect(() => putReportOnAgenda(db, viewerByEmail(db, "patrik.sjodin@example.se"), reportId, 14, now)).toThrow(ForbiddenError);
    expect(() => putReportOnAgenda(db, linnea, reportId, 9, now)).toThrow(ConflictError);
    const itemId = putReportOnAgenda(db, linnea, reportId, 14, now);
    expect(db.select().from(agendaItems).where(eq(agendaItems.id, itemId)).get()).toMatchObject({
      meetingId: 14,
      reportId,
      title: "Rapport: Hösten 2026 (Arbetsgrupp avgränsade platser)",
    });
    expect(() => putReportOnAgenda(db, linnea, reportId, 14, now)).toThrow(/redan/);
    expect(getGroupReports(db, linnea, beredning, now)!.inbox[0].meetings.map((m) => m.meetingId)).toEqual([14]);
  });

  it("goes with its ärende when the ärende is bordlagt to the next meeting", () => {
    const meetingAt = (startsAt: string) =>
      createMeeting(db, linnea, { groupId: beredning, title: "Beredningsgruppsmöte", startsAt, endsAt: null, location: null, videoLink: null }, now);
    const first = meetingAt("2027-02-01T12:00:00.000Z");
    const next = meetingAt("2027-03-01T12:00:00.000Z");
    const itemId = putReportOnAgenda(db, linnea, reportId, first, now);
    advanceMeetingStatus(db, linnea, first, "pagar", new Date("2027-02-01T12:00:00.000Z"));
    dealWithItem(db, linnea, itemId, "bordlagt");
    advanceMeetingStatus(db, linnea, first, "avslutat", new Date("2027-02-01T13:00:00.000Z"));
    const carried = db.select().from(agendaItems).where(eq(agendaItems.carriedFromId, itemId)).get()!;
    expect(carried).toMatchObject({ meetingId: next, reportId });
  });
});

describe("a lokal styrgrupp's report", () => {
  it("reaches the stadsövergripande beredningsgrupp, and only what was sent", () => {
    const chair = viewerByEmail(db, "sdd.skarholmen@example.se");
    const cityChair = viewerByEmail(db, "ingrid.falk@example.se");
    const cityGroup = groupId("Stadsövergripande beredningsgrupp");
    const draft = createReport(db, chair, groupId("Lokal styrgrupp Skärholmen"), { title: "Utkast som stannar", ...period }, now);
    const sent = createReport(db, chair, groupId("Lokal styrgrupp Skärholmen"), { title: "Skärholmen till staden", ...period }, now);
    sendReport(db, chair, sent, now);
    // The demo's own report (sent before) is there too; the draft is not.
    const inbox = getGroupReports(db, cityChair, cityGroup, now)!.inbox.map((r) => r.id);
    expect(inbox).toContain(sent);
    expect(inbox).not.toContain(draft);
    expect(documentAccess(db, cityChair, { kind: "report", reportId: draft })).toEqual({ ok: false, reason: "forbidden" });
    // The city-wide styrgrupp is not the receiver.
    expect(mayReadSentReport(db, viewerByEmail(db, "helena.sjoberg@example.se"), sent)).toBe(false);
    expect(getGroupReports(db, viewerByEmail(db, "cecilia.wahlberg@example.se"), groupId("Lokal styrgrupp Skärholmen"), now)).toBeNull();
  });
});
