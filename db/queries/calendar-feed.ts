import { createHash, randomBytes } from "node:crypto";
import { and, asc, count, eq, gte, inArray } from "drizzle-orm";
import type { Db } from "../client";
import { auditLog, groups, meetings, memberships, people } from "../schema";
import type { Viewer } from "./sessions";

function hash(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/**
 * Creates (or replaces) the secret token of a person's calendar feed and
 * returns it; only its hash is stored, so the link is shown once.
 */
export function renewCalendarToken(db: Db, viewer: Viewer): string {
  const token = randomBytes(24).toString("base64url");
  db.update(people)
    .set({ calendarTokenHash: hash(token) })
    .where(eq(people.id, viewer.id))
    .run();
  return token;
}

export function hasCalendarToken(db: Db, viewer: Viewer): boolean {
  return Boolean(db.select({ h: people.calendarTokenHash }).from(people).where(eq(people.id, viewer.id)).get()?.h);
}

/**
 * The meetings of every group a person belongs to, from 90 days back, for the
 * feed behind `token`; null for an unknown token or a deactivated person.
 */
export function calendarFeedMeetings(db: Db, token: string, now = new Date()) {
  const person = db
    .select({ id: people.id, active: people.active })
    .from(people)
    .where(eq(people.calendarTokenHash, hash(token)))
    .get();
  if (!person?.active) return null;
  const groupIds = db
    .select({ id: memberships.groupId })
    .from(memberships)
    .where(eq(memberships.personId, person.id))
    .all()
    .map((m) => m.id);
  if (groupIds.length === 0) return [];
  const since = new Date(now.getTime() - 90 * 24 * 60 * 60 * 1000).toISOString();
  return db
    .select({
      id: meetings.id,
      title: meetings.title,
      groupName: groups.name,
      startsAt: meetings.startsAt,
      endsAt: meetings.endsAt,
      location: meetings.location,
      videoLink: meetings.videoLink,
      status: meetings.status,
    })
    .from(meetings)
    .innerJoin(groups, eq(groups.id, meetings.groupId))
    .where(and(inArray(meetings.groupId, groupIds), gte(meetings.startsAt, since)))
    .orderBy(asc(meetings.startsAt))
    .all();
}

/**
 * Each meeting with its iCalendar SEQUENCE: how many times it was moved or cancelled after it was
 * called (RFC 5545 §3.8.7.4). A calendar replaces its copy of an event only by a higher SEQUENCE,
 * so without it a moved meeting stays at its old time in people's calendars.
 */
export function withCalendarSequence<M extends { id: number }>(db: Db, list: M[]): (M & { sequence: number })[] {
  if (list.length === 0) return [];
  const subjects = list.map((m) => `meeting:${m.id}`);
  const rows = db
    .select({ subject: auditLog.subject, n: count() })
    .from(auditLog)
    .where(and(inArray(auditLog.subject, subjects), inArray(auditLog.action, ["meeting.edited", "meeting.cancelled"])))
    .groupBy(auditLog.subject)
    .all();
  const revisions = new Map(rows.map((row) => [row.subject, row.n]));
  return list.map((m) => ({ ...m, sequence: revisions.get(`meeting:${m.id}`) ?? 0 }));
}
