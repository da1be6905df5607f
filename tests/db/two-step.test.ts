/**
 * Issue 15: TOTP two-step verification in the database. Codes are computed as a phone computes them,
 * from the stored secret and a chosen moment; the verbs are given the same moments.
 */
import { eq } from "drizzle-orm";
import { closeDatabase, type Db } from "../../db/client";
import { groupedSecret, hasSecondFactor, normaliseRecoveryCode, TOTP_PERIOD_SECONDS } from "../../db/domain/totp";
import { ConflictError, ForbiddenError } from "../../db/queries/errors";
import {
  answerEnrolmentChallenge,
  answerMfaChallenge,
  createLoginChallenge,
  findLoginChallenge,
  LOGIN_CHALLENGE_MAX_ATTEMPTS,
  LOGIN_CHALLENGE_TTL_MS,
} from "../../db/queries/login-challenges";
import { setAdmin } from "../../db/queries/people";
import { createSession, findSession } from "../../db/queries/sessions";
import {
  confirmTotpEnrolment,
  getTotpState,
  pendingTotpSecret,
  regenerateRecoveryCodes,
  resetTotp,
  secondStepDue,
  startTotpEnrolment,
  turnOffTotp,
} from "../../db/queries/totp";
import { auditLog, loginChallenges, recoveryCodes, totpFactors } from "../../db/schema";
import { demoTotpSecret } from "../../db/seed/demo";
import { totpCode, totpUri } from "../../db/totp";
import { addMemberOnly, openSeededDatabase, viewerByEmail } from "../support/seeded-db";
import { demoPassword } from "../support/temp";

let db: Db;
beforeAll(async () => {
  db = await openSeededDatabase();
});
afterAll(() => closeDatabase());

const stepMs = TOTP_PERIOD_SECONDS * 1000;
/** Each test its own stretch of time, so no test's last used step refuses the next one's codes. */
let clock = Date.parse("2026-11-23T10:00:00Z");
const laterMoment = () => new Date((clock += 60 * 60 * 1000));
const at = (base: Date, steps: number) => new Date(base.getTime() + steps * stepMs);
let people = 0;
const newPerson = () => addMemberOnly(db, "Lokal styrgrupp Skärholmen", "ledamot", `tvasteg${++people}@example.se`);

/** A person with a confirmed app; returns its secret and the recovery codes shown at confirmation. */
function enrolled(personId: number, now: Date) {
  const secret = startTotpEnrolment(db, personId, {}, now);
  const codes = confirmTotpEnrolment(db, personId, totpCode(secret, now), now);
  return { secret, codes };
}

const auditActions = (personId: number) =>
  db
    .select({ action: auditLog.action, payload: auditLog.payload })
    .from(auditLog)
    .where(eq(auditLog.subject, `person:${personId}`))
    .all();

describe("enrolment", () => {
  it("stores a 160-bit base32 secret, counts only after a code from it, and shows 10 recovery codes once, stored as SHA-256", () => {
    const person = newPerson();
    const now = laterMoment();
    const secret = startTotpEnrolment(db, person.id, {}, now);
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(getTotpState(db, person.id)).toMatchObject({ status: "pending", pendingSecret: secret });
    expect(secondStepDue(db, person.id)).toBeNull();
    // A restart replaces the unconfirmed secret.
    const second = startTotpEnrolment(db, person.id, {}, now);
    expect(second).not.toBe(secret);
    expect(() => confirmTotpEnrolment(db, person.id, totpCode(secret, now), now)).toThrow(ConflictError);

    const codes = confirmTotpEnrolment(db, person.id, totpCode(second, now), now);
    expect(codes).toHaveLength(10);
    for (const code of codes) expect(code).toMatch(/^[a-z]{4}-[a-z]{4}-[a-z]{4}$/);
    expect(new Set(codes).size).toBe(10);
    const stored = db.select().from(recoveryCodes).where(eq(recoveryCodes.personId, person.id)).all();
    expect(stored.map((r) => r.codeHash).every((hash) => /^[0-9a-f]{64}$/.test(hash))).toBe(true);
    expect(JSON.stringify(stored)).not.toContain(codes[0]);
    expect(getTotpState(db, person.id)).toMatchObject({ status: "on", recoveryCodesLeft: 10, pendingSecret: null });
    expect(secondStepDue(db, person.id)).toBe("mfa");

    // The audit log says what happened, never the secret or a code.
    const log = JSON.stringify(auditActions(person.id));
    expect(log).toContain("person.totp_enabled");
    expect(log).not.toContain(second);
    expect(log).not.toContain(codes[0]);
  });

  it("builds the otpauth:// URI with issuer Samverkan and the e-mail address, and shows the secret in groups of four", () => {
    const uri = new URL(totpUri("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP", "anna@example.se"));
    expect(uri.protocol).toBe("otpauth:");
    expect(uri.host).toBe("totp");
    expect(decodeURIComponent(uri.pathname)).toBe("/Samverkan:anna@example.se");
    expect(uri.searchParams.get("issuer")).toBe("Samverkan");
    expect(uri.searchParams.get("secret")).toBe("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP");
    expect(uri.searchParams.get("digits")).toBe("6");
    expect(uri.searchParams.get("period")).toBe("30");
    expect(groupedSecret("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")).toBe("JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP");
  });

  it("gives the demo administrator a confirmed app whose secret follows from the demo password; an administrator without one must enrol", () => {
    const admin = viewerByEmail(db, "admin@example.se");
    expect(db.select().from(totpFactors).where(eq(totpFactors.personId, admin.id)).get()?.secret).toBe(demoTotpSecret(demoPassword));
    expect(secondStepDue(db, admin.id)).toBe("mfa");
    expect(secondStepDue(db, viewerByEmail(db, "sdd.skarholmen@example.se").id)).toBeNull();
  });
});

describe("a code at login", () => {
  it("is accepted one step either side of now, not two, and never twice: a replayed or older step is refused", () => {
    const person = newPerson();
    const now = laterMoment();
    const { secret } = enrolled(person.id, now);
    const login = (code: string, moment: Date) => {
      const token = createLoginChallenge(db, { personId: person.id, purpose: "mfa", firstFactor: "password", returnTo: "/" }, moment);
      return answerMfaChallenge(db, token, { kind: "totp", code }, moment);
    };
    // Enrolment used the step of `now`; the next steps are fresh.
    const later = at(now, 10);
    expect(login(totpCode(secret, at(later, -2)), later)).toMatchObject({ ok: false, reason: "wrong" });
    expect(login(totpCode(secret, at(later, 2)), later)).toMatchObject({ ok: false, reason: "wrong" });
    expect(login(totpCode(secret, at(later, -1)), later)).toMatchObject({ ok: true, value: "totp", met: { personId: person.id, firstFactor: "password" } });
    // The same code again, and the code of an earlier step, are replays.
    expect(login(totpCode(secret, at(later, -1)), later)).toMatchObject({ ok: false, reason: "wrong", message: expect.stringContaining("redan använts") });
    expect(login(totpCode(secret, at(later, 1)), later)).toMatchObject({ ok: true });
    expect(login(totpCode(secret, later), later)).toMatchObject({ ok: false, message: expect.stringContaining("redan använts") });
    // Spaces as apps show them are fine; letters are not a code.
    expect(login(totpCode(secret, at(later, 2)).replace(/^(\d{3})/, "$1 "), at(later, 2))).toMatchObject({ ok: true });
    expect(login("12a456", at(later, 3))).toMatchObject({ ok: false, field: "code" });
  });

  it("takes each recovery code once, counts them down, and regenerating needs a current code and voids the old ones", () => {
    const person = newPerson();
    const now = laterMoment();
    const { secret, codes } = enrolled(person.id, now);
    const recover = (code: string, moment: Date) => {
      const token = createLoginChallenge(db, { personId: person.id, purpose: "mfa", firstFactor: "oidc:stad", returnTo: null }, moment);
      return answerMfaChallenge(db, token, { kind: "recovery", code }, moment);
    };
    expect(recover(codes[0].toUpperCase().replace(/-/g, " "), now)).toMatchObject({ ok: true, value: "recovery", met: { firstFactor: "oidc:stad" } });
    expect(recover(codes[0], now)).toMatchObject({ ok: false, field: "recoveryCode" });
    expect(getTotpState(db, person.id).recoveryCodesLeft).toBe(9);
    expect(auditActions(person.id).find((e) => e.action === "person.recovery_code_used")?.payload).toBe('{"left":9}');

    expect(() => regenerateRecoveryCodes(db, person.id, "000000", at(now, 4))).toThrow(ConflictError);
    const fresh = regenerateRecoveryCodes(db, person.id, totpCode(secret, at(now, 4)), at(now, 4));
    expect(getTotpState(db, person.id).recoveryCodesLeft).toBe(10);
    expect(recover(codes[1], at(now, 5))).toMatchObject({ ok: false });
    expect(recover(fresh[1], at(now, 5))).toMatchObject({ ok: true });
    expect(normaliseRecoveryCode("ABCD EFGH JKMN")).toBe("abcd-efgh-jkmn");
    expect(normaliseRecoveryCode("abcd-efgh")).toBeNull();
  });
});

describe("a login challenge", () => {
  it("takes five wrong codes and is then gone, also for the right code", () => {
    const person = newPerson();
    const now = laterMoment();
    const { secret } = enrolled(person.id, now);
    const later = at(now, 10);
    const token = createLoginChallenge(db, { personId: person.id, purpose: "mfa", firstFactor: "password", returnTo: "/" }, later);
    const stored = db.select().from(loginChallenges).where(eq(loginChallenges.personId, person.id)).get()!;
    expect(stored.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored.tokenHash).not.toBe(token);
    for (let i = 1; i < LOGIN_CHALLENGE_MAX_ATTEMPTS; i++) {
      expect(answerMfaChallenge(db, token, { kind: "totp", code: "000000" }, later)).toMatchObject({ ok: false, reason: "wrong", attemptsLeft: 5 - i });
    }
    expect(answerMfaChallenge(db, token, { kind: "totp", code: "000000" }, later)).toEqual({ ok: false, reason: "gone" });
    expect(answerMfaChallenge(db, token, { kind: "totp", code: totpCode(secret, later) }, later)).toEqual({ ok: false, reason: "gone" });
    expect(findLoginChallenge(db, token, "mfa", later)).toBeNull();
  });

  it("expires after five minutes, works once, and answers only its own purpose", () => {
    const person = newPerson();
    const now = laterMoment();
    const { secret } = enrolled(person.id, now);
    const start = at(now, 10);
    const token = createLoginChallenge(db, { personId: person.id, purpose: "mfa", firstFactor: "password", returnTo: "/" }, start);
    const expired = new Date(start.getTime() + LOGIN_CHALLENGE_TTL_MS + 1000);
    expect(answerMfaChallenge(db, token, { kind: "totp", code: totpCode(secret, expired) }, expired)).toEqual({ ok: false, reason: "gone" });
    expect(answerEnrolmentChallenge(db, token, totpCode(secret, start), start)).toEqual({ ok: false, reason: "gone" });
    const inTime = new Date(start.getTime() + LOGIN_CHALLENGE_TTL_MS - 1000);
    expect(answerMfaChallenge(db, token, { kind: "totp", code: totpCode(secret, inTime) }, inTime)).toMatchObject({ ok: true });
    expect(answerMfaChallenge(db, token, { kind: "totp", code: totpCode(secret, at(inTime, 1)) }, at(inTime, 1))).toEqual({ ok: false, reason: "gone" });
  });

  it("lets an administrator without an app enrol during login: the same secret on each visit, recovery codes on confirmation", () => {
    const admin = newPerson();
    const now = laterMoment();
    setAdmin(db, admin.id, true);
    expect(secondStepDue(db, admin.id)).toBe("mfa_enrol");
    const token = createLoginChallenge(db, { personId: admin.id, purpose: "mfa_enrol", firstFactor: "password", returnTo: "/admin" }, now);
    const secret = pendingTotpSecret(db, admin.id, now);
    expect(pendingTotpSecret(db, admin.id, now)).toBe(secret);
    expect(answerEnrolmentChallenge(db, token, "111111", now)).toMatchObject({ ok: false, reason: "wrong", attemptsLeft: 4 });
    const met = answerEnrolmentChallenge(db, token, totpCode(secret, now), now);
    expect(met).toMatchObject({ ok: true, met: { personId: admin.id, returnTo: "/admin" } });
    expect(met.ok && met.value).toHaveLength(10);
    expect(secondStepDue(db, admin.id)).toBe("mfa");
  });
});

describe("turning it off and replacing the app", () => {
  it("needs a current code or the (checked) password; an administrator cannot turn it off, only replace the app with a current code", () => {
    const person = newPerson();
    const now = laterMoment();
    const { secret } = enrolled(person.id, now);
    expect(() => turnOffTotp(db, person.id, { code: "123456" }, at(now, 3))).toThrow(ConflictError);
    turnOffTotp(db, person.id, { code: totpCode(secret, at(now, 3)) }, at(now, 3));
    expect(getTotpState(db, person.id)).toMatchObject({ status: "off", recoveryCodesLeft: 0 });
    expect(db.select().from(recoveryCodes).where(eq(recoveryCodes.personId, person.id)).all()).toEqual([]);
    enrolled(person.id, at(now, 10));
    turnOffTotp(db, person.id, { passwordChecked: true }, at(now, 11));
    expect(getTotpState(db, person.id).status).toBe("off");

    const admin = viewerByEmail(db, "admin@example.se");
    const adminSecret = demoTotpSecret(demoPassword);
    expect(() => turnOffTotp(db, admin.id, { code: totpCode(adminSecret, now) }, now)).toThrow(ForbiddenError);
    expect(() => turnOffTotp(db, admin.id, { passwordChecked: true }, now)).toThrow(ForbiddenError);
    expect(getTotpState(db, admin.id).status).toBe("on");
    expect(() => startTotpEnrolment(db, admin.id, {}, now)).toThrow(ConflictError);
    const replacement = startTotpEnrolment(db, admin.id, { currentCode: totpCode(adminSecret, now) }, now);
    expect(replacement).not.toBe(adminSecret);
    confirmTotpEnrolment(db, admin.id, totpCode(replacement, at(now, 1)), at(now, 1));
    expect(auditActions(admin.id).find((e) => e.action === "person.totp_enrolment_started")?.payload).toBe('{"replacing":true}');
    // Back to the demo secret, for the other tests in this file.
    db.update(totpFactors).set({ secret: adminSecret, lastUsedStep: null }).where(eq(totpFactors.personId, admin.id)).run();
  });
});

describe("the operator's reset", () => {
  it("removes a lost app and its recovery codes and ends the sessions; an administrator enrols again at the next login", () => {
    const person = newPerson();
    const now = laterMoment();
    enrolled(person.id, now);
    setAdmin(db, person.id, true);
    const token = createSession(db, person.id, now, null, "password+totp");
    const member = viewerByEmail(db, "sdd.skarholmen@example.se");
    expect(() => resetTotp(db, member, person.id, now)).toThrow(ForbiddenError);
    resetTotp(db, { id: 0, name: "Driftkommando", email: "", isAdmin: true }, person.id, now);
    expect(getTotpState(db, person.id)).toMatchObject({ status: "off", recoveryCodesLeft: 0 });
    expect(findSession(db, token, now)).toBeNull();
    expect(secondStepDue(db, person.id)).toBe("mfa_enrol");
    expect(auditActions(person.id).at(-1)?.action).toBe("person.totp_reset");
  });
});

describe("sessions", () => {
  it("make an administrator one only after a second factor; the session says how the login went", () => {
    const admin = viewerByEmail(db, "admin@example.se");
    const plain = findSession(db, createSession(db, admin.id, new Date(), null, "password"))!;
    expect(plain.viewer.isAdmin).toBe(false);
    expect(plain.adminWithoutSecondFactor).toBe(true);
    for (const method of ["password+totp", "oidc:polisen+recovery"]) {
      const strong = findSession(db, createSession(db, admin.id, new Date(), null, method))!;
      expect(strong.viewer.isAdmin).toBe(true);
      expect(strong.adminWithoutSecondFactor).toBe(false);
    }
    expect(hasSecondFactor(null)).toBe(false);
    expect(hasSecondFactor("password+totpx")).toBe(false);
    const member = findSession(db, createSession(db, viewerByEmail(db, "sdd.skarholmen@example.se").id, new Date(), null, "password"))!;
    expect(member.adminWithoutSecondFactor).toBe(false);
  });
});
