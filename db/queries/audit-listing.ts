import { desc, eq, inArray, lt } from "drizzle-orm";
import type { Db } from "../client";
import { actionItems, agreements, auditLog, decisions, groups, meetings, organisations, people } from "../schema";
import { assertAdmin } from "./errors";
import type { Viewer } from "./sessions";
import { paragraphLabel } from "../domain/labels";

/*
 * The audit log as administrators read it (/admin/handelselogg): a page of
 * entries with the names of who acted and of what each entry is about.
 * Writing and verifying the log is audit.ts.
 */

/** Entries per page of the administration's audit log. */
export const AUDIT_PAGE_SIZE = 50;

/** What an entry is about, named for people: a meeting, a decision, a group, a person, an uppdrag, an agreement or an organisation. */
export interface AuditSubject {
  kind: "meeting" | "decision" | "group" | "person" | "action_item" | "agreement" | "organisation" | "other";
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
  // Each entry's subject, and the person an attendance or membership entry is about, named in one lookup for the page.
  const page = rows.slice(0, AUDIT_PAGE_SIZE).map((row) => {
    const payload = JSON.parse(row.payload) as Record<string, unknown>;
    return { ...row, payload, parsedSubject: parseSubject(row.subject), personId: typeof payload.personId === "number" ? payload.personId : null };
  });
  const names = subjectNames(db, [...page.map((row) => row.parsedSubject), ...page.map((row) => ({ kind: "person" as const, id: row.personId }))]);
  const nameOf = (kind: AuditSubject["kind"], id: number | null) => (id === null ? undefined : names.get(`${kind}:${id}`));
  return {
    entries: page.map(({ parsedSubject: { kind, id }, personId, ...row }) => ({
      ...row,
      subject: { kind, id, name: null, startsAt: null, meetingId: null, ...nameOf(kind, id), stored: row.subject } satisfies AuditSubject,
      personName: nameOf("person", personId)?.name ?? null,
    })),
    /** Where the next, older page starts; null on the last page. */
    olderBefore: rows.length > AUDIT_PAGE_SIZE ? page[page.length - 1].id : null,
  };
}

function parseSubject(subject: string): { kind: AuditSubject["kind"]; id: number | null } {
  const match = /^(meeting|decision|group|person|action_item|agreement|organisation):(\d+)$/.exec(subject);
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
    for (const row of rows) names.set(`decision:${row.id}`, { name: `${paragraphLabel(row.number, row.year)} ${row.title}`, meetingId: row.meetingId });
  }
  const simple = [
    ["group", groups, groups.name],
    ["person", people, people.name],
    ["action_item", actionItems, actionItems.title],
    ["agreement", agreements, agreements.title],
    ["organisation", organisations, organisations.name],
  ] as const;
  for (const [kind, table, column] of simple) {
    const wanted = ids(kind);
    if (wanted.length === 0) continue;
    const rows = db.select({ id: table.id, name: column }).from(table).where(inArray(table.id, wanted)).all();
    for (const row of rows) names.set(`${kind}:${row.id}`, { name: row.name });
  }
  return names;
}
