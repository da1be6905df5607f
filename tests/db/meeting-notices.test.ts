import { eq } from "drizzle-orm";
import type { ParsedMail } from "mailparser";
import { closeDatabase, type Db } from "../../db/client";
import { createActionItem } from "../../db/queries/action-items";
import { addAgendaItem } from "../../db/queries/agenda";
import {
  advanceMeetingStatus,
  approveMinutes,
  cancelMeeting,
  chooseJusterare,
  createMeeting,
  editMeeting,
  listApprovers,
} from "../../db/queries/meeting-lifecycle";
import { sendKallelse } from "../../db/queries/meeting-notices";
import type { Viewer } from "../../db/queries/sessions";
import { groups, mailOutbox, memberships, notificationPreferences, notifications, people, storedFiles } from "../../db/schema";
import { openSeededDatabase, viewerByEmail } from "../support/seeded-db";
import { captureQueuedMail, recipients, type QueuedMailCapture } from "../support/captured-mail";
import type { CapturedSmtp } from "../support/smtp";

/**
 * The meeting's notices through a real SMTP server: the kallelse to every member with the agenda,
 * handlingar links through the login page and a REQUEST invitation (parsed); an update and a CANCEL
 * when the meeting changes; the justering request to exactly the chair and the justerare.
 */
let db: Db;
let smtp: CapturedSmtp;
let capture: QueuedMailCapture;
let chair: Viewer;
let ledamot: Viewer;
let groupId: number;
const origin = "https://samverkan.example.se";
const startsAt = "2027-03-02T08:00:00.000Z";

beforeAll(async () => {
  db = await openSeededDatabase();
  capture = await captureQueuedMail(db, origin);
  smtp = capture.smtp;
  chair = viewerByEmail(db, "sdd.skarholmen@example.se");
  ledamot = viewerByEmail(db, "karl.ljung@example.se");
  groupId = db.select().from(groups).where(eq(groups.name, "Lokal styrgrupp Skärholmen")).get()!.id;
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

const members = () =>
  db.select({ email: people.email }).from(memberships).innerJoin(people, eq(people.id, memberships.personId)).where(eq(memberships.groupId, groupId)).all();
const calendarOf = (message: ParsedMail) => message.attachments.find((a) => a.contentType === "text/calendar")!.content.toString();
/** The unfolded properties of the first VEVENT and the calendar's METHOD. */
function parseIcs(ics: string): Record<string, string> {
  const lines = ics.replace(/\r\n /g, "").split("\r\n");
  return Object.fromEntries(lines.filter((l) => l.includes(":")).map((l) => [l.slice(0, l.indexOf(":")), l.slice(l.indexOf(":") + 1)]));
}

const sendAll = () => capture.sendAll();

function viewerById(id: number): Viewer {
  const person = db.select().from(people).where(eq(people.id, id)).get()!;
  return { id: person.id, name: person.name, email: person.email, isAdmin: person.isAdmin };
}

function newMeeting(title: string): number {
  return createMeeting(
    db,
    chair,
    { groupId, title, startsAt, endsAt: null, location: "Sammanträdesrum Bredängen", videoLink: null },
    new Date("2026-11-23T10:00:00Z"),
  );
}

it("sends the kallelse to every member once, with agenda, handlingar links and a REQUEST invitation", async () => {
  const meetingId = newMeeting("Styrgruppsmöte mars");
  const itemId = addAgendaItem(db, chair, meetingId, { title: "Belysning i Vårberg", kind: "beslut", presenterId: ledamot.id });
  const fileId = db
    .insert(storedFiles)
    .values({
      category: "handling",
      fileName: "underlag.pdf",
      title: "Underlag belysning",
      mediaType: "application/pdf",
      size: 1,
      sha256: "0".repeat(64),
      storageKey: "f".repeat(32),
      agendaItemId: itemId,
      uploadedBy: chair.id,
      uploadedAt: startsAt,
    })
    .returning()
    .get().id;

  sendKallelse(db, chair, meetingId);
  expect(() => sendKallelse(db, chair, meetingId)).toThrow(/redan skickad/);
  expect(() => sendKallelse(db, ledamot, meetingId)).toThrow();
  await sendAll();

  expect(recipients(smtp.messages)).toEqual(
    members()
      .map((m) => m.email)
      .sort(),
  );
  const mail = smtp.messages.find((m) => recipients([m])[0] === ledamot.email)!;
  expect(mail.subject).toBe("Kallelse: Styrgruppsmöte mars – Lokal styrgrupp Skärholmen, 2 mars 2027");
  expect(mail.text).toContain("- Belysning i Vårberg");
  expect(mail.text).toContain(`${origin}/login?redirectTo=${encodeURIComponent(`/filer/${fileId}`)}`);
  expect(mail.html).toContain('<html lang="sv">');
  expect(mail.html).toContain(`<a href="${origin}/login?redirectTo=%2Fmoten%2F${meetingId}">`);
  const ics = parseIcs(calendarOf(mail));
  expect(ics).toMatchObject({ METHOD: "REQUEST", UID: `meeting-${meetingId}@samverkan`, DTSTART: "20270302T080000Z", SEQUENCE: "0", STATUS: "CONFIRMED" });
  expect(ics.SUMMARY).toBe("Styrgruppsmöte mars – Lokal styrgrupp Skärholmen");
  // In the app too, for each of them.
  expect(
    db
      .select()
      .from(notifications)
      .where(eq(notifications.personId, ledamot.id))
      .all()
      .some((n) => n.link === `/moten/${meetingId}`),
  ).toBe(true);
});

it("sends an updated invitation when the time changes, and a CANCEL when the meeting is cancelled; nothing before the kallelse", async () => {
  const meetingId = newMeeting("Extra möte");
  editMeeting(db, chair, meetingId, { startsAt: "2027-03-03T08:00:00.000Z", endsAt: null, location: "Rum 1", videoLink: null });
  expect(
    db
      .select()
      .from(mailOutbox)
      .all()
      .filter((m) => m.subject.includes("Extra möte")),
  ).toHaveLength(0);

  sendKallelse(db, chair, meetingId);
  editMeeting(db, chair, meetingId, { startsAt: "2027-03-04T09:00:00.000Z", endsAt: null, location: "Rum 2", videoLink: null });
  cancelMeeting(db, chair, meetingId, "Krockar med budgetmötet");
  await sendAll();
  const toLedamot = smtp.messages.filter((m) => recipients([m])[0] === ledamot.email);
  expect(toLedamot.map((m) => m.subject)).toEqual([
    "Kallelse: Extra möte – Lokal styrgrupp Skärholmen, 3 mars 2027",
    "Ändrad kallelse: Extra möte – Lokal styrgrupp Skärholmen, 4 mars 2027",
    "Inställt: Extra möte – Lokal styrgrupp Skärholmen, 4 mars 2027",
  ]);
  const [first, changed, cancelled] = toLedamot.map((m) => parseIcs(calendarOf(m)));
  expect(first).toMatchObject({ METHOD: "REQUEST", SEQUENCE: "1" });
  expect(changed).toMatchObject({ METHOD: "REQUEST", SEQUENCE: "2", DTSTART: "20270304T090000Z", LOCATION: "Rum 2", UID: first.UID });
  expect(cancelled).toMatchObject({ METHOD: "CANCEL", SEQUENCE: "3", STATUS: "CANCELLED", UID: first.UID });
  expect(toLedamot[2].text).toContain("Krockar med budgetmötet");
});

it("asks exactly the chair who signs and the justerare to justera when the meeting ends", async () => {
  const meetingId = newMeeting("Justeringsmöte");
  chooseJusterare(db, chair, meetingId, [ledamot.id]);
  advanceMeetingStatus(db, chair, meetingId, "pagar", new Date(startsAt));
  advanceMeetingStatus(db, chair, meetingId, "avslutat", new Date(startsAt));
  await sendAll();
  const asked = smtp.messages.filter((m) => m.subject?.startsWith("Protokollet väntar på din justering"));
  expect(recipients(asked)).toEqual([chair.email, ledamot.email].sort());
  expect(asked.find((m) => recipients([m])[0] === ledamot.email)!.text).toContain("som justerare");

  // Once every signer has approved, the members get the protocol's PDF link.
  smtp.messages.length = 0;
  for (const approver of listApprovers(db, meetingId)) approveMinutes(db, viewerById(approver.personId), meetingId, new Date(startsAt));
  await sendAll();
  const justerat = smtp.messages.filter((m) => m.subject?.startsWith("Protokollet är justerat"));
  expect(recipients(justerat)).toEqual(
    members()
      .map((m) => m.email)
      .sort(),
  );
  expect(justerat[0].text).toContain(`${origin}/login?redirectTo=${encodeURIComponent(`/moten/${meetingId}/protokoll.pdf`)}`);
});

it("follows the person's choice: in the app only gives no e-mail; the kallelse cannot be turned off", async () => {
  db.insert(notificationPreferences).values({ personId: ledamot.id, kind: "kallelse", channel: "off" }).run();
  const meetingId = newMeeting("Tyst möte");
  sendKallelse(db, chair, meetingId);
  await sendAll();
  expect(recipients(smtp.messages)).not.toContain(ledamot.email);
  // "off" is read as in the app only for the kallelse: the notice is still there.
  expect(
    db
      .select()
      .from(notifications)
      .where(eq(notifications.personId, ledamot.id))
      .all()
      .some((n) => n.link === `/moten/${meetingId}`),
  ).toBe(true);
});

it("tells the responsible person about a new uppdrag", async () => {
  const meetingId = newMeeting("Uppdragsmöte");
  advanceMeetingStatus(db, chair, meetingId, "pagar", new Date(startsAt));
  createActionItem(db, chair, meetingId, { title: "Ta fram belysningsplan", ownerId: ledamot.id, agendaItemId: null, dueOn: "2027-04-01" }, new Date(startsAt));
  await sendAll();
  const assigned = smtp.messages.filter((m) => m.subject === "Nytt uppdrag: Ta fram belysningsplan");
  expect(recipients(assigned)).toEqual([ledamot.email]);
  expect(assigned[0].text).toContain("1 april 2027");
  expect(assigned[0].text).toContain(`${origin}/login?redirectTo=%2Fuppdrag`);
});
