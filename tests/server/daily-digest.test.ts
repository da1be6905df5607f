/**
 * The daily digest in the real server, delivered to a real SMTP server: with DIGEST_HOUR passed, the
 * server makes the day's digest at start; a person's two late and one soon-due uppdrag arrive as ONE
 * message, a person with nothing gets none, and a restart (the digest made again) sends nothing more.
 * The CLI's `send-digest` makes none twice either.
 */
import { spawnSync } from "node:child_process";
import { eq } from "drizzle-orm";
import { closeDatabase, type Db } from "../../db/client";
import { daysAfter, stockholmDate, stockholmLongDate } from "../../db/domain/stockholm-time";
import { createActionItem } from "../../db/queries/action-items";
import { advanceMeetingStatus, createMeeting } from "../../db/queries/meeting-lifecycle";
import { insertMembership } from "../../db/queries/memberships";
import { insertPerson } from "../../db/queries/people";
import { groups, mailOutbox } from "../../db/schema";
import { addressesOf, testMailFrom } from "../support/captured-mail";
import { openSeededDatabase, viewerByEmail } from "../support/seeded-db";
import { queryServerDatabase, startServer, type RunningServer } from "../support/server";
import { startSmtpCapture, type CapturedSmtp } from "../support/smtp";

let server: RunningServer | undefined;
let smtp: CapturedSmtp;
let databasePath: string;
const owner = "digest.agare@example.se";
const idle = "digest.ledig@example.se";
const today = stockholmDate(new Date());

beforeAll(async () => {
  smtp = await startSmtpCapture();
  // The demo as of now, plus two new members of Lokal styrgrupp Skärholmen with uppdrag of their own.
  const db: Db = await openSeededDatabase(new Date());
  databasePath = db.$client.name;
  const groupId = db.select().from(groups).where(eq(groups.name, "Lokal styrgrupp Skärholmen")).get()!.id;
  for (const email of [owner, idle]) {
    insertMembership(db, { groupId, personId: insertPerson(db, { email, name: email, passwordHash: null }), role: "ledamot", functionId: null });
  }
  const chair = viewerByEmail(db, "sdd.skarholmen@example.se");
  const startsAt = new Date(Date.now() - 3600_000).toISOString();
  const meetingId = createMeeting(db, chair, { groupId, title: "Digestmöte", startsAt, endsAt: null, location: null, videoLink: null });
  advanceMeetingStatus(db, chair, meetingId, "pagar");
  const give = (title: string, email: string, dueOn: string) =>
    createActionItem(db, chair, meetingId, { title, ownerId: viewerByEmail(db, email).id, dueOn, agendaItemId: null });
  give("Sent uppdrag ett", owner, daysAfter(today, -2));
  give("Sent uppdrag två", owner, daysAfter(today, -1));
  give("Snart klart uppdrag", owner, daysAfter(today, 2));
  give("Avlägset uppdrag", owner, daysAfter(today, 20));
  give("Ledigt uppdrag", idle, daysAfter(today, 30));
  // What the demo's history and the uppdrag above queued is not this test's (and would take a while to send).
  db.delete(mailOutbox).run();
  closeDatabase();
});
afterAll(async () => {
  await server?.stop();
  await smtp.close();
});

const withDigest = () => ({
  DATABASE_PATH: databasePath,
  SMTP_URL: smtp.url,
  MAIL_FROM: testMailFrom,
  MAIL_POLL_INTERVAL_MS: "200",
  DIGEST_HOUR: "0",
});
const digestsTo = (email: string) => smtp.messages.filter((m) => addressesOf(m).includes(email) && m.subject?.startsWith("Påminnelse om uppdrag"));
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

it("sends one grouped digest per person at start, none to a person with nothing, and nothing more after a restart", async () => {
  server = await startServer(withDigest());
  const deadline = Date.now() + 20_000;
  while (digestsTo(owner).length === 0 && Date.now() < deadline) await pause(100);
  const [mail] = digestsTo(owner);
  expect(mail.subject).toBe("Påminnelse om uppdrag: 2 försenade, 1 ska vara klart inom 3 dagar");
  const text = mail.text!;
  const late = text.slice(text.indexOf("Försenade"), text.indexOf("Ska vara klara inom 3 dagar"));
  expect(late).toContain(`- Sent uppdrag ett\n  Skulle ha varit klart ${stockholmLongDate(daysAfter(today, -2))}\n  Lokal styrgrupp Skärholmen, Digestmöte`);
  expect(late).toContain("- Sent uppdrag två");
  expect(text.slice(text.indexOf("Ska vara klara inom 3 dagar"))).toContain(
    `- Snart klart uppdrag\n  Ska vara klart ${stockholmLongDate(daysAfter(today, 2))}`,
  );
  expect(text).not.toContain("Avlägset uppdrag");
  // Links lead through the login page of the server's own address.
  expect(text).toContain(`Mina uppdrag: http://localhost:${server.port}/login?redirectTo=%2Fuppdrag`);
  expect(mail.html).toContain("<h2>Försenade</h2>");

  await pause(1000);
  await server.stop();
  server = await startServer(withDigest());
  await pause(1500);
  expect(digestsTo(owner)).toHaveLength(1);
  expect(digestsTo(idle)).toHaveLength(0);
  const rows = queryServerDatabase<{ status: string }>(
    server,
    "select o.status from mail_outbox o join people p on p.id = o.person_id where p.email = ? and o.kind = 'uppdrag_due'",
    owner,
  );
  expect(rows).toEqual([{ status: "sent" }]);
  await server.stop();
  server = undefined;
});

it("makes no digest twice from the CLI either, and refuses a malformed date", () => {
  const cli = (...args: string[]) =>
    spawnSync(process.execPath, ["--import", "tsx", "server/cli/admin.ts", "send-digest", ...args], {
      env: { ...process.env, NODE_ENV: "test", DATABASE_PATH: databasePath },
      encoding: "utf8",
    });
  const again = cli();
  expect(again.stderr).toBe("");
  expect(again.stdout).toContain(`Queued 0 digest(s) of uppdrag for ${today}`);
  const tomorrow = cli("--date", daysAfter(today, 1));
  expect(tomorrow.stdout).toMatch(/Queued [1-9]\d* digest\(s\)/);
  const bad = cli("--date", "i morgon");
  expect(bad.status).toBe(1);
  expect(bad.stderr).toContain("--date must be a day such as 2025-03-14");
});
