import { createHash, randomBytes } from "node:crypto";
import { and, asc, eq, gte, inArray } from "drizzle-orm";
import type { Db } from "../client";
import { groups, meetings, memberships, people } from "../schema";
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
  db.update(people).set({ calendarTokenHash: hash(token) }).where(eq(people.id, viewer.id)).run();
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
  const person = db.select({ id: people.id, active: people.active }).from(people).where(eq(people.calendarTokenHash, hash(token))).get();
  if (!person?.active) return null;
  const groupIds = db.select({ id: memberships.groupId }).from(memberships).where(eq(memberships.personId, person.id)).all().map((m) => m.id);
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
