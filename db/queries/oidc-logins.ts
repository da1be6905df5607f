import { createHash } from "node:crypto";
import { and, asc, eq, isNull, lte } from "drizzle-orm";
import { type Db, writeTransaction } from "../client";
import { oidcLoginStates, people, personIdentities } from "../schema";
import { nowIso } from "../time";
import { appendAudit, auditActorId } from "./audit";
import { assertAdmin } from "./errors";
import { normaliseEmail } from "./people";
import type { Viewer } from "./sessions";

/**
 * Logins through an OpenID Connect provider (the city's, the police's). The app keeps each login's
 * state, nonce and PKCE verifier here between the redirect to the provider and its callback, and
 * maps the provider's verified account to a person: by (issuer, subject) once linked, else by
 * verified e-mail address (decision "mapping by e-mail, then by subject" in the README).
 */

/** Long enough to sign in at the provider (perhaps with its own second factor), short enough to be no standing key. */
export const OIDC_STATE_TTL_MS = 10 * 60 * 1000;

/** What oidc_login_states stores of a state: the callback's URL alone carries it, a copy of the database does not. */
export function oidcStateHash(state: string): string {
  return createHash("sha256").update(state).digest("hex");
}

export interface NewOidcLogin {
  provider: string;
  state: string;
  nonce: string;
  codeVerifier: string;
  /** The path inside the app to go to afterwards. */
  returnTo: string;
}

/** Remembers a login on its way to the provider; clears out the ones that expired. */
export function saveOidcLoginState(db: Db, login: NewOidcLogin, now = new Date()): void {
  writeTransaction(db, (tx) => {
    tx.delete(oidcLoginStates)
      .where(lte(oidcLoginStates.expiresAt, nowIso(now)))
      .run();
    tx.insert(oidcLoginStates)
      .values({
        stateHash: oidcStateHash(login.state),
        provider: login.provider,
        nonce: login.nonce,
        codeVerifier: login.codeVerifier,
        returnTo: login.returnTo,
        createdAt: nowIso(now),
        expiresAt: nowIso(new Date(now.getTime() + OIDC_STATE_TTL_MS)),
      })
      .run();
  });
}

export type OidcStateProblem = "unknown" | "expired" | "used";

/**
 * The login a callback's state belongs to, while it can still be completed. A state started for
 * another provider is unknown here: a response must come back to the provider it was sent to.
 */
export function findOidcLoginState(
  db: Db,
  provider: string,
  state: string,
  now = new Date(),
): { ok: true; nonce: string; codeVerifier: string } | { ok: false; problem: OidcStateProblem } {
  const row = db
    .select()
    .from(oidcLoginStates)
    .where(eq(oidcLoginStates.stateHash, oidcStateHash(state)))
    .get();
  if (!row || row.provider !== provider) return { ok: false, problem: "unknown" };
  if (row.usedAt) return { ok: false, problem: "used" };
  if (row.expiresAt <= nowIso(now)) return { ok: false, problem: "expired" };
  return { ok: true, nonce: row.nonce, codeVerifier: row.codeVerifier };
}

/** Marks the state used, once: null when it was used already (a replayed or raced callback). */
function claimOidcLoginState(tx: Db, provider: string, state: string, now: Date): { returnTo: string | null } | null {
  return (
    tx
      .update(oidcLoginStates)
      .set({ usedAt: nowIso(now) })
      .where(and(eq(oidcLoginStates.stateHash, oidcStateHash(state)), eq(oidcLoginStates.provider, provider), isNull(oidcLoginStates.usedAt)))
      .returning({ returnTo: oidcLoginStates.returnTo })
      .get() ?? null
  );
}

/** A callback that failed before the person was known (the provider refused, the tokens did not check out): its state is spent too. */
export function abandonOidcLogin(db: Db, provider: string, state: string, now = new Date()): void {
  writeTransaction(db, (tx) => claimOidcLoginState(tx, provider, state, now));
}

/** The provider's verified facts about the person who signed in there. */
export interface VerifiedIdentity {
  issuer: string;
  subject: string;
  email: string | null;
  emailVerified: boolean;
}

export type OidcLoginRefusal =
  /** The state was used in the meantime: the same callback twice. */
  | { reason: "used" }
  /** The provider did not vouch for the e-mail address (email_verified not true, or no address). */
  | { reason: "unverified" }
  /** No person has the address: nobody is created, an administrator adds people. */
  | { reason: "unknown_email"; email: string }
  /** The person already signs in with another account at this provider. */
  | { reason: "linked_elsewhere" }
  /** Deactivated: answered like any other refused login. */
  | { reason: "refused" };

export type OidcLoginOutcome = { ok: true; personId: number; returnTo: string | null } | ({ ok: false } & OidcLoginRefusal);

/**
 * Completes a login whose tokens checked out, in one transaction: the state is marked used (so the
 * same callback cannot log in twice), the identity is mapped to a person and, found by e-mail,
 * linked to them, and the login is audited. Refusals spend the state as well.
 */
export function completeOidcLogin(db: Db, input: { provider: string; state: string; identity: VerifiedIdentity }, now = new Date()): OidcLoginOutcome {
  const { provider, identity } = input;
  return writeTransaction(db, (tx): OidcLoginOutcome => {
    const claimed = claimOidcLoginState(tx, provider, input.state, now);
    if (!claimed) return { ok: false, reason: "used" };
    if (!identity.emailVerified || !identity.email) return { ok: false, reason: "unverified" };
    const person = personForIdentity(tx, provider, identity, now);
    if ("reason" in person) return { ok: false, ...person };
    tx.update(personIdentities)
      .set({ lastLoginAt: nowIso(now) })
      .where(and(eq(personIdentities.issuer, identity.issuer), eq(personIdentities.subject, identity.subject)))
      .run();
    appendAudit(
      tx,
      {
        actorId: person.id,
        action: "person.logged_in_oidc",
        subject: `person:${person.id}`,
        payload: { provider, issuer: identity.issuer, linked: person.linked },
      },
      now,
    );
    return { ok: true, personId: person.id, returnTo: claimed.returnTo };
  });
}

/**
 * The person an identity belongs to: the one it is linked to, else the active person with its
 * verified e-mail address, who is then linked to it. A person already linked to another subject of
 * the same issuer is not linked again: an address the provider gave to someone new must not open
 * the old owner's account.
 */
function personForIdentity(tx: Db, provider: string, identity: VerifiedIdentity, now: Date): { id: number; linked: boolean } | OidcLoginRefusal {
  const linked = tx
    .select({ id: people.id, active: people.active })
    .from(personIdentities)
    .innerJoin(people, eq(people.id, personIdentities.personId))
    .where(and(eq(personIdentities.issuer, identity.issuer), eq(personIdentities.subject, identity.subject)))
    .get();
  if (linked) return linked.active ? { id: linked.id, linked: false } : { reason: "refused" };

  const email = normaliseEmail(identity.email ?? "");
  const person = tx.select({ id: people.id, active: people.active }).from(people).where(eq(people.email, email)).get();
  if (!person) return { reason: "unknown_email", email };
  if (!person.active) return { reason: "refused" };
  const other = tx
    .select({ id: personIdentities.id })
    .from(personIdentities)
    .where(and(eq(personIdentities.personId, person.id), eq(personIdentities.issuer, identity.issuer)))
    .get();
  if (other) return { reason: "linked_elsewhere" };
  tx.insert(personIdentities)
    .values({ personId: person.id, provider, issuer: identity.issuer, subject: identity.subject, createdAt: nowIso(now) })
    .run();
  return { id: person.id, linked: true };
}

/** The provider accounts linked to a person, for the administration page. */
export function identitiesOfPerson(db: Db, viewer: Viewer, personId: number) {
  assertAdmin(viewer);
  return db
    .select({
      id: personIdentities.id,
      provider: personIdentities.provider,
      issuer: personIdentities.issuer,
      createdAt: personIdentities.createdAt,
      lastLoginAt: personIdentities.lastLoginAt,
    })
    .from(personIdentities)
    .where(eq(personIdentities.personId, personId))
    .orderBy(asc(personIdentities.createdAt))
    .all();
}

/**
 * An administrator removes a link between a person and a provider account (the provider gave the
 * person a new account, or the address to someone else): the next login through that provider
 * maps by verified e-mail again. Returns false when the person has no such link.
 */
export function unlinkIdentity(db: Db, viewer: Viewer, personId: number, identityId: number, now = new Date()): boolean {
  assertAdmin(viewer);
  return writeTransaction(db, (tx) => {
    const removed = tx
      .delete(personIdentities)
      .where(and(eq(personIdentities.id, identityId), eq(personIdentities.personId, personId)))
      .returning({ provider: personIdentities.provider, issuer: personIdentities.issuer })
      .get();
    if (!removed) return false;
    appendAudit(tx, { actorId: auditActorId(viewer), action: "person.identity_unlinked", subject: `person:${personId}`, payload: removed }, now);
    return true;
  });
}
