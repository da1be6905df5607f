import { and, eq } from "drizzle-orm";
import { closeDatabase, type Db } from "../../db/client";
import {
  accountTokenHash,
  createPersonWithInvitation,
  findAccountToken,
  invitePerson,
  redeemAccountToken,
  requestPasswordReset,
  RESET_REQUESTS_PER_EMAIL,
  RESET_TOKEN_TTL_MS,
} from "../../db/queries/account-tokens";
import { ConflictError } from "../../db/queries/errors";
import { setOwnPassword, setPersonActive } from "../../db/queries/people";
import { createSession, endOwnSessions, findSessionViewer, listOwnSessions, sessionTokenHash } from "../../db/queries/sessions";
import { accountTokens, auditLog, loginFailures, mailOutbox, sessions } from "../../db/schema";
import { openSeededDatabase, viewerByEmail } from "../support/seeded-db";

let db: Db;
beforeAll(async () => {
  db = await openSeededDatabase();
});
afterAll(() => closeDatabase());

const origin = "http://samverkan.test";
const admin = () => viewerByEmail(db, "admin@example.se");
let clock = new Date("2026-11-23T10:00:00Z").getTime();
/** Each test a fresh hour, so the reset throttle of one does not reach the next. */
const nextHour = () => new Date((clock += 2 * 60 * 60 * 1000));

/** The queued account mails to an address, oldest first (the demo's meeting history queues other kinds). */
const mailsTo = (address: string) =>
  db
    .select()
    .from(mailOutbox)
    .where(and(eq(mailOutbox.toAddress, address), eq(mailOutbox.kind, "account")))
    .orderBy(mailOutbox.id)
    .all();
/** The token in a queued mail's link, as the recipient would click it. */
function tokenFromMail(text: string, path: string): string {
  const match = text.match(new RegExp(`${origin}/${path}/([A-Za-z0-9_-]+)`));
  if (!match) throw new Error(`no ${path} link in:\n${text}`);
  return match[1];
}

describe("forgot password", () => {
  it("queues a mail with a one-time link to an active account, stores only the token's SHA-256, and the link works once", () => {
    const now = nextHour();
    const email = "anders.nyberg@example.se";
    const person = viewerByEmail(db, email);
    expect(requestPasswordReset(db, { email: " Anders.Nyberg@Example.se ", address: "10.0.0.1", origin }, now)).toBe("answered");
    const [mail] = mailsTo(email);
    expect(mail).toMatchObject({ kind: "account", personId: person.id, status: "queued" });
    expect(mail.subject).toContain("nytt lösenord");
    expect(mail.html).toContain('<html lang="sv">');
    const token = tokenFromMail(mail.text, "aterstall");
    expect(Buffer.from(token, "base64url")).toHaveLength(32);

    const stored = db.select().from(accountTokens).where(eq(accountTokens.personId, person.id)).all();
    expect(stored).toHaveLength(1);
    expect(stored[0].tokenHash).toBe(accountTokenHash(token));
    expect(stored[0].tokenHash).not.toContain(token);
    expect(Date.parse(stored[0].expiresAt) - now.getTime()).toBe(RESET_TOKEN_TTL_MS);

    const sessionToken = createSession(db, person.id, now);
    expect(findAccountToken(db, token, "reset", now)?.personId).toBe(person.id);
    expect(findAccountToken(db, token, "invite", now)).toBeNull();
    expect(redeemAccountToken(db, { token, purpose: "reset", passwordHash: "new-hash" }, now)).toEqual({ email });
    expect(findSessionViewer(db, sessionToken, now)).toBeNull();
    expect(db.select().from(accountTokens).where(eq(accountTokens.id, stored[0].id)).get()!.usedAt).not.toBeNull();
    expect(() => redeemAccountToken(db, { token, purpose: "reset", passwordHash: "other" }, now)).toThrow(ConflictError);
    const actions = db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(eq(auditLog.subject, `person:${person.id}`))
      .all()
      .map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(["person.password_reset_requested", "person.password_reset"]));
  });

  it("gives the same answer for an unknown address and a deactivated account, and queues nothing for them", () => {
    const now = nextHour();
    const before = db.select().from(mailOutbox).all().length;
    expect(requestPasswordReset(db, { email: "finns.inte@example.se", address: "10.0.0.2", origin }, now)).toBe("answered");
    const inactive = viewerByEmail(db, "annika.berglund@example.se");
    setPersonActive(db, admin(), inactive.id, false, now);
    expect(requestPasswordReset(db, { email: inactive.email, address: "10.0.0.2", origin }, now)).toBe("answered");
    expect(db.select().from(mailOutbox).all()).toHaveLength(before);
    setPersonActive(db, admin(), inactive.id, true, now);
  });

  it("refuses a link after 30 minutes, and a link voided by a newer one", () => {
    const now = nextHour();
    const email = "birgitta.soderberg@example.se";
    requestPasswordReset(db, { email, address: "10.0.0.3", origin }, now);
    const first = tokenFromMail(mailsTo(email).at(-1)!.text, "aterstall");
    expect(findAccountToken(db, first, "reset", new Date(now.getTime() + RESET_TOKEN_TTL_MS - 1000))).not.toBeNull();
    expect(findAccountToken(db, first, "reset", new Date(now.getTime() + RESET_TOKEN_TTL_MS))).toBeNull();

    requestPasswordReset(db, { email, address: "10.0.0.3", origin }, now);
    const second = tokenFromMail(mailsTo(email).at(-1)!.text, "aterstall");
    expect(second).not.toBe(first);
    expect(findAccountToken(db, first, "reset", now)).toBeNull();
    expect(() => redeemAccountToken(db, { token: first, purpose: "reset", passwordHash: "x" }, now)).toThrow(ConflictError);
    expect(findAccountToken(db, second, "reset", now)).not.toBeNull();
  });

  it("throttles requests per e-mail address and per client address alike for known and unknown addresses, without slowing logins", () => {
    const now = nextHour();
    for (const email of ["cecilia.wahlberg@example.se", "okand@example.se"]) {
      for (let i = 0; i < RESET_REQUESTS_PER_EMAIL; i++) expect(requestPasswordReset(db, { email, address: `10.1.0.${i}`, origin }, now)).toBe("answered");
      expect(requestPasswordReset(db, { email, address: "10.1.0.99", origin }, now)).toBe("throttled");
    }
    expect(mailsTo("cecilia.wahlberg@example.se")).toHaveLength(RESET_REQUESTS_PER_EMAIL);
    let throttled = 0;
    for (let i = 0; i < 25; i++) if (requestPasswordReset(db, { email: `x${i}@example.se`, address: "10.2.0.1", origin }, now) === "throttled") throttled++;
    expect(throttled).toBe(5);
    // The counts live under keys no login uses.
    expect(db.select().from(loginFailures).where(eq(loginFailures.email, "cecilia.wahlberg@example.se")).all()).toHaveLength(0);
    // An hour later the address may ask again.
    expect(requestPasswordReset(db, { email: "okand@example.se", address: "10.1.0.99", origin }, new Date(now.getTime() + 61 * 60 * 1000))).toBe("answered");
  });
});

describe("invitations", () => {
  it("creates a person without a password and queues a one-week link where they choose one", () => {
    const now = nextHour();
    const id = createPersonWithInvitation(db, admin(), { name: "Ny Person", email: "ny.person@example.se" }, origin, now);
    const [mail] = mailsTo("ny.person@example.se");
    expect(mail.subject).toBe("Inbjudan till Samverkan");
    expect(mail.text).toContain(admin().name);
    const token = tokenFromMail(mail.text, "inbjudan");
    expect(findAccountToken(db, token, "reset", now)).toBeNull();
    expect(findAccountToken(db, token, "invite", new Date(now.getTime() + 6 * 86_400_000))?.personId).toBe(id);
    expect(findAccountToken(db, token, "invite", new Date(now.getTime() + 7 * 86_400_000))).toBeNull();
    redeemAccountToken(db, { token, purpose: "invite", passwordHash: "chosen" }, now);
    expect(() => redeemAccountToken(db, { token, purpose: "invite", passwordHash: "again" }, now)).toThrow(ConflictError);
    const invited = db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.subject, `person:${id}`), eq(auditLog.action, "person.invited")))
      .all();
    expect(invited).toHaveLength(1);
  });

  it("is for administrators, and not for a deactivated person", () => {
    const person = viewerByEmail(db, "annika.berglund@example.se");
    expect(() => invitePerson(db, person, person.id, origin)).toThrow();
    setPersonActive(db, admin(), person.id, false);
    expect(() => invitePerson(db, admin(), person.id, origin)).toThrow(ConflictError);
    setPersonActive(db, admin(), person.id, true);
  });
});

describe("own sessions and password", () => {
  it("lists the person's sessions with their browser, and ends the others or all of them", () => {
    const now = nextHour();
    const person = viewerByEmail(db, "daniel.lund@example.se");
    const here = createSession(db, person.id, now, "Mozilla/5.0 (X11; Linux x86_64) Firefox/130.0 " + "x".repeat(500));
    const there = createSession(db, person.id, new Date(now.getTime() + 1000), "Mozilla/5.0 (Windows NT 10.0) Chrome/130.0");
    const listed = listOwnSessions(db, person, sessionTokenHash(here), now);
    expect(listed.map((s) => s.current)).toEqual([false, true]);
    expect(listed[1].userAgent).toHaveLength(200);

    endOwnSessions(db, person, sessionTokenHash(here), now);
    expect(findSessionViewer(db, there, now)).toBeNull();
    expect(findSessionViewer(db, here, now)?.id).toBe(person.id);
    endOwnSessions(db, person, null, now);
    expect(findSessionViewer(db, here, now)).toBeNull();
  });

  it("a new own password ends every other session and keeps this one", () => {
    const now = nextHour();
    const person = viewerByEmail(db, "daniel.lund@example.se");
    const here = createSession(db, person.id, now);
    const there = createSession(db, person.id, now);
    setOwnPassword(db, person, "own-hash", sessionTokenHash(here), now);
    expect(findSessionViewer(db, here, now)?.id).toBe(person.id);
    expect(findSessionViewer(db, there, now)).toBeNull();
    expect(db.select().from(sessions).where(eq(sessions.personId, person.id)).all()).toHaveLength(1);
    expect(db.select().from(auditLog).where(eq(auditLog.action, "person.own_password_changed")).all()).toHaveLength(1);
  });
});
