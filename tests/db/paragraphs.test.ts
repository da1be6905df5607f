/**
 * Issue 11: every ärende dealt with is a §, numbered consecutively per group and
 * Stockholm calendar year in the order dealt with; bordlagda and struck ärenden
 * say so and move on to the next meeting; a decision carries its ärende's §.
 */
import { eq } from "drizzle-orm";
import { closeDatabase, type Db } from "../../db/client";
import { appendParagraphsOffline } from "../../db/documents/store";
import { createActionItem, listMeetingActionItems, listMyActionItems } from "../../db/queries/action-items";
import { addAgendaItem, listAgendaItems, moveAgendaItem, removeAgendaItem } from "../../db/queries/agenda";
import { verifyAuditChain } from "../../db/queries/audit";
import { adoptDecision, listDecisionRegister } from "../../db/queries/decisions";
import { ConflictError, ForbiddenError, NotFoundError } from "../../db/queries/errors";
import { advanceMeetingStatus, createMeeting, reopenMeeting } from "../../db/queries/meeting-lifecycle";
import { dealWithItem, paragraphsOfMeeting } from "../../db/queries/paragraphs";
import type { Viewer } from "../../db/queries/sessions";
import { groups } from "../../db/schema";
import { protocolData } from "../../server/protocol/archive";
import { openSeededDatabase, viewerByEmail } from "../support/seeded-db";

let db: Db;
let chair: Viewer;
let secretary: Viewer;
let coOpted: Viewer;
let outsider: Viewer;
let groupId: number;

beforeAll(async () => {
  db = await openSeededDatabase();
  chair = viewerByEmail(db, "sdd.skarholmen@example.se");
  secretary = viewerByEmail(db, "linnea.holmberg@example.se");
  coOpted = viewerByEmail(db, "ahmed.yusuf@example.se");
  outsider = viewerByEmail(db, "kommunpolis.ostermalm@example.se");
  groupId = db.select().from(groups).where(eq(groups.name, "Lokal styrgrupp Skärholmen")).get()!.id;
});
afterAll(() => closeDatabase());

/** A meeting of the Skärholmen styrgrupp at `startsAt`, with the standard agenda, called by the chair. */
function meetingAt(startsAt: string): number {
  return createMeeting(db, chair, { groupId, title: "Styrgruppsmöte", startsAt, endsAt: null, location: "Rum 1", videoLink: null }, new Date(startsAt));
}

function startAt(meetingId: number, at: string): void {
  advanceMeetingStatus(db, chair, meetingId, "pagar", new Date(at));
}

function decisionItem(meetingId: number, title: string, text: string): number {
  const id = addAgendaItem(db, chair, meetingId, { title, kind: "beslut", presenterId: null });
  appendParagraphsOffline(db, { kind: "decision_text", agendaItemId: id }, { groupId, meetingId }, [text]);
  return id;
}

/** "title → § n (outcome)" for each ärende, in agenda order; "–" for one without a §. */
function numbering(meetingId: number): string[] {
  return listAgendaItems(db, meetingId).map(
    (item) => `${item.title} → ${item.paragraph?.number ? `§ ${item.paragraph.number} ${item.paragraph.outcome}` : "–"}`,
  );
}

describe("every ärende a §", () => {
  it("numbers every ärende in agenda order when the meeting ends, and a decision carries its ärende's §, consecutively across the group's meetings of the year", () => {
    const first = meetingAt("2028-02-01T08:00:00.000Z");
    const decided = decisionItem(first, "Lägesbild 2028", "Styrgruppen beslutar att fastställa lägesbilden.");
    addAgendaItem(db, chair, first, { title: "Information från polisen", kind: "information", presenterId: null });
    const place = listAgendaItems(db, first).findIndex((item) => item.id === decided);
    startAt(first, "2028-02-01T08:00:00.000Z");
    const adopted = adoptDecision(db, chair, { agendaItemId: decided, kind: "lagesbild" }, new Date("2028-02-01T08:30:00.000Z"));
    // Dealing with the decision gave the standard ärenden before it their §§ first, in order.
    expect(adopted).toMatchObject({ number: place + 1, year: 2028 });
    advanceMeetingStatus(db, chair, first, "avslutat", new Date("2028-02-01T10:00:00.000Z"));
    const items = listAgendaItems(db, first);
    expect(items.map((item) => item.paragraph?.number)).toEqual(items.map((_, i) => i + 1));
    expect(items.every((item) => item.paragraph?.year === 2028 && item.paragraph.outcome === "behandlat")).toBe(true);
    // The register lists the decision under the protocol's §.
    const inRegister = listDecisionRegister(db, chair, { groupId, year: 2028 }).find((d) => d.id === adopted.id)!;
    expect(inRegister.number).toBe(items.find((item) => item.id === decided)!.paragraph!.number);

    const second = meetingAt("2028-04-01T08:00:00.000Z");
    startAt(second, "2028-04-01T08:00:00.000Z");
    advanceMeetingStatus(db, chair, second, "avslutat", new Date("2028-04-01T09:00:00.000Z"));
    expect(listAgendaItems(db, second)[0].paragraph?.number).toBe(items.length + 1);
    expect(verifyAuditChain(db).ok).toBe(true);
  });

  it("gives the §§ of a meeting the year it started in Stockholm, also when it ends after midnight on New Year's Eve", () => {
    const meeting = meetingAt("2028-12-31T21:30:00.000Z");
    startAt(meeting, "2028-12-31T22:30:00.000Z"); // 23:30 in Stockholm
    advanceMeetingStatus(db, chair, meeting, "avslutat", new Date("2029-01-01T00:30:00.000Z"));
    expect(new Set(listAgendaItems(db, meeting).map((item) => item.paragraph?.year))).toEqual(new Set([2028]));
  });

  it("bordlägger and strikes ärenden with a § that says so, moves them to the next planned meeting when the meeting ends, once", () => {
    const meeting = meetingAt("2029-02-01T08:00:00.000Z");
    const postponed = decisionItem(meeting, "Medborgarlöfte 2029", "Styrgruppen beslutar att anta medborgarlöftet.");
    const struck = addAgendaItem(db, chair, meeting, { title: "Rapport om belysning", kind: "information", presenterId: null });
    const next = meetingAt("2029-03-01T08:00:00.000Z");
    startAt(meeting, "2029-02-01T08:00:00.000Z");

    expect(dealWithItem(db, secretary, postponed, "bordlagt").outcome).toBe("bordlagt");
    expect(() => adoptDecision(db, chair, { agendaItemId: postponed, kind: "medborgarlofte" })).toThrow(ConflictError);
    dealWithItem(db, chair, struck, "utgar");
    // Changed minds while the meeting runs: the § stays, its outcome changes.
    const before = dealWithItem(db, chair, struck, "behandlat");
    expect(dealWithItem(db, chair, struck, "utgar").number).toBe(before.number);

    advanceMeetingStatus(db, chair, meeting, "avslutat");
    const carried = listAgendaItems(db, next).filter((item) => item.carriedFromId !== null);
    expect(carried.map((item) => [item.title, item.carriedFromId])).toEqual([
      ["Medborgarlöfte 2029", postponed],
      ["Rapport om belysning", struck],
    ]);
    // Reopened and ended again, nothing moves twice, and an ärende that moved on keeps its outcome.
    reopenMeeting(db, chair, meeting);
    expect(() => dealWithItem(db, chair, postponed, "behandlat")).toThrow(/redan flyttat/);
    advanceMeetingStatus(db, chair, meeting, "avslutat");
    expect(listAgendaItems(db, next).filter((item) => item.carriedFromId !== null)).toHaveLength(2);

    const record = protocolData(db, meeting);
    expect(record.paragraphs.filter((p) => p.outcome !== "behandlat").map((p) => [p.title, p.outcome])).toEqual([
      ["Medborgarlöfte 2029", "bordlagt"],
      ["Rapport om belysning", "utgar"],
    ]);
  });

  it("moves a bordlagt ärende to the next meeting called when none was planned", () => {
    const meeting = meetingAt("2030-02-01T08:00:00.000Z");
    const postponed = addAgendaItem(db, chair, meeting, { title: "Samverkan med skolan", kind: "diskussion", presenterId: null });
    startAt(meeting, "2030-02-01T08:00:00.000Z");
    dealWithItem(db, chair, postponed, "bordlagt");
    advanceMeetingStatus(db, chair, meeting, "avslutat");
    const next = meetingAt("2030-05-01T08:00:00.000Z");
    expect(listAgendaItems(db, next).find((item) => item.carriedFromId === postponed)?.title).toBe("Samverkan med skolan");
  });

  it("refuses a bordläggning of a decided ärende, before the meeting runs, and by anyone but the chair and secretary", () => {
    const meeting = meetingAt("2031-02-01T08:00:00.000Z");
    const decided = decisionItem(meeting, "Åtgärdsplan 2031", "Styrgruppen beslutar att anta åtgärdsplanen.");
    expect(() => dealWithItem(db, chair, decided, "behandlat")).toThrow(/medan mötet pågår/);
    startAt(meeting, "2031-02-01T08:00:00.000Z");
    expect(() => dealWithItem(db, coOpted, decided, "bordlagt")).toThrow(ForbiddenError);
    expect(() => dealWithItem(db, outsider, decided, "bordlagt")).toThrow(NotFoundError);
    adoptDecision(db, chair, { agendaItemId: decided, kind: "atgardsplan" });
    expect(() => dealWithItem(db, chair, decided, "bordlagt")).toThrow(/har ett beslut/);
    expect(paragraphsOfMeeting(db, meeting).get(decided)?.outcome).toBe("behandlat");
  });

  it("keeps an ärende with a § where it was dealt with: it is neither moved nor removed, and nothing moves in front of it", () => {
    const meeting = meetingAt("2032-02-01T08:00:00.000Z");
    const dealt = addAgendaItem(db, chair, meeting, { title: "Behandlat ärende", kind: "information", presenterId: null });
    const open = addAgendaItem(db, chair, meeting, { title: "Öppet ärende", kind: "information", presenterId: null });
    startAt(meeting, "2032-02-01T08:00:00.000Z");
    dealWithItem(db, chair, dealt, "behandlat");
    expect(() => moveAgendaItem(db, chair, dealt, "down")).toThrow(/behandlat som § \d+\/2032 och kan inte flyttas/);
    expect(() => removeAgendaItem(db, chair, dealt)).toThrow(/kan inte tas bort/);
    expect(() => moveAgendaItem(db, chair, open, "up")).toThrow(/före ett ärende som redan är behandlat/);
    expect(numbering(meeting)).toContain("Öppet ärende → –");
  });

  it("links an uppdrag to the § that gave it, in the protocol and in the lists of uppdrag", () => {
    const meeting = meetingAt("2033-02-01T08:00:00.000Z");
    const item = addAgendaItem(db, chair, meeting, { title: "Trygghetsvandring", kind: "diskussion", presenterId: null });
    startAt(meeting, "2033-02-01T08:00:00.000Z");
    createActionItem(db, chair, meeting, { title: "Boka trygghetsvandringen", ownerId: secretary.id, dueOn: "2033-03-01", agendaItemId: item });
    expect(listMeetingActionItems(db, chair, meeting)[0]).toMatchObject({ paragraphNumber: null });
    const { number, year } = dealWithItem(db, chair, item, "behandlat");
    expect(listMeetingActionItems(db, chair, meeting)[0]).toMatchObject({ agendaItemId: item, paragraphNumber: number, paragraphYear: year });
    expect(listMyActionItems(db, secretary).assignedToMe.find((a) => a.title === "Boka trygghetsvandringen")).toMatchObject({ paragraphNumber: number });
    const record = protocolData(db, meeting);
    expect(record.paragraphs.find((p) => p.number === number)?.uppdrag.map((u) => u.title)).toEqual(["Boka trygghetsvandringen"]);
    expect(record.otherUppdrag).toEqual([]);
  });
});

describe("the order of the agenda", () => {
  it("puts an ärende added later, and one moved on from an earlier meeting, before the standard agenda's Övriga frågor and Mötets avslutande", () => {
    const meeting = meetingAt("2034-02-01T08:00:00.000Z");
    const standard = listAgendaItems(db, meeting).map((item) => item.title);
    expect(standard.slice(-2)).toEqual(["Övriga frågor", "Mötets avslutande"]);
    addAgendaItem(db, secretary, meeting, { title: "Nytt ärende", kind: "diskussion", presenterId: null });
    addAgendaItem(db, chair, meeting, { title: "Ett till", kind: "information", presenterId: null });
    expect(
      listAgendaItems(db, meeting)
        .map((item) => item.title)
        .slice(-4),
    ).toEqual(["Nytt ärende", "Ett till", "Övriga frågor", "Mötets avslutande"]);
    // Numbered in that order: the meeting's closing items get the last §§.
    startAt(meeting, "2034-02-01T08:00:00.000Z");
    advanceMeetingStatus(db, chair, meeting, "avslutat");
    const numbered = listAgendaItems(db, meeting);
    expect(numbered.at(-1)).toMatchObject({ title: "Mötets avslutande", paragraph: { number: Math.max(...numbered.map((item) => item.paragraph!.number)) } });
  });
});
