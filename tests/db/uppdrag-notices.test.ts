import { and, eq, like } from "drizzle-orm";
import { closeDatabase, type Db } from "../../db/client";
import { emptyPlanRow, type PlanRow } from "../../db/domain/action-plan-rows";
import { createActionItem, setActionItemStatus } from "../../db/queries/action-items";
import { mirrorPlanRows, reportActionRow } from "../../db/queries/action-plan-rows";
import { ensureActionPlan } from "../../db/queries/action-plans";
import { addAgendaItem } from "../../db/queries/agenda";
import { ensureSituationPicture } from "../../db/queries/lagesbild";
import { advanceMeetingStatus, createMeeting } from "../../db/queries/meeting-lifecycle";
import { insertMembership } from "../../db/queries/memberships";
import { dealWithItem } from "../../db/queries/paragraphs";
import { insertPerson } from "../../db/queries/people";
import type { Viewer } from "../../db/queries/sessions";
import { putUpForDecision } from "../../db/queries/steering-documents";
import { digestDedupeKey, queueDailyDigests } from "../../db/queries/uppdrag-digest";
import { actionPlanRows, agreements, groups, mailOutbox, memberships, notificationPreferences, notifications, people } from "../../db/schema";
import { startDigestScheduler } from "../../server/mail/digest-scheduler";
import { openSeededDatabase, viewerByEmail } from "../support/seeded-db";
import { captureQueuedMail, recipients, type QueuedMailCapture } from "../support/captured-mail";
import type { CapturedSmtp } from "../support/smtp";

/**
 * The notices of issue 15's second half through a real SMTP server: the daily digest of uppdrag (one
 * message, grouped; none for a person with nothing; once a day however often it runs), the lägesbild
 * put up for decision (exactly the styrgrupp's members), and the responsible person of an åtgärd
 * (once per row and person, however often the plan is mirrored).
 */
let db: Db;
let smtp: CapturedSmtp;
let capture: QueuedMailCapture;
let chair: Viewer;
let groupId: number;
let agreementId: number;
const origin = "https://samverkan.example.se";
/** The digest's day: Monday 23 November 2026 in Stockholm. */
const today = new Date("2026-11-23T06:30:00Z");

beforeAll(async () => {
  db = await openSeededDatabase();
  capture = await captureQueuedMail(db, origin);
  smtp = capture.smtp;
  chair = viewerByEmail(db, "sdd.skarholmen@example.se");
  groupId = db.select().from(groups).where(eq(groups.name, "Lokal styrgrupp Skärholmen")).get()!.id;
  agreementId = db.select().from(agreements).where(eq(agreements.slug, "skarholmen")).get()!.id;
  // What the demo's own history queued is not this test's.
  db.delete(mailOutbox).run();
  db.delete(notifications).run();
});
afterAll(async () => {
  await capture.close();
  closeDatabase();
});
beforeEach(() => {
  smtp.messages.length = 0;
});

const sendAll = () => capture.sendAll();
const link = (path: string) => `${origin}/login?redirectTo=${encodeURIComponent(path)}`;

/** A new member of Lokal styrgrupp Skärholmen (the demo's people have uppdrag of their own). */
function newMember(email: string): Viewer {
  const personId = insertPerson(db, { email, name: email.split("@")[0], passwordHash: null });
  insertMembership(db, { groupId, personId, role: "ledamot", functionId: null });
  return viewerByEmail(db, email);
}

function startedMeeting(title: string, startsAt: string): number {
  const meetingId = createMeeting(db, chair, { groupId, title, startsAt, endsAt: null, location: null, videoLink: null }, new Date(startsAt));
  advanceMeetingStatus(db, chair, meetingId, "pagar", new Date(startsAt));
  return meetingId;
}

describe("the daily digest of uppdrag", () => {
  let owner: Viewer;
  let idle: Viewer;
  let meetingId: number;
  let paragraphItemId: number;

  beforeAll(() => {
    owner = newMember("digest.agare@example.se");
    idle = newMember("digest.ledig@example.se");
    meetingId = startedMeeting("Uppföljningsmöte", "2026-11-02T08:00:00.000Z");
    paragraphItemId = addAgendaItem(db, chair, meetingId, { title: "Belysning", kind: "beslut", presenterId: null });
    dealWithItem(db, chair, paragraphItemId, "behandlat", new Date("2026-11-02T08:30:00Z"));
    const give = (title: string, dueOn: string | null, ownerId = owner.id, agendaItemId: number | null = null) =>
      createActionItem(db, chair, meetingId, { title, ownerId, dueOn, agendaItemId }, new Date("2026-11-02T09:00:00Z"));
    give("Kartlägg belysningen i Vårberg", "2026-11-20", owner.id, paragraphItemId);
    give("Boka trygghetsvandring", "2026-11-22");
    give("Skicka rapport till styrgruppen", "2026-11-26");
    give("Planera nästa års medborgardialog", "2026-12-15");
    give("Uppdrag utan datum", null);
    setActionItemStatus(db, chair, give("Redan klart uppdrag", "2026-11-10"), "klar");
    // The idle member has nothing due: one far ahead, one late but cancelled.
    give("Långsiktigt uppdrag", "2027-03-01", idle.id);
    setActionItemStatus(db, chair, give("Inställt uppdrag", "2026-11-01", idle.id), "avbruten");

    // Two åtgärder of the plan are theirs and past their end date; the second is reported genomförd.
    const planId = ensureActionPlan(db, agreementId, null).id;
    const row = (uid: string, fields: Partial<PlanRow>, position: number): PlanRow => ({ ...emptyPlanRow(uid, position), ...fields });
    mirrorPlanRows(db, planId, [
      row("digestrow01", { measure: "Trygghetsvandringar varje månad", endsOn: "2026-11-15", responsiblePersonId: owner.id }, 0),
      row("digestrow02", { measure: "Klotterplan för centrum", endsOn: "2026-10-31", responsiblePersonId: owner.id }, 1),
    ]);
    const done = db.select().from(actionPlanRows).where(eq(actionPlanRows.uid, "digestrow02")).get()!.id;
    reportActionRow(db, owner, done, { status: "genomford", rag: "gront", comment: "Klart" }, new Date("2026-11-01T09:00:00Z"));
    db.delete(mailOutbox).run();
  });

  it("groups two late and one soon-due uppdrag (and the late åtgärd) of a person into ONE message; none for a person with nothing", async () => {
    expect(queueDailyDigests(db, today)).toBeGreaterThan(0);
    await sendAll();
    const mine = smtp.messages.filter((m) => recipients([m])[0] === owner.email);
    expect(mine).toHaveLength(1);
    expect(recipients(smtp.messages)).not.toContain(idle.email);
    const [mail] = mine;
    expect(mail.subject).toBe("Påminnelse om uppdrag: 3 försenade, 1 ska vara klart inom 3 dagar");
    const text = mail.text!;
    const late = text.slice(text.indexOf("Försenade"), text.indexOf("Ska vara klara inom 3 dagar"));
    expect(late).toContain("- Kartlägg belysningen i Vårberg\n  Skulle ha varit klart 20 november 2026\n  Lokal styrgrupp Skärholmen, Uppföljningsmöte, § ");
    expect(late.indexOf("Kartlägg belysningen")).toBeLessThan(late.indexOf("Boka trygghetsvandring"));
    expect(late).toContain(`Mötet där uppdraget gavs: ${link(`/moten/${meetingId}`)}`);
    const soon = text.slice(text.indexOf("Ska vara klara inom 3 dagar"), text.indexOf("Åtgärder i åtgärdsplanen"));
    expect(soon).toContain("- Skicka rapport till styrgruppen\n  Ska vara klart 26 november 2026");
    const rows = text.slice(text.indexOf("Åtgärder i åtgärdsplanen som passerat sitt slutdatum"));
    expect(rows).toContain("- Trygghetsvandringar varje månad\n  Slutdatum 15 november 2026");
    expect(rows).not.toContain("Klotterplan");
    for (const absent of ["Planera nästa års", "Uppdrag utan datum", "Redan klart uppdrag"]) expect(text).not.toContain(absent);
    expect(text).toContain(`Mina uppdrag: ${link("/uppdrag")}`);
    expect(text).toContain(`Mina åtgärder: ${link("/mina-atgarder")}`);
    // The HTML twin: Swedish, a heading per group, a list item per uppdrag with its own link.
    expect(mail.html).toContain('<html lang="sv">');
    expect(mail.html).toContain("<h2>Försenade</h2>");
    expect(mail.html).toContain("<h2>Ska vara klara inom 3 dagar</h2>");
    expect(mail.html).toContain(`<a href="${link(`/moten/${meetingId}`)}">Mötet där uppdraget gavs</a>`);
    // In the app too: one notice leading to Mina uppdrag.
    const notices = db.select().from(notifications).where(eq(notifications.personId, owner.id)).all();
    expect(notices.filter((n) => n.kind === "uppdrag_due")).toEqual([
      expect.objectContaining({ title: mail.subject, link: "/uppdrag", dedupeKey: digestDedupeKey(owner.id, "2026-11-23") }),
    ]);
    expect(
      db
        .select()
        .from(notifications)
        .where(eq(notifications.dedupeKey, digestDedupeKey(idle.id, "2026-11-23")))
        .get(),
    ).toBeUndefined();
  });

  it("is made once a day, however often it runs; the next day makes the next", async () => {
    expect(queueDailyDigests(db, new Date("2026-11-23T15:00:00Z"))).toBe(0);
    await sendAll();
    expect(smtp.messages).toHaveLength(0);
    expect(queueDailyDigests(db, new Date("2026-11-24T06:30:00Z"))).toBeGreaterThan(0);
    await sendAll();
    expect(smtp.messages.filter((m) => recipients([m])[0] === owner.email)).toHaveLength(1);
  });

  it("is made by the scheduler once the Stockholm clock has passed the hour, once that day", async () => {
    let now = new Date("2026-11-27T05:30:00Z"); // 06:30 in Stockholm
    const scheduler = startDigestScheduler(db, { hour: 7, intervalMs: 20, clock: () => now });
    const made = () =>
      db
        .select()
        .from(notifications)
        .where(eq(notifications.dedupeKey, digestDedupeKey(owner.id, "2026-11-27")))
        .all();
    try {
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(made()).toHaveLength(0);
      now = new Date("2026-11-27T06:05:00Z"); // 07:05
      const deadline = Date.now() + 5_000;
      while (made().length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(made()).toHaveLength(1);
    } finally {
      scheduler.stop();
    }
    // Its mail is sent here, not in the next test.
    await sendAll();
    expect(smtp.messages.filter((m) => recipients([m])[0] === owner.email)).toHaveLength(1);
  });

  it("follows the person's channel: in the app only, or not at all", async () => {
    db.insert(notificationPreferences).values({ personId: owner.id, kind: "uppdrag_due", channel: "in_app" }).run();
    queueDailyDigests(db, new Date("2026-11-25T06:30:00Z"));
    await sendAll();
    expect(recipients(smtp.messages)).not.toContain(owner.email);
    expect(
      db
        .select()
        .from(notifications)
        .where(eq(notifications.dedupeKey, digestDedupeKey(owner.id, "2026-11-25")))
        .get(),
    ).toBeDefined();

    db.update(notificationPreferences).set({ channel: "off" }).where(eq(notificationPreferences.personId, owner.id)).run();
    queueDailyDigests(db, new Date("2026-11-26T06:30:00Z"));
    expect(
      db
        .select()
        .from(notifications)
        .where(eq(notifications.dedupeKey, digestDedupeKey(owner.id, "2026-11-26")))
        .get(),
    ).toBeUndefined();
  });
});

describe("a lägesbild put up for decision", () => {
  it("is told to exactly the members of the deciding styrgrupp, in the app and by e-mail", async () => {
    const lagesbild = ensureSituationPicture(db, agreementId, 2027, null);
    const meetingId = createMeeting(
      db,
      chair,
      { groupId, title: "Styrgruppsmöte", startsAt: "2027-03-09T08:00:00.000Z", endsAt: null, location: null, videoLink: null },
      today,
    );
    const { versionId } = putUpForDecision(db, chair, { kind: "lagesbild", id: lagesbild.id }, meetingId, today);
    await sendAll();
    const members = db
      .select({ email: people.email })
      .from(memberships)
      .innerJoin(people, eq(people.id, memberships.personId))
      .where(eq(memberships.groupId, groupId))
      .all()
      .map((m) => m.email)
      .sort();
    const putUp = smtp.messages.filter((m) => m.subject?.startsWith("För beslut:"));
    expect(recipients(putUp)).toEqual(members);
    const agreementTitle = db.select().from(agreements).where(eq(agreements.id, agreementId)).get()!.title;
    expect(putUp[0].subject).toBe(`För beslut: Lägesbild 2027 för ${agreementTitle}, 9 mars 2027`);
    expect(putUp[0].text).toContain(`Mötet och ärendet: ${link(`/moten/${meetingId}`)}`);
    expect(putUp[0].text).toContain(`Versionen för beslut som PDF: ${link(`/versioner/${versionId}.pdf`)}`);
    expect(putUp[0].html).toContain('<html lang="sv">');
    const notices = db.select().from(notifications).where(eq(notifications.kind, "steering_put_up")).all();
    expect(notices).toHaveLength(members.length);
    expect(notices.every((n) => n.link === `/moten/${meetingId}`)).toBe(true);
  });
});

describe("the responsible person of an åtgärd", () => {
  it("is told once per row and person: when the row names them and says what is to be done, not on re-mirroring", async () => {
    const planId = ensureActionPlan(db, agreementId, null).id;
    const first = newMember("atgard.forsta@example.se");
    const second = newMember("atgard.andra@example.se");
    const row = (fields: Partial<PlanRow>): PlanRow => ({ ...emptyPlanRow("noticerow01", 5), ...fields });
    const told = (person: Viewer) =>
      db
        .select()
        .from(notifications)
        .where(and(eq(notifications.personId, person.id), like(notifications.dedupeKey, "atgard:%")))
        .all();

    // Named before the åtgärd is written: nothing yet.
    mirrorPlanRows(db, planId, [row({ responsiblePersonId: first.id })]);
    expect(told(first)).toHaveLength(0);
    mirrorPlanRows(db, planId, [row({ responsiblePersonId: first.id, measure: "Fler vuxna på torget kvällstid", endsOn: "2027-06-30" })]);
    mirrorPlanRows(db, planId, [
      row({ responsiblePersonId: first.id, measure: "Fler vuxna på torget kvällstid", endsOn: "2027-06-30", goal: "Tryggare torg" }),
    ]);
    mirrorPlanRows(db, planId, [
      row({ responsiblePersonId: first.id, measure: "Fler vuxna på torget kvällstid", endsOn: "2027-06-30", goal: "Tryggare torg" }),
    ]);
    expect(told(first)).toEqual([
      expect.objectContaining({ kind: "uppdrag_assigned", title: "Ny åtgärd: Fler vuxna på torget kvällstid", link: "/mina-atgarder" }),
    ]);

    // Handed to another person, and back: the second is told once, the first not again.
    mirrorPlanRows(db, planId, [row({ responsiblePersonId: second.id, measure: "Fler vuxna på torget kvällstid" })]);
    mirrorPlanRows(db, planId, [row({ responsiblePersonId: first.id, measure: "Fler vuxna på torget kvällstid" })]);
    mirrorPlanRows(db, planId, [row({ responsiblePersonId: second.id, measure: "Fler vuxna på torget kvällstid" })]);
    expect(told(first)).toHaveLength(1);
    expect(told(second)).toHaveLength(1);

    await sendAll();
    const mails = smtp.messages.filter((m) => m.subject === "Ny åtgärd: Fler vuxna på torget kvällstid");
    expect(recipients(mails)).toEqual([second.email, first.email].sort());
    const toFirst = mails.find((m) => recipients([m])[0] === first.email)!;
    expect(toFirst.text).toContain("30 juni 2027");
    expect(toFirst.text).toContain(`Åtgärdsplanen: ${link("/overenskommelser/skarholmen/atgardsplan")}`);
    expect(toFirst.html).toContain(`<a href="${link("/mina-atgarder")}">Mina åtgärder</a>`);
  });
});
