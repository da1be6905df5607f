import { createHash } from "node:crypto";
import { and, asc, desc, gt, inArray, max } from "drizzle-orm";
import type { Db } from "../client";
import { auditLog } from "../schema";
import { nowIso } from "../time";
import type { AuditAction } from "../domain/enums";
import type { Viewer } from "./sessions";

/** The hash the first entry chains from. */
export const GENESIS_HASH = "0".repeat(64);

interface AuditEntry {
  at: string;
  actorId: number | null;
  action: string;
  subject: string;
  payload: string;
  prevHash: string;
}

function entryHash(entry: AuditEntry): string {
  // A fixed field order, so the same entry always hashes the same.
  const canonical = JSON.stringify([entry.at, entry.actorId, entry.action, entry.subject, entry.payload, entry.prevHash]);
  return createHash("sha256").update(canonical).digest("hex");
}

/**
 * Appends an entry whose hash covers its content and the previous entry's hash.
 * Call inside the transaction that makes the change it records.
 */
export function appendAudit(db: Db, entry: { actorId: number | null; action: AuditAction; subject: string; payload: unknown }, now = new Date()): string {
  const prevHash = db.select({ hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.id)).limit(1).get()?.hash ?? GENESIS_HASH;
  const row: AuditEntry = {
    at: nowIso(now),
    actorId: entry.actorId,
    action: entry.action,
    subject: entry.subject,
    payload: JSON.stringify(entry.payload),
    prevHash,
  };
  const hash = entryHash(row);
  db.insert(auditLog)
    .values({ ...row, hash })
    .run();
  return hash;
}

/** The actor to record for a viewer: the command-line operator (id 0) is nobody's account and is recorded as null. */
export function auditActorId(viewer: Viewer): number | null {
  return viewer.id > 0 ? viewer.id : null;
}

/**
 * Audit actions after which people may have lost access to what they have
 * open. The collaboration server watches for them, so a change made by
 * another process (the admin CLI) also reaches open documents.
 */
export const accessLosingActions: AuditAction[] = [
  "membership.removed",
  "person.deactivated",
  "person.password_changed",
  "person.own_password_changed",
  "person.password_reset",
  "person.sessions_ended",
  "group.changed",
  "meeting.share_revoked",
];

/** The newest audit entry's id (0 when the log is empty). */
export function latestAuditId(db: Db): number {
  return (
    db
      .select({ id: max(auditLog.id) })
      .from(auditLog)
      .get()?.id ?? 0
  );
}

/** Whether any entry after `afterId` records an access-losing change. */
export function accessLostSince(db: Db, afterId: number): boolean {
  const row = db
    .select({ id: auditLog.id })
    .from(auditLog)
    .where(and(gt(auditLog.id, afterId), inArray(auditLog.action, accessLosingActions)))
    .limit(1)
    .get();
  return row !== undefined;
}

export function latestAuditHash(db: Db): string | null {
  return db.select({ hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.id)).limit(1).get()?.hash ?? null;
}

/** Recomputes the chain; reports the first entry whose content or link does not match. */
export function verifyAuditChain(db: Db): { ok: true; entries: number } | { ok: false; entryId: number; reason: "link" | "content"; problem: string } {
  let prevHash = GENESIS_HASH;
  const rows = db.select().from(auditLog).orderBy(asc(auditLog.id)).all();
  for (const row of rows) {
    if (row.prevHash !== prevHash)
      return { ok: false, entryId: row.id, reason: "link", problem: "link to the previous entry is broken (an entry was removed or reordered)" };
    if (entryHash(row) !== row.hash)
      return { ok: false, entryId: row.id, reason: "content", problem: "content does not match its hash (the entry was changed)" };
    prevHash = row.hash;
  }
  return { ok: true, entries: rows.length };
}
