import type { Db } from "../client";
import type { NotificationKind } from "../domain/enums";
import { mailOutbox } from "../schema";

export interface QueuedMail {
  kind: NotificationKind;
  personId: number | null;
  to: string;
  subject: string;
  text: string;
  html: string;
  ics?: string | null;
  /** The same key queued twice is one message: e.g. "kallelse:<meetingId>:<personId>:<version>". */
  dedupeKey: string;
}

/**
 * Queues an e-mail inside the caller's write transaction, so the message exists exactly when what it
 * tells about was committed. Sending is the mail sender's work (server side), never the caller's.
 * Returns false when a message with the same key was queued before.
 */
export function enqueueMail(tx: Db, mail: QueuedMail, now = new Date()): boolean {
  const at = now.toISOString();
  const result = tx
    .insert(mailOutbox)
    .values({
      kind: mail.kind,
      personId: mail.personId,
      toAddress: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      ics: mail.ics ?? null,
      dedupeKey: mail.dedupeKey,
      nextAttemptAt: at,
      createdAt: at,
    })
    .onConflictDoNothing({ target: mailOutbox.dedupeKey })
    .run();
  if (result.changes > 0) wakeMailSender();
  return result.changes > 0;
}

// The sender (server/mail/sender.ts) registers here to be woken when this process queues a mail.
// On globalThis, as the Remix bundle has its own copy of db/ (like the database handle).
const wakerKey = "__samverkanMailWaker";
type WithWaker = typeof globalThis & { [wakerKey]?: () => void };

export function setMailWaker(wake: (() => void) | null): void {
  (globalThis as WithWaker)[wakerKey] = wake ?? undefined;
}

/** The waker defers its work (setImmediate), so the sender looks only after the queueing transaction committed. */
function wakeMailSender(): void {
  (globalThis as WithWaker)[wakerKey]?.();
}
