import { createHash } from "node:crypto";
import { and, asc, desc, eq, gt, inArray, lt, max } from "drizzle-orm";
import type { Db } from "../client";
import { actionItems, auditLog, decisions, groups, meetings, people } from "../schema";
import { nowIso } from "../time";
import { assertAdmin } from "./errors";
import type { Viewer } from "./sessions";

/** Every kind of entry the log holds; the administration page has a Swedish label for each. */
export const auditActions = [
  "agenda.item_added",
  "agenda.item_changed",
  "agenda.item_moved",
  "agenda.item_removed",
  "attendance.member",
  "attendance.guest_added",
  "attendance.guest",
  "meeting.status",
  "decision.adopted",
  "decision.approved_immediately",
  "minutes.approved",
  "minutes.locked",
  "minutes.addendum",
  "protocol.stored",
  "action_item.status",
  "membership.added",
  "membership.removed",
  "person.activated",
  "person.deactivated",
  "group.changed",
] as const;
export type AuditAction = (typeof auditActions)[number];

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
export function appendAudit(
  db: Db,
  entry: { actorId: number | null; action: AuditAction; subject: string; payload: unknown },
  now = new Date(),
): string {
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
  db.insert(auditLog).values({ ...row, hash }).run();
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
export const accessLosingActions: AuditAction[] = ["membership.removed", "person.deactivated", "group.changed"];

/** The newest audit entry's id (0 when the log is empty). */
export function latestAuditId(db: Db): number {
  return db.select({ id: max(auditLog.id) }).from(auditLog).get()?.id ?? 0;
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

/** Entries per page of the administration's audit log. */
export const AUDIT_PAGE_SIZE = 50;

/** What an entry is about, named for people: a meeting, a decision, a group, a person or an uppdrag. */
export interface AuditSubject {
  kind: "meeting" | "decision" | "group" | "person" | "action_item" | "other";
  id: number | null;
  /** The group's name, the person's name, the uppdrag's title; for a meeting its group's name; for a decision "§ 2/2026 Title". */
  name: string | null;
  /** For a meeting: when it starts. */
  startsAt: string | null;
  /** For a decision: the meeting that took it. */
  meetingId: number | null;
  /** As stored ("meeting:12"). */
  stored: string;
}

/**
 * The audit log for administrators, newest first, one page at a time
 * (`before`: the id the previous page ended at), with the actor's and the
 * subject's names looked up for the page.
 */
export function listAuditEntries(db: Db, viewer: Viewer, before?: number) {
  assertAdmin(viewer);
  const rows = db
    .select({ id: auditLog.id, at: auditLog.at, action: auditLog.action, subject: auditLog.subject, payload: auditLog.payload, actorName: people.name })
    .from(auditLog)
    .leftJoin(people, eq(people.id, auditLog.actorId))
    .where(before === undefined ? undefined : lt(auditLog.id, before))
    .orderBy(desc(auditLog.id))
    .limit(AUDIT_PAGE_SIZE + 1)
    .all();
  const page = rows.slice(0, AUDIT_PAGE_SIZE);
  const subjects = subjectNames(db, page.map((row) => parseSubject(row.subject)));
  return {
    entries: page.map((row) => {
      const { kind, id } = parseSubject(row.subject);
      const named = id === null ? undefined : subjects.get(`${kind}:${id}`);
      const subject: AuditSubject = { kind, id, name: null, startsAt: null, meetingId: null, ...named, stored: row.subject };
      return { ...row, subject };
    }),
    /** Where the next, older page starts; null on the last page. */
    olderBefore: rows.length > AUDIT_PAGE_SIZE ? page[page.length - 1].id : null,
  };
}

function parseSubject(subject: string): { kind: AuditSubject["kind"]; id: number | null } {
  const match = /^(meeting|decision|group|person|action_item):(\d+)$/.exec(subject);
  return match ? { kind: match[1] as AuditSubject["kind"], id: Number(match[2]) } : { kind: "other", id: null };
}

/** Names of the subjects of one page, in one query per kind. */
function subjectNames(db: Db, subjects: { kind: AuditSubject["kind"]; id: number | null }[]) {
  const ids = (kind: AuditSubject["kind"]) => [...new Set(subjects.filter((s) => s.kind === kind && s.id !== null).map((s) => s.id!))];
  const names = new Map<string, Partial<Pick<AuditSubject, "name" | "startsAt" | "meetingId">>>();
  const meetingIds = ids("meeting");
  if (meetingIds.length > 0) {
    const rows = db
      .select({ id: meetings.id, name: groups.name, startsAt: meetings.startsAt })
      .from(meetings)
      .innerJoin(groups, eq(groups.id, meetings.groupId))
      .where(inArray(meetings.id, meetingIds))
      .all();
    for (const row of rows) names.set(`meeting:${row.id}`, { name: row.name, startsAt: row.startsAt });
  }
  const decisionIds = ids("decision");
  if (decisionIds.length > 0) {
    const rows = db
      .select({ id: decisions.id, number: decisions.number, year: decisions.year, title: decisions.title, meetingId: decisions.meetingId })
      .from(decisions)
      .where(inArray(decisions.id, decisionIds))
      .all();
    for (const row of rows) names.set(`decision:${row.id}`, { name: `§ ${row.number}/${row.year} ${row.title}`, meetingId: row.meetingId });
  }
  const simple = [
    ["group", groups, groups.name],
    ["person", people, people.name],
    ["action_item", actionItems, actionItems.title],
  ] as const;
  for (const [kind, table, column] of simple) {
    const wanted = ids(kind);
    if (wanted.length === 0) continue;
    const rows = db.select({ id: table.id, name: column }).from(table).where(inArray(table.id, wanted)).all();
    for (const row of rows) names.set(`${kind}:${row.id}`, { name: row.name });
  }
  return names;
}

export function latestAuditHash(db: Db): string | null {
  return db.select({ hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.id)).limit(1).get()?.hash ?? null;
}

/** Recomputes the chain; reports the first entry whose content or link does not match. */
export function verifyAuditChain(db: Db): { ok: true; entries: number } | { ok: false; entryId: number; reason: "link" | "content"; problem: string } {
  let prevHash = GENESIS_HASH;
  const rows = db.select().from(auditLog).orderBy(asc(auditLog.id)).all();
  for (const row of rows) {
    if (row.prevHash !== prevHash) return { ok: false, entryId: row.id, reason: "link", problem: "link to the previous entry is broken (an entry was removed or reordered)" };
    if (entryHash(row) !== row.hash) return { ok: false, entryId: row.id, reason: "content", problem: "content does not match its hash (the entry was changed)" };
    prevHash = row.hash;
  }
  return { ok: true, entries: rows.length };
}
