import { createHash, randomBytes } from "node:crypto";
import { and, eq, gt, lte } from "drizzle-orm";
import type { Db } from "../client";
import { people, sessions } from "../schema";
import { nowIso } from "../time";

/** Sessions end 12 hours after login: a working day with margin, not a week on a shared computer. */
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

export interface Viewer {
  id: number;
  name: string;
  email: string;
  isAdmin: boolean;
}

function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Starts a session and returns the token for the cookie; only its hash is stored. */
export function createSession(db: Db, personId: number, now = new Date()): string {
  // Logins are rare enough to also sweep out sessions that have expired.
  deleteExpiredSessions(db, now);
  const token = randomBytes(32).toString("base64url");
  db.insert(sessions)
    .values({
      tokenHash: hashToken(token),
      personId,
      createdAt: nowIso(now),
      expiresAt: nowIso(new Date(now.getTime() + SESSION_TTL_MS)),
    })
    .run();
  return token;
}

/** The active person behind a session token, or null when it is unknown, expired or deactivated. */
export function findSessionViewer(db: Db, token: string, now = new Date()): Viewer | null {
  const row = db
    .select({ id: people.id, name: people.name, email: people.email, isAdmin: people.isAdmin })
    .from(sessions)
    .innerJoin(people, eq(people.id, sessions.personId))
    .where(and(eq(sessions.tokenHash, hashToken(token)), gt(sessions.expiresAt, nowIso(now)), eq(people.active, true)))
    .get();
  return row ?? null;
}

export function deleteSession(db: Db, token: string): void {
  db.delete(sessions).where(eq(sessions.tokenHash, hashToken(token))).run();
}

/** Ends every session of a person (logout everywhere, deactivation). */
export function deleteSessionsOfPerson(db: Db, personId: number): void {
  db.delete(sessions).where(eq(sessions.personId, personId)).run();
}

export function deleteExpiredSessions(db: Db, now = new Date()): void {
  db.delete(sessions).where(lte(sessions.expiresAt, nowIso(now))).run();
}
