/**
 * Issue 11: a new meeting gets the group's standard agenda (the product's
 * default list unless the group has its own), the group's chair or secretary
 * edits that list (audited), and ledamöter add ärenden but move or remove only
 * their own.
 */
import { eq } from "drizzle-orm";
import { closeDatabase, type Db } from "../../db/client";
import { createActionItem } from "../../db/queries/action-items";
import { addAgendaItem, listAgendaItems, moveAgendaItem, removeAgendaItem } from "../../db/queries/agenda";
import { verifyAuditChain } from "../../db/queries/audit";
import { ForbiddenError, NotFoundError } from "../../db/queries/errors";
import { advanceMeetingStatus, createMeeting } from "../../db/queries/meeting-lifecycle";
import type { Viewer } from "../../db/queries/sessions";
import { DEFAULT_STANDARD_AGENDA, FOLLOW_UP_TITLE, setStandardAgenda, standardAgendaOf } from "../../db/queries/standard-agenda";
import { actionItems, auditLog, groups } from "../../db/schema";
import { auditSummary } from "../../app/utils/audit-summary";
import { openSeededDatabase, viewerByEmail } from "../support/seeded-db";

let db: Db;
let chair: Viewer;
let secretary: Viewer;
let member: Viewer;
let coopted: Viewer;
let outsider: Viewer;
let groupId: number;

beforeAll(async () => {
  db = await openSeededDatabase();
  chair = viewerByEmail(db, "sdd.skarholmen@example.se");
  secretary = viewerByEmail(db, "linnea.holmberg@example.se");
  member = viewerByEmail(db, "karl.ljung@example.se");
  coopted = viewerByEmail(db, "ahmed.yusuf@example.se");
  outsider = viewerByEmail(db, "kommunpolis.ostermalm@example.se");
  groupId = db.select().from(groups).where(eq(groups.name, "Lokal styrgrupp Skärholmen")).get()!.id;
});
afterAll(() => closeDatabase());

let day = 0;
function newMeeting(): number {
  day++;
  const startsAt = `2027-05-${String(day).padStart(2, "0")}T08:00:00.000Z`;
  return createMeeting(db, chair, { groupId, title: "Styrgruppsmöte", startsAt, endsAt: null, location: null, videoLink: null }, new Date(startsAt));
}

const titles = (meetingId: number) => listAgendaItems(db, meetingId).map((i) => i.title);
const defaultTitles = DEFAULT_STANDARD_AGENDA.map((i) => i.title);

describe("the standard agenda of a new meeting", () => {
  it("gives a new meeting the default list in order, without an empty follow-up of uppdrag", () => {
    // The demo meetings left open uppdrag; with all of them done there is nothing to follow up.
    db.update(actionItems).set({ status: "klar" }).run();
    const meetingId = newMeeting();
    const items = listAgendaItems(db, meetingId);
    expect(items.map((i) => i.title)).toEqual(defaultTitles.filter((t) => t !== FOLLOW_UP_TITLE));
    expect(items[0]).toMatchObject({ title: "Mötets öppnande", kind: "information", createdBy: null });
    expect(items.find((i) => i.title === "Val av justerare")?.kind).toBe("beslut");
    expect(items.at(-1)?.title).toBe("Mötets avslutande");
  });

  it("puts Uppföljning av uppdrag where the list has it while the group has open uppdrag", () => {
    const first = newMeeting();
    advanceMeetingStatus(db, chair, first, "pagar");
    createActionItem(db, chair, first, { title: "Kartlägg belysningen vid Bredängstorget", ownerId: member.id, dueOn: "2027-06-01", agendaItemId: null });
    expect(titles(newMeeting())).toEqual(defaultTitles);
  });

  it("uses the group's own list, and keeps open uppdrag on the agenda when the list leaves the follow-up out", () => {
    setStandardAgenda(db, secretary, groupId, [
      { title: "Öppnande", kind: "information" },
      { title: "  Lägesbild från polisen ", kind: "diskussion" },
      { title: "Beslut om trygghetsvandring", kind: "beslut" },
    ]);
    const items = listAgendaItems(db, newMeeting());
    expect(items.map((i) => [i.title, i.kind])).toEqual([
      ["Öppnande", "information"],
      ["Lägesbild från polisen", "diskussion"],
      ["Beslut om trygghetsvandring", "beslut"],
      [FOLLOW_UP_TITLE, "information"],
    ]);
    expect(items.map((i) => i.position)).toEqual([1, 2, 3, 4]);
  });
});

describe("editing the standard agenda", () => {
  it("is the chair's and secretary's: others are refused, outsiders are not told the group exists", () => {
    const list = [{ title: "Öppnande", kind: "information" as const }];
    expect(() => setStandardAgenda(db, member, groupId, list)).toThrow(ForbiddenError);
    expect(() => setStandardAgenda(db, coopted, groupId, list)).toThrow(ForbiddenError);
    expect(() => setStandardAgenda(db, outsider, groupId, list)).toThrow(NotFoundError);
    expect(() => setStandardAgenda(db, chair, groupId, [])).toThrow("minst ett ärende");
    expect(() => setStandardAgenda(db, chair, groupId, [{ title: " ", kind: "beslut" }])).toThrow("rubrik");
    expect(() => setStandardAgenda(db, chair, groupId, [{ title: "X", kind: "omröstning" as never }])).toThrow("giltig typ");
  });

  it("records the list before and after in the audit log, with a summary for the log page", () => {
    const before = standardAgendaOf(db, groupId);
    const next = [...before, { title: "Övriga frågor", kind: "diskussion" as const }];
    setStandardAgenda(db, chair, groupId, next);
    const entry = db.select().from(auditLog).where(eq(auditLog.action, "group.standard_agenda_changed")).all().at(-1)!;
    expect(entry).toMatchObject({ actorId: chair.id, subject: `group:${groupId}` });
    const payload = JSON.parse(entry.payload);
    expect(payload).toEqual({ from: before, to: next });
    expect(auditSummary("group.standard_agenda_changed", payload, null)).toContain("Övriga frågor");
    // Saving the same list again is no change and leaves no entry.
    const count = db.select().from(auditLog).where(eq(auditLog.action, "group.standard_agenda_changed")).all().length;
    setStandardAgenda(db, chair, groupId, next);
    expect(db.select().from(auditLog).where(eq(auditLog.action, "group.standard_agenda_changed")).all()).toHaveLength(count);
    expect(verifyAuditChain(db).ok).toBe(true);
  });
});

describe("ledamöter and the agenda", () => {
  it("lets a ledamot add an ärende and move or remove it, but not one someone else added or the standard ones", () => {
    const meetingId = newMeeting();
    const own = addAgendaItem(db, member, meetingId, { title: "Polisens lägesbild", kind: "information", presenterId: member.id });
    const chairs = addAgendaItem(db, chair, meetingId, { title: "Budget", kind: "beslut", presenterId: null });
    const standard = listAgendaItems(db, meetingId)[0];
    expect(listAgendaItems(db, meetingId).find((i) => i.id === own)?.createdBy).toBe(member.id);

    expect(() => moveAgendaItem(db, member, chairs, "up")).toThrow(ForbiddenError);
    expect(() => removeAgendaItem(db, member, chairs)).toThrow("Endast ordförande och sekreterare");
    expect(() => removeAgendaItem(db, member, standard.id)).toThrow(ForbiddenError);
    expect(() => removeAgendaItem(db, coopted, own)).toThrow(ForbiddenError);

    moveAgendaItem(db, member, own, "up");
    const order = listAgendaItems(db, meetingId).map((i) => i.id);
    expect(order.indexOf(own)).toBeLessThan(order.indexOf(chairs) - 1);
    removeAgendaItem(db, member, own);
    // The secretary runs the meeting: she moves and removes what others added.
    moveAgendaItem(db, secretary, chairs, "up");
    removeAgendaItem(db, secretary, chairs);
    const left = listAgendaItems(db, meetingId).map((i) => i.id);
    expect(left).not.toContain(own);
    expect(left).not.toContain(chairs);
  });
});
