import { createHash, randomBytes } from "node:crypto";
import { and, count, eq, gt, isNull } from "drizzle-orm";
import { type Db, writeTransaction } from "../client";
import { invitationMail, passwordResetMail, providerInvitationMail, unusableLinkMessage } from "../domain/account-mails";
import type { AccountTokenPurpose } from "../domain/enums";
import { liveEvents } from "../live-events";
import { accountTokens, loginFailures, people } from "../schema";
import { nowIso } from "../time";
import { appendAudit, auditActorId } from "./audit";
import { assertAdmin, ConflictError, NotFoundError } from "./errors";
import { enqueueMail } from "./mail-queue";
import { auditPersonCreated, insertPerson, type NewPerson, normaliseEmail, passwordLoginAllowed } from "./people";
import { deleteSessionsOfPerson, type Viewer } from "./sessions";

/** Long enough to find the mail, short enough that a forgotten inbox tab is no standing key. */
export const RESET_TOKEN_TTL_MS = 30 * 60 * 1000;
/** An invitation waits a week: people are away, and the administrator can send a new one. */
export const INVITE_TOKEN_TTL_MS = 7 * 24 * 60 * 60 * 1000;
/** Reset requests per e-mail address an hour (a mailbox must not be flooded) and per client address. */
export const RESET_REQUESTS_PER_EMAIL = 3;
export const RESET_REQUESTS_PER_ADDRESS = 20;
const RESET_REQUEST_MEMORY_MS = 60 * 60 * 1000;

const ttlOf: Record<AccountTokenPurpose, number> = { reset: RESET_TOKEN_TTL_MS, invite: INVITE_TOKEN_TTL_MS };
const pathOf: Record<AccountTokenPurpose, string> = { reset: "aterstall", invite: "inbjudan" };

/** What account_tokens stores of a token: the link alone can use it, a copy of the database cannot. */
export function accountTokenHash(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/**
 * A new one-time token for the person; their earlier unused tokens of the same purpose stop working,
 * so only the newest mail's link does. Call inside a write transaction. Returns the token for the link.
 */
function issueAccountToken(
  tx: Db,
  input: { personId: number; purpose: AccountTokenPurpose; createdBy: number | null },
  now: Date,
): { token: string; id: number } {
  tx.update(accountTokens)
    .set({ expiresAt: nowIso(now) })
    .where(
      and(
        eq(accountTokens.personId, input.personId),
        eq(accountTokens.purpose, input.purpose),
        isNull(accountTokens.usedAt),
        gt(accountTokens.expiresAt, nowIso(now)),
      ),
    )
    .run();
  const token = randomBytes(32).toString("base64url");
  const row = tx
    .insert(accountTokens)
    .values({
      personId: input.personId,
      purpose: input.purpose,
      tokenHash: accountTokenHash(token),
      createdAt: nowIso(now),
      expiresAt: nowIso(new Date(now.getTime() + ttlOf[input.purpose])),
      createdBy: input.createdBy,
    })
    .returning({ id: accountTokens.id })
    .get();
  return { token, id: row.id };
}

function linkFor(origin: string, purpose: AccountTokenPurpose, token: string): string {
  return `${origin}/${pathOf[purpose]}/${token}`;
}

/**
 * Reset requests are counted in login_failures under keys no login uses ("reset:" + e-mail or
 * client address), so they share its pruning but never slow down a login. The count is the same
 * whether or not the address has an account.
 */
function reserveResetRequest(tx: Db, email: string, address: string, now: Date): boolean {
  const since = nowIso(new Date(now.getTime() - RESET_REQUEST_MEMORY_MS));
  const recent = (column: typeof loginFailures.email | typeof loginFailures.address, key: string) =>
    tx
      .select({ n: count() })
      .from(loginFailures)
      .where(and(eq(column, key), gt(loginFailures.at, since)))
      .get()!.n;
  const emailKey = `reset:${email}`;
  const addressKey = `reset:${address}`;
  if (recent(loginFailures.email, emailKey) >= RESET_REQUESTS_PER_EMAIL || recent(loginFailures.address, addressKey) >= RESET_REQUESTS_PER_ADDRESS)
    return false;
  tx.insert(loginFailures)
    .values({ email: emailKey, address: addressKey, deviceHash: null, at: nowIso(now) })
    .run();
  return true;
}

export type ResetRequestResult = "answered" | "throttled";

/**
 * "Forgot password": queues a one-time link to an active account with this e-mail address. The
 * answer is "answered" whether or not such an account exists (no account enumeration); only the
 * throttle, which counts every request alike, can say "throttled".
 */
export function requestPasswordReset(db: Db, input: { email: string; address: string; origin: string }, now = new Date()): ResetRequestResult {
  const email = normaliseEmail(input.email);
  return writeTransaction(db, (tx) => {
    if (!reserveResetRequest(tx, email, input.address, now)) return "throttled";
    const person = tx
      .select({ id: people.id, name: people.name, email: people.email, active: people.active })
      .from(people)
      .where(eq(people.email, email))
      .get();
    // No link either for someone whose organisation signs in through its identity provider only.
    if (!person?.active || !passwordLoginAllowed(tx, person.id)) return "answered";
    const { token, id } = issueAccountToken(tx, { personId: person.id, purpose: "reset", createdBy: null }, now);
    const content = passwordResetMail({ name: person.name, link: linkFor(input.origin, "reset", token), validMinutes: RESET_TOKEN_TTL_MS / 60_000 });
    enqueueMail(tx, { kind: "account", personId: person.id, to: person.email, ...content, dedupeKey: `account:reset:${id}` }, now);
    appendAudit(tx, { actorId: null, action: "person.password_reset_requested", subject: `person:${person.id}`, payload: {} }, now);
    return "answered";
  });
}

/** Sends a person an invitation: a one-time link where they choose their password. Administrators only. */
export function invitePerson(db: Db, viewer: Viewer, personId: number, origin: string, now = new Date()): void {
  assertAdmin(viewer);
  writeTransaction(db, (tx) => queueInvitation(tx, viewer, personId, origin, now));
}

/** Adds a person without a password and invites them, in one transaction: the invitation exists exactly when the person does. */
export function createPersonWithInvitation(db: Db, viewer: Viewer, person: Omit<NewPerson, "passwordHash">, origin: string, now = new Date()): number {
  assertAdmin(viewer);
  return writeTransaction(db, (tx) => {
    const id = insertPerson(tx, { ...person, passwordHash: null }, now);
    auditPersonCreated(tx, viewer, id, person, false, now);
    queueInvitation(tx, viewer, id, origin, now);
    return id;
  });
}

/** Issues an invitation token and queues its mail, inside the caller's write transaction (the caller checked for an administrator). */
export function queueInvitation(tx: Db, viewer: Viewer, personId: number, origin: string, now: Date): void {
  const person = tx.select({ id: people.id, name: people.name, email: people.email, active: people.active }).from(people).where(eq(people.id, personId)).get();
  if (!person) throw new NotFoundError();
  if (!person.active) throw new ConflictError("En inaktiverad person kan inte bjudas in. Aktivera personen först.");
  if (!passwordLoginAllowed(tx, personId)) {
    // The organisation signs in through its identity provider: no password to choose, the invitation says where to sign in.
    const content = providerInvitationMail({ name: person.name, invitedBy: viewer.name, link: `${origin}/login` });
    enqueueMail(tx, { kind: "account", personId, to: person.email, ...content, dedupeKey: `account:invite-provider:${personId}:${nowIso(now)}` }, now);
    appendAudit(
      tx,
      { actorId: auditActorId(viewer), action: "person.invited", subject: `person:${personId}`, payload: { email: person.email, via: "provider" } },
      now,
    );
    return;
  }
  const { token, id } = issueAccountToken(tx, { personId, purpose: "invite", createdBy: auditActorId(viewer) }, now);
  const content = invitationMail({
    name: person.name,
    invitedBy: viewer.name,
    link: linkFor(origin, "invite", token),
    validDays: INVITE_TOKEN_TTL_MS / 86_400_000,
  });
  enqueueMail(tx, { kind: "account", personId, to: person.email, ...content, dedupeKey: `account:invite:${id}` }, now);
  appendAudit(tx, { actorId: auditActorId(viewer), action: "person.invited", subject: `person:${personId}`, payload: { email: person.email } }, now);
}

/**
 * The person a link is for while it can still be used (unused, unexpired, account active, and the
 * organisation still allows password login), or null.
 */
export function findAccountToken(db: Db, token: string, purpose: AccountTokenPurpose, now = new Date()) {
  const found =
    db
      .select({ tokenId: accountTokens.id, personId: people.id, name: people.name, email: people.email })
      .from(accountTokens)
      .innerJoin(people, eq(people.id, accountTokens.personId))
      .where(
        and(
          eq(accountTokens.tokenHash, accountTokenHash(token)),
          eq(accountTokens.purpose, purpose),
          isNull(accountTokens.usedAt),
          gt(accountTokens.expiresAt, nowIso(now)),
          eq(people.active, true),
        ),
      )
      .get() ?? null;
  return found && passwordLoginAllowed(db, found.personId) ? found : null;
}

/**
 * Uses a link: sets the new password, marks the token used and ends every session of the person,
 * all in one transaction, so a link works once even when two posts race. Returns the e-mail address
 * to log in with.
 */
export function redeemAccountToken(db: Db, input: { token: string; purpose: AccountTokenPurpose; passwordHash: string }, now = new Date()): { email: string } {
  const result = writeTransaction(db, (tx) => {
    const found = findAccountToken(tx, input.token, input.purpose, now);
    if (!found) throw new ConflictError(unusableLinkMessage);
    tx.update(accountTokens)
      .set({ usedAt: nowIso(now) })
      .where(eq(accountTokens.id, found.tokenId))
      .run();
    tx.update(people).set({ passwordHash: input.passwordHash }).where(eq(people.id, found.personId)).run();
    deleteSessionsOfPerson(tx, found.personId);
    const action = input.purpose === "reset" ? "person.password_reset" : "person.invitation_accepted";
    appendAudit(tx, { actorId: found.personId, action, subject: `person:${found.personId}`, payload: {} }, now);
    return { email: found.email };
  });
  liveEvents().emit("accessChanged");
  return result;
}

/** The admin page's view: when the person was last invited and whether that link is still open. */
export function latestInvitation(db: Db, viewer: Viewer, personId: number, now = new Date()) {
  assertAdmin(viewer);
  const rows = db
    .select({ createdAt: accountTokens.createdAt, expiresAt: accountTokens.expiresAt, usedAt: accountTokens.usedAt })
    .from(accountTokens)
    .where(and(eq(accountTokens.personId, personId), eq(accountTokens.purpose, "invite")))
    .all();
  const latest = rows.sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
  if (!latest) return null;
  return { sentAt: latest.createdAt, state: latest.usedAt ? ("accepted" as const) : latest.expiresAt > nowIso(now) ? ("open" as const) : ("expired" as const) };
}
