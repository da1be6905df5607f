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
  return result.changes > 0;
}
