import { eq } from "drizzle-orm";
import { closeDatabase, type Db } from "../../db/client";
import { createPersonWithInvitation, findAccountToken, invitePerson, requestPasswordReset } from "../../db/queries/account-tokens";
import { ConflictError, ForbiddenError } from "../../db/queries/errors";
import {
  completeOidcLogin,
  findOidcLoginState,
  identitiesOfPerson,
  OIDC_STATE_TTL_MS,
  oidcStateHash,
  saveOidcLoginState,
  unlinkIdentity,
  type VerifiedIdentity,
} from "../../db/queries/oidc-logins";
import { setPasswordLogin } from "../../db/queries/organisations";
import { findLoginAccount, setPersonActive } from "../../db/queries/people";
import { accountTokens, auditLog, mailOutbox, oidcLoginStates, people, personIdentities } from "../../db/schema";
import { openSeededDatabase, viewerByEmail } from "../support/seeded-db";

let db: Db;
beforeAll(async () => {
  db = await openSeededDatabase();
});
afterAll(() => closeDatabase());

const issuer = "https://login.stad.example";
const now = new Date("2026-11-23T10:00:00Z");
let counter = 0;

/** A login started at "stad" a moment before `at`; returns its state. */
function started(at = now): string {
  const state = `state-${++counter}`;
  saveOidcLoginState(db, { provider: "stad", state, nonce: `nonce-${counter}`, codeVerifier: `verifier-${counter}`, returnTo: "/uppdrag" }, at);
  return state;
}

const identity = (subject: string, email: string | null, emailVerified = true): VerifiedIdentity => ({ issuer, subject, email, emailVerified });

describe("an OpenID Connect login's state", () => {
  it("is stored by its SHA-256 only, belongs to its provider, and expires after 10 minutes", () => {
    const state = started();
    const row = db
      .select()
      .from(oidcLoginStates)
      .where(eq(oidcLoginStates.stateHash, oidcStateHash(state)))
      .get();
    expect(row).toMatchObject({ provider: "stad", returnTo: "/uppdrag", usedAt: null });
    expect(db.select().from(oidcLoginStates).where(eq(oidcLoginStates.stateHash, state)).get()).toBeUndefined();

    expect(findOidcLoginState(db, "stad", state, now)).toEqual({ ok: true, nonce: row!.nonce, codeVerifier: row!.codeVerifier });
    expect(findOidcLoginState(db, "polisen", state, now)).toEqual({ ok: false, problem: "unknown" });
    expect(findOidcLoginState(db, "stad", "never-issued", now)).toEqual({ ok: false, problem: "unknown" });
    expect(findOidcLoginState(db, "stad", state, new Date(now.getTime() + OIDC_STATE_TTL_MS))).toEqual({ ok: false, problem: "expired" });
  });

  it("is spent by the login: the same callback again is refused", () => {
    const state = started();
    expect(completeOidcLogin(db, { provider: "stad", state, identity: identity("s-anders", "anders.nyberg@example.se") }, now)).toMatchObject({ ok: true });
    expect(findOidcLoginState(db, "stad", state, now)).toEqual({ ok: false, problem: "used" });
    expect(completeOidcLogin(db, { provider: "stad", state, identity: identity("s-anders", "anders.nyberg@example.se") }, now)).toEqual({
      ok: false,
      reason: "used",
    });
  });

  it("is swept out once expired when a new login starts", () => {
    const old = started(new Date(now.getTime() - 2 * OIDC_STATE_TTL_MS));
    started();
    expect(
      db
        .select()
        .from(oidcLoginStates)
        .where(eq(oidcLoginStates.stateHash, oidcStateHash(old)))
        .get(),
    ).toBeUndefined();
  });
});

describe("mapping a provider's identity to a person", () => {
  it("links by verified e-mail the first time, then finds the person by subject even after the address changed at the provider", () => {
    const person = viewerByEmail(db, "eva.lundgren@example.se");
    const first = completeOidcLogin(db, { provider: "stad", state: started(), identity: identity("s-eva", " Eva.Lundgren@Example.se ") }, now);
    expect(first).toEqual({ ok: true, personId: person.id, returnTo: "/uppdrag" });
    const linked = db.select().from(personIdentities).where(eq(personIdentities.subject, "s-eva")).get();
    expect(linked).toMatchObject({ personId: person.id, provider: "stad", issuer, lastLoginAt: now.toISOString() });

    const later = completeOidcLogin(db, { provider: "stad", state: started(), identity: identity("s-eva", "eva.ny@example.se") }, now);
    expect(later).toMatchObject({ ok: true, personId: person.id });
    const audit = db.select().from(auditLog).where(eq(auditLog.action, "person.logged_in_oidc")).all();
    expect(audit.filter((entry) => entry.actorId === person.id).map((entry) => JSON.parse(entry.payload))).toEqual([
      { provider: "stad", issuer, linked: true },
      { provider: "stad", issuer, linked: false },
    ]);
  });

  it("refuses an unverified or missing address, and an unknown one without creating anybody", () => {
    expect(completeOidcLogin(db, { provider: "stad", state: started(), identity: identity("s-x", "mikael.dahl@example.se", false) }, now)).toEqual({
      ok: false,
      reason: "unverified",
    });
    expect(completeOidcLogin(db, { provider: "stad", state: started(), identity: identity("s-y", null) }, now)).toEqual({ ok: false, reason: "unverified" });
    const peopleBefore = db.select().from(people).all().length;
    expect(completeOidcLogin(db, { provider: "stad", state: started(), identity: identity("s-z", "Ny.Person@example.se") }, now)).toEqual({
      ok: false,
      reason: "unknown_email",
      email: "ny.person@example.se",
    });
    expect(db.select().from(people).all()).toHaveLength(peopleBefore);
    expect(db.select().from(personIdentities).where(eq(personIdentities.subject, "s-z")).get()).toBeUndefined();
  });

  it("refuses a deactivated person, whether found by subject or by e-mail, with the answer any refused login gets", () => {
    const admin = viewerByEmail(db, "admin@example.se");
    const person = viewerByEmail(db, "mikael.dahl@example.se");
    expect(completeOidcLogin(db, { provider: "stad", state: started(), identity: identity("s-mikael", person.email) }, now)).toMatchObject({ ok: true });
    setPersonActive(db, admin, person.id, false);
    expect(completeOidcLogin(db, { provider: "stad", state: started(), identity: identity("s-mikael", person.email) }, now)).toEqual({
      ok: false,
      reason: "refused",
    });
    const other = viewerByEmail(db, "oskar.blom@example.se");
    setPersonActive(db, admin, other.id, false);
    expect(completeOidcLogin(db, { provider: "stad", state: started(), identity: identity("s-oskar", other.email) }, now)).toEqual({
      ok: false,
      reason: "refused",
    });
    expect(db.select().from(personIdentities).where(eq(personIdentities.subject, "s-oskar")).get()).toBeUndefined();
  });

  it("does not link a second account of the same provider to a person (an address given to someone new opens nothing)", () => {
    const person = viewerByEmail(db, "anders.nyberg@example.se");
    // Linked as "s-anders" above; the provider now presents another account with his address.
    expect(completeOidcLogin(db, { provider: "stad", state: started(), identity: identity("s-anders-2", person.email) }, now)).toEqual({
      ok: false,
      reason: "linked_elsewhere",
    });
    // Another provider (another issuer) may link its own account.
    const police = { ...identity("p-anders", person.email), issuer: "https://login.polisen.example" };
    expect(completeOidcLogin(db, { provider: "stad", state: started(), identity: police }, now)).toMatchObject({ ok: true, personId: person.id });

    // Once an administrator removes the old link, the new account links by e-mail.
    const admin = viewerByEmail(db, "admin@example.se");
    const old = identitiesOfPerson(db, admin, person.id).find((linked) => linked.issuer === issuer)!;
    expect(() => unlinkIdentity(db, person, person.id, old.id)).toThrow(ForbiddenError);
    expect(unlinkIdentity(db, admin, viewerByEmail(db, "eva.lundgren@example.se").id, old.id)).toBe(false);
    expect(unlinkIdentity(db, admin, person.id, old.id, now)).toBe(true);
    expect(completeOidcLogin(db, { provider: "stad", state: started(), identity: identity("s-anders-2", person.email) }, now)).toMatchObject({
      ok: true,
      personId: person.id,
    });
    const unlinked = db.select().from(auditLog).where(eq(auditLog.action, "person.identity_unlinked")).all();
    expect(unlinked.map((entry) => [entry.subject, JSON.parse(entry.payload)])).toEqual([[`person:${person.id}`, { provider: "stad", issuer }]]);
  });
});

describe("password login off for an organisation", () => {
  const organisationOf = (email: string) => db.select({ id: people.organisationId }).from(people).where(eq(people.email, email)).get()!.id!;

  it("may only be turned off by an administrator while an identity provider is configured, and is audited", () => {
    const admin = viewerByEmail(db, "admin@example.se");
    const organisationId = organisationOf("peter.holm@example.se");
    expect(() => setPasswordLogin(db, viewerByEmail(db, "peter.holm@example.se"), organisationId, false, true)).toThrow(ForbiddenError);
    expect(() => setPasswordLogin(db, admin, organisationId, false, false)).toThrow(ConflictError);
    expect(setPasswordLogin(db, admin, organisationId, true, false)).toBe(true);
    expect(setPasswordLogin(db, admin, organisationId, false, true)).toBe(true);
    expect(setPasswordLogin(db, admin, 999_999, false, true)).toBe(false);
    expect(findLoginAccount(db, "peter.holm@example.se")).toMatchObject({ passwordLogin: false });
    const entries = db.select().from(auditLog).where(eq(auditLog.action, "organisation.password_login")).all();
    expect(entries.map((entry) => JSON.parse(entry.payload))).toEqual([{ enabled: true }, { enabled: false }]);
  });

  it("gives its people no reset link, an invitation without a password link, and voids links sent before", () => {
    const admin = viewerByEmail(db, "admin@example.se");
    const organisationId = organisationOf("helena.sjoberg@example.se");
    const newcomer = createPersonWithInvitation(db, admin, { email: "nykomling@example.se", name: "Nykomling", organisationId }, "http://samverkan.test", now);
    const [invitationMail] = db.select().from(mailOutbox).where(eq(mailOutbox.personId, newcomer)).all();
    const token = /\/inbjudan\/([A-Za-z0-9_-]+)/.exec(invitationMail.text)![1];
    expect(findAccountToken(db, token, "invite", now)).toMatchObject({ personId: newcomer });
    setPasswordLogin(db, admin, organisationId, false, true);
    expect(findAccountToken(db, token, "invite", now)).toBeNull();

    const tokensBefore = db.select().from(accountTokens).all().length;
    expect(requestPasswordReset(db, { email: "helena.sjoberg@example.se", address: "10.0.0.9", origin: "http://samverkan.test" }, now)).toBe("answered");
    invitePerson(db, admin, newcomer, "http://samverkan.test", now);
    expect(db.select().from(accountTokens).all()).toHaveLength(tokensBefore);
    const mails = db.select().from(mailOutbox).where(eq(mailOutbox.personId, newcomer)).orderBy(mailOutbox.id).all();
    expect(mails).toHaveLength(2);
    expect(mails[1].text).toContain("Din organisation loggar in med sin egen inloggningstjänst");
    expect(mails[1].text).toContain("http://samverkan.test/login\n");
    expect(mails[1].text).not.toContain("/inbjudan/");
    expect(
      db
        .select()
        .from(mailOutbox)
        .where(eq(mailOutbox.toAddress, "helena.sjoberg@example.se"))
        .all()
        .filter((m) => m.kind === "account"),
    ).toEqual([]);
  });
});
