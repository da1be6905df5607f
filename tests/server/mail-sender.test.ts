import { eq } from "drizzle-orm";
import { closeDatabase, openDatabase, writeTransaction, type Db } from "../../db/client";
import { enqueueMail } from "../../db/queries/mail-queue";
import { mailOutbox } from "../../db/schema";
import { CLAIM_EXPIRY_MS, messageIdFor, RETRY_DELAYS_MS, sendDueMails, smtpTransport, startMailSender, type MailTransport } from "../../server/mail/sender";
import { startSmtpCapture, type CapturedSmtp } from "../support/smtp";
import { tempDatabasePath } from "../support/temp";

/** The sender against a real SMTP server: claims, marks sent, retries with back-off, takes over a dead process's claim. */
let db: Db;
let smtp: CapturedSmtp;
let transport: MailTransport;
const from = "Samverkan <noreply@samverkan.example.se>";
const t0 = new Date("2026-11-23T10:00:00Z");
const at = (ms: number) => () => new Date(t0.getTime() + ms);

beforeAll(async () => {
  db = openDatabase(tempDatabasePath()).db;
  smtp = await startSmtpCapture();
  transport = smtpTransport(smtp.url);
});
afterAll(async () => {
  transport.close?.();
  await smtp.close();
  closeDatabase();
});
beforeEach(() => {
  db.delete(mailOutbox).run();
  smtp.messages.length = 0;
});

function queue(key: string, extra: { ics?: string } = {}) {
  writeTransaction(db, (tx) =>
    enqueueMail(
      tx,
      { kind: "account", personId: null, to: "mottagare@example.se", subject: `Ämne ${key}`, text: "Hej", html: "<p>Hej</p>", dedupeKey: key, ...extra },
      t0,
    ),
  );
}
const row = (key: string) => db.select().from(mailOutbox).where(eq(mailOutbox.dedupeKey, key)).get()!;

it("sends a queued message once, with a Message-ID derived from its dedupe key", async () => {
  queue("a");
  queue("a"); // the same key again is the same message
  expect(await sendDueMails(db, transport, from, at(0))).toBe(1);
  expect(await sendDueMails(db, transport, from, at(1000))).toBe(0);
  expect(smtp.messages).toHaveLength(1);
  expect(smtp.messages[0].subject).toBe("Ämne a");
  expect(smtp.messages[0].messageId).toBe(messageIdFor("a", from));
  expect(row("a")).toMatchObject({ status: "sent", attempts: 1, sentAt: t0.toISOString(), claimedAt: null });
});

it("retries with back-off after the server refuses, recording the error", async () => {
  queue("b");
  smtp.refuseNext(1);
  await sendDueMails(db, transport, from, at(0));
  expect(row("b")).toMatchObject({ status: "queued", attempts: 1, nextAttemptAt: new Date(t0.getTime() + RETRY_DELAYS_MS[0]).toISOString() });
  expect(row("b").lastError).toMatch(/451/);
  expect(await sendDueMails(db, transport, from, at(RETRY_DELAYS_MS[0] - 1000))).toBe(0);
  expect(await sendDueMails(db, transport, from, at(RETRY_DELAYS_MS[0]))).toBe(1);
  expect(row("b")).toMatchObject({ status: "sent", attempts: 2 });
  expect(smtp.messages).toHaveLength(1);
});

it("gives up after the last back-off step", async () => {
  queue("c");
  smtp.refuseNext(RETRY_DELAYS_MS.length + 1);
  let elapsed = 0;
  for (const delay of [0, ...RETRY_DELAYS_MS]) {
    elapsed += delay;
    await sendDueMails(db, transport, from, at(elapsed));
  }
  expect(row("c")).toMatchObject({ status: "failed", attempts: RETRY_DELAYS_MS.length + 1 });
  expect(await sendDueMails(db, transport, from, at(elapsed + 24 * 3600_000))).toBe(0);
  expect(smtp.messages).toHaveLength(0);
});

it("takes over a claim only once it is older than the claim expiry (its process died)", async () => {
  queue("d");
  db.update(mailOutbox).set({ status: "sending", claimedAt: t0.toISOString(), attempts: 1 }).where(eq(mailOutbox.dedupeKey, "d")).run();
  expect(await sendDueMails(db, transport, from, at(CLAIM_EXPIRY_MS - 1000))).toBe(0);
  expect(await sendDueMails(db, transport, from, at(CLAIM_EXPIRY_MS + 1000))).toBe(1);
  expect(row("d")).toMatchObject({ status: "sent", attempts: 2 });
});

it("attaches the ICS invitation with its method", async () => {
  queue("e", { ics: "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nMETHOD:CANCEL\r\nEND:VCALENDAR\r\n" });
  await sendDueMails(db, transport, from, at(0));
  const calendar = smtp.messages[0].attachments.find((a) => a.contentType === "text/calendar");
  expect(calendar?.content.toString()).toContain("METHOD:CANCEL");
});

it("the running loop is woken by a mail queued in this process", async () => {
  const sender = startMailSender(db, { transport, from, pollIntervalMs: 600_000 });
  try {
    await new Promise((resolve) => setTimeout(resolve, 100));
    queue("f");
    await smtp.waitForMessages(1, 5000);
    expect(smtp.messages[0].subject).toBe("Ämne f");
  } finally {
    await sender.stop();
  }
});
