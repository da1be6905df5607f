import { desc, eq } from "drizzle-orm";
import type { Db } from "../client";
import { mailOutbox } from "../schema";
import { assertAdmin } from "./errors";
import type { Viewer } from "./sessions";

const OUTBOX_PAGE_SIZE = 200;

/** The outbox for administrators: the newest messages first, whatever their status (without SMTP they stay queued). */
export function listOutbox(db: Db, viewer: Viewer) {
  assertAdmin(viewer);
  return db
    .select({
      id: mailOutbox.id,
      kind: mailOutbox.kind,
      to: mailOutbox.toAddress,
      subject: mailOutbox.subject,
      status: mailOutbox.status,
      attempts: mailOutbox.attempts,
      lastError: mailOutbox.lastError,
      createdAt: mailOutbox.createdAt,
      sentAt: mailOutbox.sentAt,
      hasIcs: mailOutbox.ics,
    })
    .from(mailOutbox)
    .orderBy(desc(mailOutbox.id))
    .limit(OUTBOX_PAGE_SIZE)
    .all()
    .map((row) => ({ ...row, hasIcs: row.hasIcs !== null }));
}

/** One message with its text and calendar attachment, for reading in the outbox. */
export function getOutboxMail(db: Db, viewer: Viewer, id: number) {
  assertAdmin(viewer);
  return db.select().from(mailOutbox).where(eq(mailOutbox.id, id)).get() ?? null;
}
