import { createHash } from "node:crypto";
import { and, asc, eq, lt, lte, or, sql } from "drizzle-orm";
import nodemailer, { type SendMailOptions } from "nodemailer";
import type { Db } from "../../db/client";
import type SMTPTransport from "nodemailer/lib/smtp-transport";
import { setMailWaker } from "../../db/queries/mail-queue";
import { mailOutbox } from "../../db/schema";

/**
 * Delivers the durable mail queue (db/queries/mail-queue.ts) through SMTP, one row at a time:
 *
 * 1. claim: `status` queued → sending with `claimed_at`, in one conditional UPDATE, so no other
 *    sender (or a second loop in this process) can take the same row;
 * 2. hand it to the SMTP server;
 * 3. mark it sent at once, in its own tiny write.
 *
 * "Never lost": a row exists before anything is sent, and a claim older than CLAIM_EXPIRY_MS is
 * queued again (the process died holding it). "Never twice" has one unavoidable window: the SMTP
 * server accepted the message and the process died before step 3 committed. That window is one
 * SQLite commit long; the message then goes again after the claim expires, with the same Message-ID
 * (derived from the dedupe key), so receiving servers and clients can drop the copy. The SMTP
 * timeouts are well below the claim expiry, so a live sender never has its claim taken over.
 */

/** After a failed attempt: 1 min, 5 min, 30 min, 2 h; the fifth failure marks the row failed. */
export const RETRY_DELAYS_MS = [60_000, 5 * 60_000, 30 * 60_000, 2 * 60 * 60_000] as const;
/** A claim this old belongs to a process that died while sending. */
export const CLAIM_EXPIRY_MS = 3 * 60_000;
const SMTP_TIMEOUT_MS = 60_000;

export interface MailTransport {
  sendMail(message: SendMailOptions): Promise<unknown>;
  close?(): void;
}

export function smtpTransport(smtpUrl: string): MailTransport {
  return nodemailer.createTransport({
    url: smtpUrl,
    connectionTimeout: SMTP_TIMEOUT_MS,
    greetingTimeout: SMTP_TIMEOUT_MS,
    socketTimeout: SMTP_TIMEOUT_MS,
  } as SMTPTransport.Options);
}

/** A stable Message-ID per dedupe key: a message sent again after a crash is recognisably the same one. */
export function messageIdFor(dedupeKey: string, from: string): string {
  const domain = /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? "samverkan.invalid";
  return `<${createHash("sha256").update(dedupeKey).digest("hex").slice(0, 40)}@${domain}>`;
}

type OutboxRow = typeof mailOutbox.$inferSelect;

/** Claims the next due row, or null when none is due. */
export function claimNextMail(db: Db, now: Date): OutboxRow | null {
  const at = now.toISOString();
  const expired = new Date(now.getTime() - CLAIM_EXPIRY_MS).toISOString();
  const due = or(
    and(eq(mailOutbox.status, "queued"), lte(mailOutbox.nextAttemptAt, at)),
    and(eq(mailOutbox.status, "sending"), lt(mailOutbox.claimedAt, expired)),
  );
  for (;;) {
    const candidate = db.select({ id: mailOutbox.id }).from(mailOutbox).where(due).orderBy(asc(mailOutbox.nextAttemptAt), asc(mailOutbox.id)).limit(1).get();
    if (!candidate) return null;
    // Conditional on still being due: of two senders racing for a row, exactly one gets changes = 1.
    const claimed = db
      .update(mailOutbox)
      .set({ status: "sending", claimedAt: at, attempts: sql`${mailOutbox.attempts} + 1` })
      .where(and(eq(mailOutbox.id, candidate.id), due))
      .returning()
      .get();
    if (claimed) return claimed;
  }
}

/** Sends one claimed row and records the outcome. */
export async function deliver(db: Db, transport: MailTransport, from: string, row: OutboxRow, clock: () => Date): Promise<"sent" | "retry" | "failed"> {
  try {
    await transport.sendMail({
      from,
      to: row.toAddress,
      subject: row.subject,
      text: row.text,
      html: row.html,
      messageId: messageIdFor(row.dedupeKey, from),
      ...(row.ics ? { icalEvent: { method: /^METHOD:(\w+)/m.exec(row.ics)?.[1] ?? "REQUEST", filename: "kallelse.ics", content: row.ics } } : {}),
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const delay = RETRY_DELAYS_MS[row.attempts - 1];
    const status = delay === undefined ? "failed" : "queued";
    db.update(mailOutbox)
      .set({
        status,
        claimedAt: null,
        lastError: message.slice(0, 1000),
        nextAttemptAt: new Date(clock().getTime() + (delay ?? 0)).toISOString(),
      })
      .where(eq(mailOutbox.id, row.id))
      .run();
    return status === "failed" ? "failed" : "retry";
  }
  // The at-least-once window is this one commit: keep nothing between the SMTP accept and it.
  db.update(mailOutbox).set({ status: "sent", sentAt: clock().toISOString(), claimedAt: null }).where(eq(mailOutbox.id, row.id)).run();
  return "sent";
}

/** Sends every due row, one at a time; returns how many were handled. */
export async function sendDueMails(db: Db, transport: MailTransport, from: string, clock: () => Date = () => new Date()): Promise<number> {
  let handled = 0;
  for (let row = claimNextMail(db, clock()); row; row = claimNextMail(db, clock())) {
    await deliver(db, transport, from, row, clock);
    handled++;
  }
  return handled;
}

export interface MailSenderOptions {
  transport: MailTransport;
  from: string;
  pollIntervalMs: number;
  clock?: () => Date;
}

/**
 * The sending loop: runs at start, whenever a mail is queued in this process (the waker registered
 * with mail-queue.ts, called after the queueing transaction), and every pollIntervalMs for retries
 * and rows queued by other processes (the CLI).
 */
export function startMailSender(db: Db, options: MailSenderOptions): { stop: () => Promise<void> } {
  const clock = options.clock ?? (() => new Date());
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;
  const run = () => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = sendDueMails(db, options.transport, options.from, clock)
      .then(() => undefined)
      .catch((error) => console.error("mail: the sender failed", error))
      .finally(() => {
        running = null;
        if (again) {
          again = false;
          run();
        }
      });
  };
  setMailWaker(() => setImmediate(run));
  const first = setTimeout(run, 0);
  const timer = setInterval(run, options.pollIntervalMs);
  timer.unref();
  return {
    stop: async () => {
      stopped = true;
      setMailWaker(null);
      clearTimeout(first);
      clearInterval(timer);
      await running;
      options.transport.close?.();
    },
  };
}
