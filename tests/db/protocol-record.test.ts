import { eq } from "drizzle-orm";
import { closeDatabase, type Db } from "../../db/client";
import { appendParagraphsOffline } from "../../db/documents/store";
import { createActionItem } from "../../db/queries/action-items";
import { addAgendaItem } from "../../db/queries/agenda";
import { addGuest, setMemberAttendance } from "../../db/queries/attendance";
import { adoptDecision, approveDecisionImmediately } from "../../db/queries/decisions";
import { markDemoData } from "../../db/queries/demo-flag";
import { advanceMeetingStatus, approveMinutes, chooseJusterare, createMeeting, listApprovers } from "../../db/queries/meeting-lifecycle";
import type { Viewer } from "../../db/queries/sessions";
import { groups, protocols, settings } from "../../db/schema";
import { protocolData, storeProtocol } from "../../server/protocol/archive";
import { renderProtocolPdf } from "../../server/protocol/pdf";
import { diagonalTexts, readPdf, section } from "../support/pdf-text";
import { openSeededDatabase, viewerByEmail } from "../support/seeded-db";

/**
 * The protocol of a real meeting (Lokal styrgrupp Skärholmen, demo people):
 * who is beslutande, where uppdrag go, how a draft and the archived protocol
 * say what they are. The PDFs are read back with a PDF text extractor.
 */
let db: Db;
let chair: Viewer;
let coChair: Viewer;
let ledamot: Viewer;
let secretary: Viewer;
let adjungerad: Viewer;
let groupId: number;
let meetingId: number;

const startsAt = "2027-03-02T08:00:00.000Z";
const minutesAfterStart = (minutes: number) => new Date(new Date(startsAt).getTime() + minutes * 60_000);

beforeAll(async () => {
  db = await openSeededDatabase();
  chair = viewerByEmail(db, "sdd.skarholmen@example.se");
  // The group is led jointly: the police's co-chair attends as ordförande too, but Sara Lindqvist leads the meeting.
  coChair = viewerByEmail(db, "lpo.skarholmen@example.se");
  ledamot = viewerByEmail(db, "karl.ljung@example.se");
  secretary = viewerByEmail(db, "linnea.holmberg@example.se");
  adjungerad = viewerByEmail(db, "ahmed.yusuf@example.se");
  groupId = db.select().from(groups).where(eq(groups.name, "Lokal styrgrupp Skärholmen")).get()!.id;

  meetingId = createMeeting(
    db,
    chair,
    { groupId, title: "Styrgruppsmöte mars", startsAt, endsAt: null, location: "Sammanträdesrum Bredängen", videoLink: null },
    new Date(startsAt),
  );
  const decisionItem = (title: string, text: string) => {
    const id = addAgendaItem(db, chair, meetingId, { title, kind: "beslut", presenterId: ledamot.id });
    appendParagraphsOffline(db, { kind: "decision_text", agendaItemId: id }, { groupId, meetingId }, [text]);
    return id;
  };
  const lagesbild = decisionItem("Lägesbild 2027", "Styrgruppen fastställer lägesbilden för Skärholmen 2027.");
  const belysning = decisionItem("Belysning i Vårberg", "Styrgruppen ställer sig bakom förslaget om belysning i Vårbergs centrum.");
  const information = addAgendaItem(db, chair, meetingId, { title: "Information från polisen", kind: "information", presenterId: ledamot.id });
  // Enough minutes for the protocol to run over several pages.
  appendParagraphsOffline(
    db,
    { kind: "minutes", meetingId },
    { groupId, meetingId },
    Array.from({ length: 60 }, (_, i) => `Anteckning ${i + 1}: ${"Trygghetsarbetet i Skärholmen diskuterades. ".repeat(6)}`),
  );
  chooseJusterare(db, chair, meetingId, [ledamot.id]);
  advanceMeetingStatus(db, chair, meetingId, "pagar", minutesAfterStart(0));
  const present = { status: "narvarande" as const, arrivedAt: null, leftAt: null };
  setMemberAttendance(db, chair, meetingId, chair.id, present, minutesAfterStart(1));
  setMemberAttendance(db, chair, meetingId, coChair.id, present, minutesAfterStart(1));
  setMemberAttendance(db, chair, meetingId, secretary.id, present, minutesAfterStart(1));
  setMemberAttendance(db, chair, meetingId, adjungerad.id, present, minutesAfterStart(1));
  setMemberAttendance(
    db,
    chair,
    meetingId,
    ledamot.id,
    { status: "narvarande", arrivedAt: null, leftAt: minutesAfterStart(30).toISOString() },
    minutesAfterStart(1),
  );
  addGuest(db, chair, meetingId, { name: "Gunilla Gäst", organisation: "Trafikkontoret", functionName: "Trafikplanerare" }, minutesAfterStart(2));

  adoptDecision(db, chair, { agendaItemId: lagesbild, kind: "lagesbild" }, minutesAfterStart(20));
  createActionItem(db, chair, meetingId, {
    title: "Redovisa trygghetsmätningen för Vårberg",
    ownerId: ledamot.id,
    dueOn: "2027-04-30",
    agendaItemId: lagesbild,
  });
  createActionItem(db, chair, meetingId, { title: "Bjud in bostadsbolagen till nästa möte", ownerId: secretary.id, dueOn: null, agendaItemId: information });
  // The ledamot left at 30 minutes: only the chair decides the second §.
  adoptDecision(db, chair, { agendaItemId: belysning, kind: "ovrigt" }, minutesAfterStart(45));
});
afterAll(() => closeDatabase());

describe("the protocol of a meeting", () => {
  it("lists the ordförande and ledamöter as beslutande and a guest, the sekreterare and an adjungerad under Övriga närvarande", async () => {
    const { text } = await readPdf(await renderProtocolPdf(protocolData(db, meetingId)));
    const beslutande = section(text, "Beslutande", "Övriga närvarande");
    expect(beslutande).toContain(`${chair.name}, Ordförande`);
    expect(beslutande).toContain(`${coChair.name}, Ordförande`);
    expect(beslutande).toContain(`${ledamot.name}, Ledamot`);
    for (const name of ["Gunilla Gäst", secretary.name, adjungerad.name]) expect(beslutande).not.toContain(name);
    const others = section(text, "Övriga närvarande", "Justerare:");
    expect(others).toContain("Gunilla Gäst, Gäst, Trafikplanerare, Trafikkontoret");
    expect(others).toContain(`${secretary.name}, Sekreterare`);
    expect(others).toContain(`${adjungerad.name}, Adjungerad`);
    expect(text).not.toContain("Frånvarande");
  });

  it("says who decided a § where it differs from the head, and lists each uppdrag under the § that gave it", async () => {
    const { text } = await readPdf(await renderProtocolPdf(protocolData(db, meetingId)));
    const data = protocolData(db, meetingId);
    const [first, second] = data.paragraphs.filter((p) => p.hasDecision);
    const firstSection = section(text, `§ ${first!.number}/${first!.year} Lägesbild 2027`, `§ ${second!.number}/`);
    expect(firstSection).toContain(`Uppdrag ${ledamot.name}: Redovisa trygghetsmätningen för Vårberg. Senast 30 april 2027.`);
    expect(firstSection).not.toContain("Beslutande vid paragrafen");
    const secondSection = section(text, `§ ${second!.number}/${second!.year} Belysning i Vårberg`, "Övriga uppdrag");
    expect(secondSection).toContain(`Beslutande vid paragrafen (kl. 09.45): ${coChair.name}, ${chair.name}`);
    expect(secondSection).not.toContain("Redovisa trygghetsmätningen");
    expect(text).toContain(`Övriga uppdrag ${secretary.name}: Bjud in bostadsbolagen till nästa möte. (Ärende: Information från polisen)`);
    expect(text).not.toContain("Beslutstyp");
    // Every ärende dealt with so far is a §, the standard agenda's included, in order; the rest is listed as not yet dealt with.
    expect(data.paragraphs.map((p) => p.number)).toEqual(data.paragraphs.map((_, i) => data.paragraphs[0]!.number + i));
    expect(data.paragraphs.at(-1)).toBe(second);
    expect(text).toContain(`Paragrafer: §§ ${data.paragraphs[0]!.number}–${second!.number}/2027`);
    expect(section(text, "Ännu inte behandlade ärenden", "Övriga uppdrag")).toContain("Information från polisen");
  });

  it("marks the draft UTKAST – ej justerat on every page and in its title", async () => {
    // The seeded database holds the demo data; without its flag the draft mark stands alone.
    db.delete(settings).where(eq(settings.key, "demo_data")).run();
    const data = protocolData(db, meetingId);
    expect(data.demo).toBe(false);
    expect(data.draft).toBe(true);
    const draft = await renderProtocolPdf(data);
    const { text, info, totalPages } = await readPdf(draft);
    expect(totalPages).toBeGreaterThanOrEqual(2);
    expect(text).toContain("PROTOKOLL UTKAST – ej justerat");
    expect(String(info.Title)).toMatch(/ \(.*UTKAST – ej justerat\)$/);
    const diagonals = await diagonalTexts(draft);
    expect(diagonals).toHaveLength(totalPages);
    for (const page of diagonals) expect(page).toContain("UTKAST – ej justerat");
  });

  it("says DEMO on every page, in the heading and in the title when the database holds the demo data", async () => {
    markDemoData(db);
    const data = protocolData(db, meetingId);
    expect(data.demo).toBe(true);
    const pdf = await renderProtocolPdf(data);
    const { text, info, totalPages } = await readPdf(pdf);
    expect(text).toContain("DEMO – påhittade uppgifter, inte ett verkligt protokoll");
    expect(String(info.Title)).toContain("DEMO");
    const diagonals = await diagonalTexts(pdf);
    expect(diagonals).toHaveLength(totalPages);
    for (const page of diagonals) expect(page).toContain("DEMO");
  });

  it("archives at justering a protocol whose Justeras block names each approval with its date and time, with no draft mark", async () => {
    advanceMeetingStatus(db, chair, meetingId, "avslutat", minutesAfterStart(90));
    expect(approveMinutes(db, ledamot, meetingId, new Date("2027-03-03T07:05:00Z"))).toBe(false);
    expect(approveMinutes(db, secretary, meetingId, new Date("2027-03-03T10:00:00Z"))).toBe(false);
    expect(approveMinutes(db, chair, meetingId, new Date("2027-03-04T12:30:00Z"))).toBe(true);
    await storeProtocol(db, meetingId, new Date("2027-03-04T12:31:00Z"));
    const stored = db.select().from(protocols).where(eq(protocols.meetingId, meetingId)).get()!;
    const { text, info } = await readPdf(stored.pdf);
    expect(text).toContain(
      `Justeras Ordförande: ${chair.name} Justerat digitalt 2027-03-04 kl. 13.30 ` +
        `Justerare: ${ledamot.name} Justerat digitalt 2027-03-03 kl. 08.05 ` +
        `Sekreterare: ${secretary.name} Justerat digitalt 2027-03-03 kl. 11.00 Protokollet är justerat digitalt i Samverkan.`,
    );
    // Of the two chairs, the head names the one who led the meeting.
    expect(text).toContain(`Plats: Sammanträdesrum Bredängen Ordförande: ${chair.name} Beslutande`);
    expect(text).not.toContain("UTKAST");
    expect(text).not.toContain("Ej justerat");
    expect(await diagonalTexts(stored.pdf)).toEqual((await diagonalTexts(stored.pdf)).map(() => ["DEMO"]));
    // Verification data: in full in the metadata, shortened in one line at the end of the text.
    const custom = info.Custom as Record<string, string>;
    expect(custom.RecordSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(custom.AuditHash).toMatch(/^[0-9a-f]{64}$/);
    expect(text).toContain(`innehållets SHA-256 ${custom.RecordSha256!.slice(0, 16)}, revisionslogg ${custom.AuditHash!.slice(0, 16)}`);
    expect(text).not.toContain(custom.RecordSha256!);
  });

  it("voids an approval when an uppdrag is given afterwards: the protocol prints it, so the justerare must see it", () => {
    const later = "2027-03-09T08:00:00.000Z";
    const meeting = createMeeting(db, chair, { groupId, title: "Extra möte", startsAt: later, endsAt: null, location: null, videoLink: null }, new Date(later));
    chooseJusterare(db, chair, meeting, [ledamot.id]);
    advanceMeetingStatus(db, chair, meeting, "pagar", new Date(later));
    advanceMeetingStatus(db, chair, meeting, "avslutat", new Date(later));
    expect(approveMinutes(db, ledamot, meeting)).toBe(false);
    const approvalOfLedamot = () => listApprovers(db, meeting).find((a) => a.personId === ledamot.id)!.approval;
    expect(approvalOfLedamot()).toBe("holds");
    createActionItem(db, chair, meeting, { title: "Ta fram en kommunikationsplan", ownerId: ledamot.id, dueOn: "2027-05-01", agendaItemId: null });
    expect(approvalOfLedamot()).toBe("voided");
  });

  it("treats the extract of a § approved at the meeting (omedelbar justering) as final while the protocol is still a draft", () => {
    const day = "2027-03-16T08:00:00.000Z";
    const meeting = createMeeting(db, chair, { groupId, title: "Extra möte", startsAt: day, endsAt: null, location: null, videoLink: null }, new Date(day));
    const item = addAgendaItem(db, chair, meeting, { title: "Brådskande beslut", kind: "beslut", presenterId: null });
    appendParagraphsOffline(db, { kind: "decision_text", agendaItemId: item }, { groupId, meetingId: meeting }, ["Styrgruppen beslutar omedelbart."]);
    chooseJusterare(db, chair, meeting, [ledamot.id]);
    advanceMeetingStatus(db, chair, meeting, "pagar", new Date(day));
    const { id } = adoptDecision(db, chair, { agendaItemId: item, kind: "ovrigt" }, new Date(day));
    expect(protocolData(db, meeting, id).draft).toBe(true);
    approveDecisionImmediately(db, chair, id);
    expect(approveDecisionImmediately(db, ledamot, id)).toBe(true);
    expect(protocolData(db, meeting, id).draft).toBe(false);
    expect(protocolData(db, meeting).draft).toBe(true);
  });
});
