import { spawn } from "node:child_process";
import { and, eq } from "drizzle-orm";
import { closeDatabase, getSqlite, type Db } from "../../db/client";
import { appendParagraphsOffline } from "../../db/documents/store";
import { documentAccess } from "../../db/queries/document-access";
import { isOverdue, listMeetingActionItems, listMyActionItems, createActionItem, setActionItemStatus } from "../../db/queries/action-items";
import { liveEvents } from "../../db/live-events";
import { addAgendaItem, listAgendaItems, moveAgendaItem, removeAgendaItem, FOLLOW_UP_TITLE } from "../../db/queries/agenda";
import { setMemberAttendance, listAttendance, missingFunctionsAt } from "../../db/queries/attendance";
import { verifyAuditChain } from "../../db/queries/audit";
import { adoptDecision, approveDecisionImmediately, listDecisionRegister, listMeetingDecisions } from "../../db/queries/decisions";
import { ConflictError, ForbiddenError, NotFoundError } from "../../db/queries/errors";
import {
  addAddendum,
  advanceMeetingStatus,
  approveMinutes,
  chooseJusterare,
  createMeeting,
  listAddenda,
  listMyApprovalTasks,
  reopenMeeting,
} from "../../db/queries/meeting-lifecycle";
import { meetingContext } from "../../db/queries/meeting-rights";
import type { Viewer } from "../../db/queries/sessions";
import { groups, memberships, protocols } from "../../db/schema";
import { removeMembership } from "../../db/queries/memberships";
import { protocolData, storeProtocol } from "../../server/protocol/archive";
import { openSeededDatabase, viewerByEmail } from "../support/seeded-db";

let db: Db;
let chair: Viewer;
let member: Viewer;
let secretary: Viewer;
let outsider: Viewer;
let groupId: number;

beforeAll(async () => {
  db = await openSeededDatabase();
  chair = viewerByEmail(db, "sdd.skarholmen@example.se");
  member = viewerByEmail(db, "karl.ljung@example.se");
  secretary = viewerByEmail(db, "linnea.holmberg@example.se");
  outsider = viewerByEmail(db, "kommunpolis.ostermalm@example.se");
  groupId = db.select().from(groups).where(eq(groups.name, "Lokal styrgrupp Skärholmen")).get()!.id;
});
afterAll(() => closeDatabase());

let day = 0;
/** A new meeting of the Skärholmen styrgrupp on its own day in 2027. */
function newMeeting(): number {
  day++;
  const startsAt = `2027-02-${String(day).padStart(2, "0")}T08:00:00.000Z`;
  return createMeeting(
    db,
    chair,
    { groupId, title: "Styrgruppsmöte", startsAt, endsAt: null, location: "Sammanträdesrum Bredängen", videoLink: null },
    new Date(startsAt),
  );
}

function decisionItem(meetingId: number, title: string, text: string): number {
  const id = addAgendaItem(db, chair, meetingId, { title, kind: "beslut", presenterId: member.id });
  appendParagraphsOffline(db, { kind: "decision_text", agendaItemId: id }, { groupId, meetingId }, [text]);
  return id;
}

const at = (meetingId: number, minutes: number) => {
  const row = getSqlite().prepare("select starts_at from meetings where id = ?").get(meetingId) as { starts_at: string };
  return new Date(new Date(row.starts_at).getTime() + minutes * 60_000);
};

describe("running a meeting", () => {
  it("carries open action items into a new meeting's agenda as Uppföljning av uppdrag", () => {
    const first = newMeeting();
    advanceMeetingStatus(db, chair, first, "pagar");
    createActionItem(db, chair, first, { title: "Kartlägg belysningen i centrum", ownerId: member.id, dueOn: "2027-03-01", agendaItemId: null });
    const next = newMeeting();
    expect(listAgendaItems(db, next).map((i) => i.title)).toContain(FOLLOW_UP_TITLE);
    expect(listMyActionItems(db, member).assignedToMe.map((a) => a.title)).toContain("Kartlägg belysningen i centrum");
    expect(listMyActionItems(db, chair).writtenByMe.map((a) => a.title)).toContain("Kartlägg belysningen i centrum");
  });

  it("marks an uppdrag overdue from the day after its due date in Stockholm, unless it is done or cancelled", () => {
    expect(isOverdue({ dueOn: "2027-03-01", status: "pagar" }, "2027-03-01")).toBe(false);
    expect(isOverdue({ dueOn: "2027-03-01", status: "pagar" }, "2027-03-02")).toBe(true);
    expect(isOverdue({ dueOn: "2027-03-01", status: "ej_paborjad" }, "2027-03-02")).toBe(true);
    expect(isOverdue({ dueOn: "2027-03-01", status: "klar" }, "2027-03-02")).toBe(false);
    expect(isOverdue({ dueOn: "2027-03-01", status: "avbruten" }, "2027-03-02")).toBe(false);
    expect(isOverdue({ dueOn: null, status: "ej_paborjad" }, "2099-01-01")).toBe(false);

    const meetingId = newMeeting();
    advanceMeetingStatus(db, chair, meetingId, "pagar");
    createActionItem(db, chair, meetingId, { title: "Rapportera klotter vid Skärholmstorget", ownerId: member.id, dueOn: "2027-03-01", agendaItemId: null });
    const overdueAt = (iso: string) =>
      listMyActionItems(db, member, new Date(iso)).assignedToMe.find((a) => a.title === "Rapportera klotter vid Skärholmstorget")!.overdue;
    expect(overdueAt("2027-03-01T22:30:00Z")).toBe(false); // 23:30 on 1 March in Stockholm
    expect(overdueAt("2027-03-01T23:30:00Z")).toBe(true); // 00:30 on 2 March in Stockholm
    expect(listMeetingActionItems(db, member, meetingId, new Date("2027-03-02T12:00:00Z"))[0].overdue).toBe(true);

    // Marked done at a later meeting's follow-up: both pages are told to reload.
    const later = newMeeting();
    const changed: number[] = [];
    const listener = (id: number) => changed.push(id);
    liveEvents().on("meetingChanged", listener);
    try {
      setActionItemStatus(db, chair, listMeetingActionItems(db, chair, meetingId)[0].id, "klar");
    } finally {
      liveEvents().off("meetingChanged", listener);
    }
    expect(changed).toEqual(expect.arrayContaining([meetingId, later]));
  });

  it("refuses to remove an agenda item whose notes or decision proposal has text: nobody loses it to one click", () => {
    const meetingId = newMeeting();
    const withNotes = addAgendaItem(db, chair, meetingId, { title: "Lokalfrågan", kind: "diskussion", presenterId: null });
    appendParagraphsOffline(db, { kind: "agenda_item_notes", agendaItemId: withNotes }, { groupId, meetingId }, ["Förvaltningen återkommer i mars."]);
    expect(() => removeAgendaItem(db, chair, withNotes)).toThrow("Töm texten först");
    const withProposal = decisionItem(meetingId, "Budget för trygghetsvandringar", "Styrgruppen beslutar att avsätta medel.");
    expect(() => removeAgendaItem(db, chair, withProposal)).toThrow(ConflictError);
    const blank = addAgendaItem(db, chair, meetingId, { title: "Tomt ärende", kind: "information", presenterId: null });
    appendParagraphsOffline(db, { kind: "agenda_item_notes", agendaItemId: blank }, { groupId, meetingId }, ["  "]);
    removeAgendaItem(db, chair, blank);
    const left = listAgendaItems(db, meetingId).map((i) => i.id);
    expect(left).toEqual(expect.arrayContaining([withNotes, withProposal]));
    expect(left).not.toContain(blank);
  });

  it("numbers decisions with their ärenden's §§ per group and calendar year and stores who was present, not who had left", () => {
    const meetingId = newMeeting();
    const a = decisionItem(meetingId, "Lägesbild 2027", "Styrgruppen fastställer lägesbilden.");
    const b = decisionItem(meetingId, "Medborgarlöfte", "Styrgruppen beslutar om medborgarlöfte.");
    setMemberAttendance(db, chair, meetingId, chair.id, { status: "narvarande", arrivedAt: null, leftAt: null });
    setMemberAttendance(db, chair, meetingId, member.id, { status: "narvarande", arrivedAt: null, leftAt: at(meetingId, 30).toISOString() });
    advanceMeetingStatus(db, chair, meetingId, "pagar", at(meetingId, 0));
    const first = adoptDecision(db, chair, { agendaItemId: a, kind: "lagesbild" }, at(meetingId, 10));
    const second = adoptDecision(db, chair, { agendaItemId: b, kind: "medborgarlofte" }, at(meetingId, 45));
    // Every ärende is a §: the standard agenda's ärenden before them were dealt with first.
    const numbers = new Map(listAgendaItems(db, meetingId).map((item) => [item.id, item.paragraph?.number]));
    expect([first.number, second.number]).toEqual([numbers.get(a), numbers.get(b)]);
    expect(second.number).toBe(first.number + 1);
    expect(first.year).toBe(2027);
    const [d1, d2] = listMeetingDecisions(db, meetingId);
    expect(d1.text).toBe("Styrgruppen fastställer lägesbilden.");
    expect(d1.present.map((p) => p.name)).toEqual(expect.arrayContaining(["Sara Lindqvist", "Karl Ljung"]));
    expect(d2.present.map((p) => p.name)).toEqual(["Sara Lindqvist"]);
    expect(missingFunctionsAt(db, groupId, listAttendance(db, meetingId, groupId), at(meetingId, 45).toISOString())).toContain("Lokalpolisområdeschef");
  });

  it("keeps a member in a meeting's attendance, in the capacity they attended in, after they leave the group", () => {
    // The police's co-chair: the only one holding a function the group requires.
    const member = viewerByEmail(db, "lpo.skarholmen@example.se");
    const meetingId = newMeeting();
    setMemberAttendance(db, chair, meetingId, member.id, { status: "narvarande", arrivedAt: null, leftAt: null });
    const before = listAttendance(db, meetingId, groupId).find((r) => r.personId === member.id)!;
    expect(before).toMatchObject({ role: "ordforande", functionName: "Lokalpolisområdeschef", status: "narvarande", leftGroup: false });

    const admin = viewerByEmail(db, "admin@example.se");
    const membership = db
      .select()
      .from(memberships)
      .where(and(eq(memberships.groupId, groupId), eq(memberships.personId, member.id)))
      .get()!;
    removeMembership(db, admin, membership.id);
    try {
      const after = listAttendance(db, meetingId, groupId);
      expect(after.find((r) => r.personId === member.id)).toEqual({ ...before, leftGroup: true });
      expect(after.filter((r) => r.personId === member.id)).toHaveLength(1);
      // Their function still counts as present at this meeting.
      expect(missingFunctionsAt(db, groupId, after, at(meetingId, 10).toISOString())).not.toContain("Lokalpolisområdeschef");
      // A meeting where they were not marked does not list them.
      expect(listAttendance(db, newMeeting(), groupId).some((r) => r.personId === member.id)).toBe(false);
    } finally {
      const { id: _id, ...restored } = membership;
      db.insert(memberships).values(restored).run();
    }
  });

  it("gives distinct consecutive § numbers when two processes adopt at the same instant", async () => {
    const meetingId = newMeeting();
    const items = [0, 1, 2, 3].map((i) => decisionItem(meetingId, `Samtidigt beslut ${i}`, `Beslutstext ${i}.`));
    advanceMeetingStatus(db, chair, meetingId, "pagar");
    const path = (getSqlite() as unknown as { name: string }).name;
    const results = await Promise.all(
      items.map(
        (itemId) =>
          new Promise<string>((resolve, reject) => {
            const child = spawn(process.execPath, ["--import", "tsx", "tests/support/adopt-worker.ts", path, String(chair.id), String(itemId)], {
              stdio: ["ignore", "pipe", "pipe"],
            });
            let out = "";
            child.stdout.on("data", (c) => (out += c));
            child.stderr.on("data", (c) => (out += c));
            child.on("exit", (code) => (code === 0 ? resolve(out.trim()) : reject(new Error(out))));
          }),
      ),
    );
    const numbers = results.map(Number).sort((x, y) => x - y);
    expect(new Set(numbers).size).toBe(4);
    expect(numbers[3] - numbers[0]).toBe(3);
  });

  it("gives an ärende one decision: a second adoption is refused, also as a rättelse, also from two processes at once", async () => {
    const meetingId = newMeeting();
    const once = decisionItem(meetingId, "Trygghetsvandring", "Styrgruppen beslutar om en trygghetsvandring.");
    const raced = decisionItem(meetingId, "Belysning", "Styrgruppen beslutar om belysning vid torget.");
    advanceMeetingStatus(db, chair, meetingId, "pagar");
    const first = adoptDecision(db, chair, { agendaItemId: once, kind: "ovrigt" });
    expect(() => adoptDecision(db, chair, { agendaItemId: once, kind: "ovrigt" })).toThrow(`Ärendet har redan ett beslut, § ${first.number}/${first.year}.`);
    expect(() => adoptDecision(db, chair, { agendaItemId: once, kind: "ovrigt", correctsId: first.id })).toThrow(ConflictError);

    // Two processes (two server processes, or a script) adopting the same ärende at the same instant.
    const path = (getSqlite() as unknown as { name: string }).name;
    const outcomes = await Promise.all(
      [0, 1].map(
        () =>
          new Promise<{ code: number | null; out: string }>((resolve) => {
            const child = spawn(process.execPath, ["--import", "tsx", "tests/support/adopt-worker.ts", path, String(chair.id), String(raced)], {
              stdio: ["ignore", "pipe", "pipe"],
            });
            let out = "";
            child.stdout.on("data", (c) => (out += c));
            child.stderr.on("data", (c) => (out += c));
            child.on("exit", (code) => resolve({ code, out }));
          }),
      ),
    );
    expect(outcomes.map((o) => o.code).sort()).toEqual([0, 1]);
    expect(outcomes.find((o) => o.code === 1)!.out).toContain("Ärendet har redan ett beslut");
    expect(listMeetingDecisions(db, meetingId).map((d) => d.agendaItemId)).toEqual([once, raced]);
  });

  it("lets the chair reopen an ended meeting until someone approves, audited; not a secretary or member, not after an approval", () => {
    const meetingId = newMeeting();
    expect(() => reopenMeeting(db, chair, meetingId)).toThrow("Bara ett avslutat möte kan återöppnas.");
    advanceMeetingStatus(db, chair, meetingId, "pagar");
    chooseJusterare(db, chair, meetingId, [member.id]);
    advanceMeetingStatus(db, chair, meetingId, "avslutat");
    expect(() => reopenMeeting(db, member, meetingId)).toThrow(ForbiddenError);
    expect(() => reopenMeeting(db, outsider, meetingId)).toThrow(NotFoundError);

    reopenMeeting(db, chair, meetingId);
    expect(meetingContext(db, chair, meetingId)!.meeting.status).toBe("pagar");
    const entry = getSqlite()
      .prepare("select actor_id as actorId, payload from audit_log where action = 'meeting.reopened' and subject = ?")
      .all(`meeting:${meetingId}`);
    // The end recorded before the reopening is kept in the log (the meeting's ended_at is set again when it ends).
    const endedAt = meetingContext(db, chair, meetingId)!.meeting.endedAt;
    expect(endedAt).toBeNull();
    expect(entry).toEqual([{ actorId: chair.id, payload: expect.stringMatching(/^\{"from":"avslutat","to":"pagar","endedAt":"[-0-9T:.]+Z"\}$/) }]);

    // Ended again and approved by the justerare: the record as approved stands, the meeting stays ended.
    advanceMeetingStatus(db, chair, meetingId, "avslutat");
    expect(approveMinutes(db, member, meetingId)).toBe(false);
    expect(() => reopenMeeting(db, chair, meetingId)).toThrow("protokollet har redan justerats");
    expect(approveMinutes(db, secretary, meetingId)).toBe(false);
    expect(approveMinutes(db, chair, meetingId)).toBe(true);
    expect(() => reopenMeeting(db, chair, meetingId)).toThrow(ConflictError);
    expect(meetingContext(db, chair, meetingId)!.meeting.status).toBe("justerat");
    expect(verifyAuditChain(db)).toMatchObject({ ok: true });
  });

  it("lets only the chair or secretary adopt, and refuses non-members everywhere", () => {
    const meetingId = newMeeting();
    const item = decisionItem(meetingId, "Åtgärdsplan", "Styrgruppen antar åtgärdsplanen.");
    advanceMeetingStatus(db, chair, meetingId, "pagar");
    expect(() => adoptDecision(db, member, { agendaItemId: item, kind: "atgardsplan" })).toThrow(ForbiddenError);
    expect(() => adoptDecision(db, outsider, { agendaItemId: item, kind: "atgardsplan" })).toThrow(NotFoundError);
    expect(() => addAgendaItem(db, outsider, meetingId, { title: "Intrång", kind: "information", presenterId: null })).toThrow(NotFoundError);
    expect(() => setMemberAttendance(db, member, meetingId, member.id, { status: "narvarande", arrivedAt: null, leftAt: null })).toThrow(ForbiddenError);
    expect(meetingContext(db, outsider, meetingId)).toBeNull();
    expect(documentAccess(db, outsider, { kind: "decision_text", agendaItemId: item })).toEqual({ ok: false, reason: "forbidden" });
    expect(listDecisionRegister(db, outsider).some((d) => d.groupId === groupId)).toBe(false);
  });

  it("records a correction as a new decision referring to the old one, which stays unchanged", () => {
    const meetingId = newMeeting();
    const original = decisionItem(meetingId, "Åtgärdsplan", "Styrgruppen antar åtgärdsplanen daterad 2027-01-15.");
    const fix = decisionItem(meetingId, "Rättelse av åtgärdsplan", "Styrgruppen antar åtgärdsplanen daterad 2027-01-20.");
    advanceMeetingStatus(db, chair, meetingId, "pagar");
    const first = adoptDecision(db, chair, { agendaItemId: original, kind: "atgardsplan" });
    const second = adoptDecision(db, chair, { agendaItemId: fix, kind: "atgardsplan", correctsId: first.id });
    const [a, b] = listMeetingDecisions(db, meetingId);
    expect(a.text).toBe("Styrgruppen antar åtgärdsplanen daterad 2027-01-15.");
    expect(b).toMatchObject({ id: second.id, correctsId: first.id });
    expect(() => addAddendum(db, chair, meetingId, "för tidigt")).toThrow(/först när protokollet är justerat/);
  });

  it("names a corrected § from an earlier meeting in the new meeting's protocol", () => {
    const earlier = newMeeting();
    const wrong = decisionItem(earlier, "Medborgarlöfte", "Styrgruppen antar medborgarlöftet för 2027.");
    advanceMeetingStatus(db, chair, earlier, "pagar");
    const original = adoptDecision(db, chair, { agendaItemId: wrong, kind: "medborgarlofte" });
    const later = newMeeting();
    const fix = decisionItem(later, "Rättelse av medborgarlöfte", "Styrgruppen rättar medborgarlöftets datum.");
    advanceMeetingStatus(db, chair, later, "pagar");
    adoptDecision(db, chair, { agendaItemId: fix, kind: "medborgarlofte", correctsId: original.id });
    expect(protocolData(db, later).paragraphs.find((p) => p.hasDecision)?.corrects).toBe(`§ ${original.number}/${original.year}`);
  });

  it("approves one § immediately when the chair and the justerare both have", () => {
    const meetingId = newMeeting();
    const item = decisionItem(meetingId, "Brådskande beslut", "Styrgruppen beslutar omedelbart.");
    chooseJusterare(db, chair, meetingId, [member.id]);
    advanceMeetingStatus(db, chair, meetingId, "pagar");
    const { id } = adoptDecision(db, chair, { agendaItemId: item, kind: "ovrigt" });
    expect(approveDecisionImmediately(db, chair, id)).toBe(false);
    expect(() => approveDecisionImmediately(db, outsider, id)).toThrow(NotFoundError);
    expect(approveDecisionImmediately(db, member, id)).toBe(true);
    expect(listMeetingDecisions(db, meetingId)[0].immediatelyApprovedAt).not.toBeNull();
  });

  it("locks the meeting once the chair, the justerare and the sekreterare approve: no path can change it, and the protocol is archived", async () => {
    const meetingId = newMeeting();
    const item = decisionItem(meetingId, "Lägesbild", "Styrgruppen fastställer lägesbilden.");
    advanceMeetingStatus(db, chair, meetingId, "pagar");
    adoptDecision(db, chair, { agendaItemId: item, kind: "lagesbild" });
    chooseJusterare(db, chair, meetingId, [member.id]);
    advanceMeetingStatus(db, chair, meetingId, "avslutat");
    expect(listMyApprovalTasks(db, member).map((t) => t.meetingId)).toContain(meetingId);
    expect(approveMinutes(db, member, meetingId)).toBe(false);
    expect(approveMinutes(db, secretary, meetingId)).toBe(false);
    expect(approveMinutes(db, chair, meetingId)).toBe(true);
    await storeProtocol(db, meetingId);

    expect(meetingContext(db, chair, meetingId)).toMatchObject({ locked: true, canEdit: false });
    expect(documentAccess(db, chair, { kind: "minutes", meetingId })).toMatchObject({ ok: true, mode: "read", locked: true });
    expect(documentAccess(db, chair, { kind: "decision_text", agendaItemId: item })).toMatchObject({ mode: "read", locked: true });
    expect(() => addAgendaItem(db, chair, meetingId, { title: "Sent tillägg", kind: "information", presenterId: null })).toThrow(ForbiddenError);
    expect(() => createActionItem(db, chair, meetingId, { title: "x", ownerId: member.id, dueOn: null, agendaItemId: null })).toThrow(ForbiddenError);
    expect(() => adoptDecision(db, chair, { agendaItemId: item, kind: "lagesbild" })).toThrow();
    expect(listMyApprovalTasks(db, member).map((t) => t.meetingId)).not.toContain(meetingId);

    addAddendum(db, chair, meetingId, "Tillägg: bilagan daterades fel och gäller från 2027-02-10.");
    expect(listAddenda(db, meetingId).map((a) => a.text)).toEqual(["Tillägg: bilagan daterades fel och gäller från 2027-02-10."]);
    expect(() => addAddendum(db, member, meetingId, "x")).toThrow(ForbiddenError);

    const protocol = db.select().from(protocols).where(eq(protocols.meetingId, meetingId)).get()!;
    const { createHash } = await import("node:crypto");
    expect(createHash("sha256").update(protocol.pdf).digest("hex")).toBe(protocol.sha256);
    expect(protocol.auditHash).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe("the audit log", () => {
  it("records who changed the agenda and the attendance, and what", () => {
    const meetingId = newMeeting();
    const { last } = getSqlite().prepare("select max(id) as last from audit_log").get() as { last: number };
    const entries = () =>
      getSqlite()
        .prepare("select action, actor_id as actorId, payload from audit_log where subject = ? and id > ? order by id")
        .all(`meeting:${meetingId}`, last)
        .map((e) => {
          const row = e as { action: string; actorId: number | null; payload: string };
          return { ...row, payload: JSON.parse(row.payload) as Record<string, unknown> };
        });
    const itemId = addAgendaItem(db, chair, meetingId, { title: "Trygghetsmätningen", kind: "information", presenterId: member.id });
    const place = listAgendaItems(db, meetingId).findIndex((i) => i.id === itemId) + 1;
    moveAgendaItem(db, chair, itemId, "up");
    removeAgendaItem(db, chair, itemId);
    setMemberAttendance(db, chair, meetingId, member.id, { status: "anmalt_forhinder", arrivedAt: null, leftAt: null });
    expect(entries().map((e) => [e.action, e.actorId])).toEqual([
      ["agenda.item_added", chair.id],
      ["agenda.item_moved", chair.id],
      ["agenda.item_removed", chair.id],
      ["attendance.member", chair.id],
    ]);
    expect(place).toBeGreaterThan(1);
    expect(entries()[1].payload).toEqual({ itemId, title: "Trygghetsmätningen", from: place, to: place - 1 });
    expect(entries()[3].payload).toMatchObject({ personId: member.id, status: "anmalt_forhinder", role: "ledamot" });
    expect(verifyAuditChain(db)).toMatchObject({ ok: true });
  });

  it("chains every adoption, approval and lock, and detects an edited or deleted entry", () => {
    expect(verifyAuditChain(db)).toMatchObject({ ok: true });
    const sqlite = getSqlite();
    const victim = sqlite
      .prepare("select id, payload from audit_log where action = 'decision.adopted' and payload like '%lägesbilden%' order by id limit 1")
      .get() as { id: number; payload: string };
    sqlite.prepare("update audit_log set payload = ? where id = ?").run(victim.payload.replace("lägesbilden", "något annat"), victim.id);
    expect(verifyAuditChain(db)).toMatchObject({ ok: false, entryId: victim.id });
    sqlite.prepare("update audit_log set payload = ? where id = ?").run(victim.payload, victim.id);
    expect(verifyAuditChain(db)).toMatchObject({ ok: true });
    sqlite.prepare("delete from audit_log where id = ?").run(victim.id);
    expect(verifyAuditChain(db)).toMatchObject({ ok: false });
  });
});
