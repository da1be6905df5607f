import { createHash } from "node:crypto";
import { and, asc, eq, gt, inArray } from "drizzle-orm";
import { extractText, getDocumentProxy } from "unpdf";
import { closeDatabase, type Db } from "../../db/client";
import { readDocumentText } from "../../db/documents/store";
import { FOLLOW_UP_TITLE, listAgendaItems } from "../../db/queries/agenda";
import { verifyAuditChain } from "../../db/queries/audit";
import { listApprovers } from "../../db/queries/meeting-lifecycle";
import { listMeetingDecisions } from "../../db/queries/decisions";
import { actionItems, attendance, auditLog, decisions, groups, meetings, memberships, people, protocols } from "../../db/schema";
import { stockholmYear } from "../../db/time";
import { fixedNow, openSeededDatabase } from "../support/seeded-db";

const STYRGRUPPER = ["Lokal styrgrupp Skärholmen", "Lokal styrgrupp Östermalm", "Lokal styrgrupp Hässelby-Vällingby"];

let db: Db;
let seedMs: number;

beforeAll(async () => {
  const started = performance.now();
  db = await openSeededDatabase(fixedNow);
  seedMs = performance.now() - started;
  // Printed, not asserted: the machine may be busy (seeding should stay under ~5 s).
  console.log(`seedDemoData with meeting history took ${Math.round(seedMs)} ms`);
});
afterAll(() => closeDatabase());

function groupId(name: string): number {
  const group = db.select({ id: groups.id }).from(groups).where(eq(groups.name, name)).get();
  if (!group) throw new Error(`no group named ${name}`);
  return group.id;
}

function justeratMeeting(groupName: string) {
  const rows = db
    .select()
    .from(meetings)
    .where(and(eq(meetings.groupId, groupId(groupName)), eq(meetings.status, "justerat")))
    .all();
  const withDecisions = rows.filter((m) => listMeetingDecisions(db, m.id).length > 0);
  expect(withDecisions, groupName).toHaveLength(1);
  return withDecisions[0];
}

async function pdfText(pdf: Buffer): Promise<string> {
  const document = await getDocumentProxy(new Uint8Array(pdf));
  const { text } = await extractText(document, { mergePages: true });
  return text.replace(/\s+/g, " ");
}

describe("demo meeting history", () => {
  it("gives every local styrgrupp a justerat, locked meeting with at least two decisions numbered from § 1 in the meeting's year", () => {
    for (const name of STYRGRUPPER) {
      const meeting = justeratMeeting(name);
      expect(meeting.lockedAt, name).not.toBeNull();
      const adopted = listMeetingDecisions(db, meeting.id);
      expect(adopted.length, name).toBeGreaterThanOrEqual(2);
      expect(adopted.map((d) => d.kind)[0]).toBe("lagesbild");
      expect(["medborgarlofte", "atgardsplan"]).toContain(adopted[1].kind);
      for (const d of adopted) expect(d.year, name).toBe(stockholmYear(meeting.startsAt));

      // Per group and year the §§ run 1, 2, 3 … without gaps.
      const all = db.select().from(decisions).where(eq(decisions.groupId, groupId(name))).orderBy(asc(decisions.number)).all();
      for (const year of new Set(all.map((d) => d.year))) {
        const numbers = all.filter((d) => d.year === year).map((d) => d.number);
        expect(numbers, `${name} ${year}`).toEqual(numbers.map((_, i) => i + 1));
      }
    }
  });

  it("records attendance for every member, one apology, a guest and a member who left before the second decision", () => {
    const statuses: string[] = [];
    let guests = 0;
    let leftEarly = 0;
    for (const name of STYRGRUPPER) {
      const meeting = justeratMeeting(name);
      const rows = db.select().from(attendance).where(eq(attendance.meetingId, meeting.id)).all();
      const memberIds = db.select({ personId: memberships.personId }).from(memberships).where(eq(memberships.groupId, groupId(name))).all();
      const recorded = new Set(rows.map((r) => r.personId));
      for (const { personId } of memberIds) expect(recorded.has(personId), `${name}: person ${personId}`).toBe(true);
      statuses.push(...rows.map((r) => r.status));
      guests += rows.filter((r) => r.personId === null).length;

      const [first, second] = listMeetingDecisions(db, meeting.id);
      for (const row of rows.filter((r) => r.leftAt !== null)) {
        leftEarly++;
        const person = db.select().from(people).where(eq(people.id, row.personId!)).get()!;
        expect(first.present.map((p) => p.name)).toContain(person.name);
        expect(second.present.map((p) => p.name)).not.toContain(person.name);
      }
    }
    expect(statuses).toContain("anmalt_forhinder");
    expect(statuses.filter((s) => s === "narvarande").length).toBeGreaterThan(statuses.length / 2);
    expect(guests).toBeGreaterThanOrEqual(1);
    expect(leftEarly).toBeGreaterThanOrEqual(1);
  });

  it("has the Skärholmen minutes approved by lpo.skarholmen as justerare and by the chair sdd.skarholmen", () => {
    const meeting = justeratMeeting("Lokal styrgrupp Skärholmen");
    const approvers = listApprovers(db, meeting.id);
    const emailOf = (personId: number) => db.select().from(people).where(eq(people.id, personId)).get()!.email;
    expect(approvers.map((a) => ({ email: emailOf(a.personId), capacity: a.capacity, approved: a.approvedAt !== null }))).toEqual(
      expect.arrayContaining([
        { email: "lpo.skarholmen@example.se", capacity: "justerare", approved: true },
        { email: "sdd.skarholmen@example.se", capacity: "ordforande", approved: true },
      ]),
    );
  });

  it("writes the notes, decision texts and general minutes as live documents", () => {
    const meeting = justeratMeeting("Lokal styrgrupp Skärholmen");
    const [lagesbild] = listMeetingDecisions(db, meeting.id);
    expect(readDocumentText(db, `item-${lagesbild.agendaItemId}-decision`)).toContain("fastställa den gemensamma lokala lägesbilden");
    expect(readDocumentText(db, `item-${lagesbild.agendaItemId}-notes`)).toContain("Trygghetssamordnaren föredrog");
    expect(readDocumentText(db, `meeting-${meeting.id}-minutes`)).toContain("Emma Roos");
  });

  it("archives each approved protocol as a PDF whose SHA-256 matches and which shows the §§ and a decision text", async () => {
    for (const name of STYRGRUPPER) {
      const meeting = justeratMeeting(name);
      const protocol = db.select().from(protocols).where(eq(protocols.meetingId, meeting.id)).get();
      expect(protocol, name).toBeDefined();
      expect(createHash("sha256").update(protocol!.pdf).digest("hex")).toBe(protocol!.sha256);
      const text = await pdfText(protocol!.pdf);
      const adopted = listMeetingDecisions(db, meeting.id);
      for (const d of adopted) expect(text, name).toContain(`§ ${d.number}/${d.year}`);
      // Line breaks in the PDF split words ("Hässelby- Vällingby"), so compare without whitespace.
      expect(text.replace(/\s+/g, ""), name).toContain(adopted[0].text.replace(/\s+/g, ""));
      // The audit log records the same hash.
      const stored = db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, "protocol.stored"), eq(auditLog.subject, `meeting:${meeting.id}`)))
        .get();
      expect(JSON.parse(stored!.payload)).toEqual({ sha256: protocol!.sha256 });
    }
  });

  it("leaves action items in at least three different statuses", () => {
    const ids = STYRGRUPPER.map(groupId);
    const rows = db.select().from(actionItems).where(inArray(actionItems.groupId, ids)).all();
    expect(rows.length).toBeGreaterThanOrEqual(9);
    expect(new Set(rows.map((r) => r.status)).size).toBeGreaterThanOrEqual(3);
    expect(rows.map((r) => r.status)).toEqual(expect.arrayContaining(["ej_paborjad", "pagar", "klar"]));
  });

  it("drafts the next planned meeting's agenda with a beslut item and Uppföljning av uppdrag", () => {
    for (const name of STYRGRUPPER) {
      const next = db
        .select()
        .from(meetings)
        .where(and(eq(meetings.groupId, groupId(name)), eq(meetings.status, "planerat"), gt(meetings.startsAt, fixedNow.toISOString())))
        .orderBy(asc(meetings.startsAt))
        .get()!;
      const items = listAgendaItems(db, next.id);
      expect(items.length, name).toBeGreaterThanOrEqual(4);
      expect(items.map((i) => i.title), name).toContain(FOLLOW_UP_TITLE);
      expect(items.some((i) => i.kind === "beslut"), name).toBe(true);
    }
  });

  it("keeps an intact audit log in time order, with nothing dated after the seeding", () => {
    expect(verifyAuditChain(db)).toMatchObject({ ok: true });
    const entries = db.select().from(auditLog).orderBy(asc(auditLog.id)).all();
    expect(entries.length).toBeGreaterThan(0);
    const times = entries.map((e) => e.at);
    expect(times).toEqual([...times].sort());
    expect(times.every((t) => t <= fixedNow.toISOString())).toBe(true);
    expect(new Set(entries.map((e) => e.action))).toEqual(
      new Set([
        "agenda.item_added",
        "attendance.member",
        "attendance.guest_added",
        "meeting.status",
        "decision.adopted",
        "minutes.approved",
        "minutes.locked",
        "protocol.stored",
        "action_item.status",
      ]),
    );
  });
});
