import { createHash, randomBytes } from "node:crypto";
import { and, desc, eq, gt, lte, ne } from "drizzle-orm";
import { type Db, writeTransaction } from "../client";
import { liveEvents } from "../live-events";
import { people, sessions } from "../schema";
import { hasSecondFactor } from "../domain/totp";
import { nowIso } from "../time";
import { appendAudit } from "./audit";

/** Sessions end 12 hours after login: a working day with margin, not a week on a shared computer. */
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

export interface Viewer {
  id: number;
  name: string;
  email: string;
  isAdmin: boolean;
}

/** What the sessions table stores of a token; open connections remember it to find out when their session ends. */
export function sessionTokenHash(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Enough of a User-Agent to recognise the browser; the rest is only bulk in the table. */
export const USER_AGENT_MAX_LENGTH = 200;

/**
 * Starts a session and returns the token for the cookie; only its hash is stored. `authMethod` says how
 * the person logged in ("password", "password+totp", "oidc:stad+recovery"): administration needs a
 * second factor (db/domain/totp.ts `hasSecondFactor`).
 */
export function createSession(db: Db, personId: number, now = new Date(), userAgent: string | null = null, authMethod: string | null = null): string {
  // Logins are rare enough to also sweep out sessions that have expired.
  deleteExpiredSessions(db, now);
  const token = randomBytes(32).toString("base64url");
  db.insert(sessions)
    .values({
      tokenHash: sessionTokenHash(token),
      personId,
      createdAt: nowIso(now),
      expiresAt: nowIso(new Date(now.getTime() + SESSION_TTL_MS)),
      userAgent: userAgent ? userAgent.slice(0, USER_AGENT_MAX_LENGTH) : null,
      authMethod,
    })
    .run();
  return token;
}

/** The active person behind a session token, or null when it is unknown, expired or deactivated. */
export function findSessionViewer(db: Db, token: string, now = new Date()): Viewer | null {
  return findSession(db, token, now)?.viewer ?? null;
}

/**
 * The viewer and the stored hash of their session, for connections that must end with it. An
 * administrator is one only in a session that ended with a second factor: otherwise the viewer is an
 * ordinary member, and `adminWithoutSecondFactor` lets the administration pages say why.
 */
export function findSession(db: Db, token: string, now = new Date()): { viewer: Viewer; tokenHash: string; adminWithoutSecondFactor: boolean } | null {
  const tokenHash = sessionTokenHash(token);
  const row = db
    .select({ id: people.id, name: people.name, email: people.email, isAdmin: people.isAdmin, authMethod: sessions.authMethod })
    .from(sessions)
    .innerJoin(people, eq(people.id, sessions.personId))
    .where(liveSession(tokenHash, now))
    .get();
  if (!row) return null;
  const { authMethod, isAdmin, ...person } = row;
  const secondFactor = hasSecondFactor(authMethod);
  return { viewer: { ...person, isAdmin: isAdmin && secondFactor }, tokenHash, adminWithoutSecondFactor: isAdmin && !secondFactor };
}

/** Whether a session still lets its person in: not logged out, not expired, the account active. */
export function isSessionLive(db: Db, tokenHash: string, now = new Date()): boolean {
  const row = db
    .select({ personId: sessions.personId })
    .from(sessions)
    .innerJoin(people, eq(people.id, sessions.personId))
    .where(liveSession(tokenHash, now))
    .get();
  return row !== undefined;
}

/** The condition for a session row joined with its person: known, not expired, the account active. */
function liveSession(tokenHash: string, now: Date) {
  return and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, nowIso(now)), eq(people.active, true));
}

/** Logout: the session ends, and so do the live documents and event streams it opened. */
export function deleteSession(db: Db, token: string): void {
  db.delete(sessions)
    .where(eq(sessions.tokenHash, sessionTokenHash(token)))
    .run();
  liveEvents().emit("sessionsChanged");
}

/** Ends every session of a person (logout everywhere, deactivation). */
export function deleteSessionsOfPerson(db: Db, personId: number): void {
  db.delete(sessions).where(eq(sessions.personId, personId)).run();
}

/** The viewer's own unexpired sessions, newest first; `current` marks the one the request came with. */
export function listOwnSessions(db: Db, viewer: Viewer, currentTokenHash: string, now = new Date()) {
  return db
    .select({ tokenHash: sessions.tokenHash, createdAt: sessions.createdAt, expiresAt: sessions.expiresAt, userAgent: sessions.userAgent })
    .from(sessions)
    .where(and(eq(sessions.personId, viewer.id), gt(sessions.expiresAt, nowIso(now))))
    .orderBy(desc(sessions.createdAt))
    .all()
    .map(({ tokenHash, ...session }) => ({ ...session, current: tokenHash === currentTokenHash }));
}

/**
 * "Log out everywhere" (`keep` null) or "log out the others" (`keep` the current session's hash):
 * open editors and event streams of the ended sessions close at once.
 */
export function endOwnSessions(db: Db, viewer: Viewer, keep: string | null, now = new Date()): void {
  writeTransaction(db, (tx) => {
    tx.delete(sessions)
      .where(keep ? and(eq(sessions.personId, viewer.id), ne(sessions.tokenHash, keep)) : eq(sessions.personId, viewer.id))
      .run();
    appendAudit(tx, { actorId: viewer.id, action: "person.sessions_ended", subject: `person:${viewer.id}`, payload: { keptCurrent: keep !== null } }, now);
  });
  liveEvents().emit("sessionsChanged");
}

export function deleteExpiredSessions(db: Db, now = new Date()): void {
  db.delete(sessions)
    .where(lte(sessions.expiresAt, nowIso(now)))
    .run();
}
