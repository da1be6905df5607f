import Database from "better-sqlite3";
import type { ParsedMail } from "mailparser";
import type { Db } from "../../db/client";
import { setMailOrigin } from "../../db/queries/notify";
import { sendDueMails, smtpTransport } from "../../server/mail/sender";
import { startServer, type RunningServer } from "./server";
import { startSmtpCapture, type CapturedSmtp } from "./smtp";

/**
 * The e-mail tests read as a person would: what a real SMTP server (./smtp.ts) received, from the
 * real server process or from the db verbs' queue sent by the real sender.
 */

export const testMailFrom = "Samverkan <noreply@samverkan.example.se>";

/**
 * The real server delivering its mail to the captured SMTP server. The demo's own history queues
 * some 160 messages as it is seeded; they are marked sent first (the server seeds on a first start
 * without SMTP), so a test's message is not waiting behind them.
 */
export async function startServerWithMail(smtp: CapturedSmtp, env: Record<string, string> = {}): Promise<RunningServer> {
  const seeded = await startServer(env);
  await seeded.stop();
  const db = new Database(seeded.databasePath);
  try {
    db.prepare("update mail_outbox set status = 'sent', sent_at = created_at where status = 'queued'").run();
  } finally {
    db.close();
  }
  return startServer({ ...env, DATABASE_PATH: seeded.databasePath, SMTP_URL: smtp.url, MAIL_FROM: testMailFrom, MAIL_POLL_INTERVAL_MS: "200" });
}

/** The first recipient of each message, sorted. */
export function recipients(messages: ParsedMail[]): string[] {
  return messages.map((m) => addressesOf(m)[0]).sort();
}

/** Every address a captured message went to. */
export function addressesOf(message: ParsedMail): string[] {
  const to = Array.isArray(message.to) ? message.to : message.to ? [message.to] : [];
  return to.flatMap((a) => a.value.map((v) => v.address ?? ""));
}

/** The link to `path` in the newest of at least `count` messages to `to` that carry one, waiting for it to arrive. */
export async function linkInCapturedMail(smtp: CapturedSmtp, to: string, path: string, count = 1): Promise<string> {
  const pattern = new RegExp(`https?://\\S+/${path}/[A-Za-z0-9_-]+`);
  const carrying = () => smtp.messages.filter((m) => addressesOf(m).includes(to) && pattern.test(m.text ?? ""));
  const deadline = Date.now() + 20_000;
  while (carrying().length < count) {
    if (Date.now() > deadline) throw new Error(`expected ${count} message(s) to ${to} with a /${path}/ link, got ${carrying().length}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return carrying().at(-1)!.text!.match(pattern)![0];
}

export interface QueuedMailCapture {
  smtp: CapturedSmtp;
  /** Sends every queued message to the capture, as of a day after anything the tests queue. */
  sendAll: () => Promise<number>;
  close: () => Promise<void>;
}

/** For tests of the db verbs' mail in this process: links from `origin`, and the queue sent through a real SMTP server. */
export async function captureQueuedMail(db: Db, origin: string): Promise<QueuedMailCapture> {
  setMailOrigin(origin);
  const smtp = await startSmtpCapture();
  const transport = smtpTransport(smtp.url);
  return {
    smtp,
    // The verbs may run at their own (future) times, so their mail is due only then.
    sendAll: () => sendDueMails(db, transport, testMailFrom, () => new Date("2028-01-01T00:00:00Z")),
    close: async () => {
      setMailOrigin(null);
      transport.close?.();
      await smtp.close();
    },
  };
}
