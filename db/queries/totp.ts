import { createHash, randomInt } from "node:crypto";
import { and, count, eq, isNull } from "drizzle-orm";
import { type Db, writeTransaction } from "../client";
import type { LoginChallengePurpose } from "../domain/enums";
import { formatRecoveryCode, normaliseRecoveryCode, normaliseTotpCode, RECOVERY_CODE_COUNT, type SecondFactor } from "../domain/totp";
import { matchingTotpStep, newTotpSecret } from "../totp";
import { people, recoveryCodes, totpFactors } from "../schema";
import { nowIso } from "../time";
import { appendAudit, auditActorId } from "./audit";
import { assertAdmin, ConflictError, ForbiddenError } from "./errors";
import { deleteSessionsOfPerson, type Viewer } from "./sessions";

/**
 * Authenticator apps (TOTP) and recovery codes: enrolment, the check at login, and the owner's changes.
 * Secrets and codes never reach the audit log; recovery codes are stored as SHA-256 and shown once.
 */

export const wrongCodeMessage = "Koden stämmer inte. Kontrollera att du använder koden för Samverkan och försök igen.";
export const usedCodeMessage = "Koden har redan använts. Vänta tills appen visar nästa kod.";
const noCodeMessage = "Ange den sexsiffriga koden från appen.";

export type TotpStatus = "off" | "pending" | "on";

/** What "Mitt konto" shows: whether the factor is on, the secret of an enrolment under way, the recovery codes left. */
export function getTotpState(db: Db, personId: number) {
  const factor = db.select().from(totpFactors).where(eq(totpFactors.personId, personId)).get();
  const status: TotpStatus = !factor ? "off" : factor.confirmedAt ? "on" : "pending";
  return {
    status,
    pendingSecret: status === "pending" ? factor!.secret : null,
    confirmedAt: factor?.confirmedAt ?? null,
    recoveryCodesLeft: status === "on" ? unusedRecoveryCodes(db, personId) : 0,
  };
}

/** Whether the person has a confirmed authenticator (login then asks for its code). */
export function hasConfirmedTotp(db: Db, personId: number): boolean {
  return getTotpState(db, personId).status === "on";
}

/**
 * What a login still needs after its first factor: the app's code ("mfa") for anyone with a confirmed
 * app, setting one up ("mfa_enrol") for an administrator without, nothing for the others.
 */
export function secondStepDue(db: Db, personId: number): LoginChallengePurpose | null {
  if (hasConfirmedTotp(db, personId)) return "mfa";
  const person = db.select({ isAdmin: people.isAdmin }).from(people).where(eq(people.id, personId)).get();
  return person?.isAdmin ? "mfa_enrol" : null;
}

function unusedRecoveryCodes(db: Db, personId: number): number {
  return db
    .select({ n: count() })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.personId, personId), isNull(recoveryCodes.usedAt)))
    .get()!.n;
}

function recoveryCodeHash(code: string): string {
  return createHash("sha256").update(code).digest("hex");
}

/**
 * Checks a code from the person's confirmed app and, when it matches, remembers its step: the same code,
 * or an older one, is refused afterwards (RFC 6238 §5.2), so a code seen over a shoulder is worth nothing.
 * Call inside a write transaction. Throws ConflictError on the field "code".
 */
export function acceptTotpCode(tx: Db, personId: number, input: string, now: Date): void {
  const code = normaliseTotpCode(input);
  if (!code) throw new ConflictError(noCodeMessage, "code");
  const factor = tx.select().from(totpFactors).where(eq(totpFactors.personId, personId)).get();
  if (!factor?.confirmedAt) throw new ConflictError(wrongCodeMessage, "code");
  const step = matchingTotpStep(factor.secret, code, now);
  if (step === null) throw new ConflictError(wrongCodeMessage, "code");
  if (factor.lastUsedStep !== null && step <= factor.lastUsedStep) throw new ConflictError(usedCodeMessage, "code");
  tx.update(totpFactors).set({ lastUsedStep: step }).where(eq(totpFactors.personId, personId)).run();
}

/** Uses up one recovery code (inside a write transaction); throws ConflictError on the field "recoveryCode". */
export function acceptRecoveryCode(tx: Db, personId: number, input: string, now: Date): void {
  const code = normaliseRecoveryCode(input);
  const wrong = new ConflictError("Återställningskoden stämmer inte, eller har redan använts.", "recoveryCode");
  if (!code) throw wrong;
  const row = tx
    .select({ id: recoveryCodes.id })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.personId, personId), eq(recoveryCodes.codeHash, recoveryCodeHash(code)), isNull(recoveryCodes.usedAt)))
    .get();
  if (!row) throw wrong;
  tx.update(recoveryCodes)
    .set({ usedAt: nowIso(now) })
    .where(eq(recoveryCodes.id, row.id))
    .run();
  appendAudit(
    tx,
    { actorId: personId, action: "person.recovery_code_used", subject: `person:${personId}`, payload: { left: unusedRecoveryCodes(tx, personId) } },
    now,
  );
}

/** The second step of a login: a code from the app, or a recovery code. Inside a write transaction. */
export function acceptSecondFactor(tx: Db, personId: number, answer: { kind: SecondFactor; code: string }, now: Date): void {
  if (answer.kind === "totp") acceptTotpCode(tx, personId, answer.code, now);
  else acceptRecoveryCode(tx, personId, answer.code, now);
}

/** Replaces the person's recovery codes with new ones; returns them in clear text, the only time they exist so. */
function issueRecoveryCodes(tx: Db, personId: number, now: Date): string[] {
  tx.delete(recoveryCodes).where(eq(recoveryCodes.personId, personId)).run();
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, () => formatRecoveryCode((n) => randomInt(n)));
  tx.insert(recoveryCodes)
    .values(codes.map((code) => ({ personId, codeHash: recoveryCodeHash(code), createdAt: nowIso(now) })))
    .run();
  return codes;
}

function writeNewSecret(tx: Db, personId: number, now: Date): string {
  const secret = newTotpSecret();
  const row = { secret, createdAt: nowIso(now), confirmedAt: null, lastUsedStep: null };
  tx.insert(totpFactors)
    .values({ personId, ...row })
    .onConflictDoUpdate({ target: totpFactors.personId, set: row })
    .run();
  return secret;
}

/**
 * Starts (or restarts) enrolment: a new secret, unconfirmed until a code from it is typed. A person with a
 * confirmed app replaces it only with a current code from it, so a borrowed session cannot move the
 * factor to the borrower's phone. Returns the secret to show.
 */
export function startTotpEnrolment(db: Db, personId: number, input: { currentCode?: string }, now = new Date()): string {
  return writeTransaction(db, (tx) => {
    const confirmed = tx.select({ at: totpFactors.confirmedAt }).from(totpFactors).where(eq(totpFactors.personId, personId)).get()?.at;
    if (confirmed) acceptTotpCode(tx, personId, input.currentCode ?? "", now);
    const secret = writeNewSecret(tx, personId, now);
    appendAudit(
      tx,
      { actorId: personId, action: "person.totp_enrolment_started", subject: `person:${personId}`, payload: { replacing: Boolean(confirmed) } },
      now,
    );
    return secret;
  });
}

/**
 * The secret of the enrolment under way for someone who must set up an app to log in (an administrator
 * without one): the same secret on every visit, so a reload does not invalidate what they scanned.
 */
export function pendingTotpSecret(db: Db, personId: number, now = new Date()): string {
  const state = getTotpState(db, personId);
  if (state.status === "on") throw new ConflictError("Tvåstegsverifieringen är redan aktiverad.");
  return state.pendingSecret ?? startTotpEnrolment(db, personId, {}, now);
}

/** Confirms enrolment with a code from the new app (inside a write transaction); returns the new recovery codes. */
export function confirmTotpInTransaction(tx: Db, personId: number, input: string, now: Date): string[] {
  const code = normaliseTotpCode(input);
  if (!code) throw new ConflictError(noCodeMessage, "code");
  const factor = tx.select().from(totpFactors).where(eq(totpFactors.personId, personId)).get();
  if (!factor || factor.confirmedAt) throw new ConflictError("Börja om med att aktivera tvåstegsverifiering.", "code");
  const step = matchingTotpStep(factor.secret, code, now);
  if (step === null) throw new ConflictError(wrongCodeMessage, "code");
  tx.update(totpFactors)
    .set({ confirmedAt: nowIso(now), lastUsedStep: step })
    .where(eq(totpFactors.personId, personId))
    .run();
  const codes = issueRecoveryCodes(tx, personId, now);
  appendAudit(tx, { actorId: personId, action: "person.totp_enabled", subject: `person:${personId}`, payload: {} }, now);
  return codes;
}

export function confirmTotpEnrolment(db: Db, personId: number, code: string, now = new Date()): string[] {
  return writeTransaction(db, (tx) => confirmTotpInTransaction(tx, personId, code, now));
}

/** Drops an enrolment that was never confirmed (the person changed their mind before typing a code). */
export function cancelTotpEnrolment(db: Db, personId: number): void {
  db.delete(totpFactors)
    .where(and(eq(totpFactors.personId, personId), isNull(totpFactors.confirmedAt)))
    .run();
}

/** New recovery codes (the old ones stop working); asks for a current code from the app. */
export function regenerateRecoveryCodes(db: Db, personId: number, code: string, now = new Date()): string[] {
  return writeTransaction(db, (tx) => {
    acceptTotpCode(tx, personId, code, now);
    const codes = issueRecoveryCodes(tx, personId, now);
    appendAudit(tx, { actorId: personId, action: "person.recovery_codes_regenerated", subject: `person:${personId}`, payload: {} }, now);
    return codes;
  });
}

/**
 * Turns the factor off, with its recovery codes. The proof is a current code from the app, or the
 * password, which the caller has checked (hashing is slow and lives outside the transaction). Administrators
 * cannot: their logins require the factor, so they can only replace it.
 */
export function turnOffTotp(db: Db, personId: number, proof: { code: string } | { passwordChecked: true }, now = new Date()): void {
  writeTransaction(db, (tx) => {
    const person = tx.select({ isAdmin: people.isAdmin }).from(people).where(eq(people.id, personId)).get();
    if (person?.isAdmin) throw new ForbiddenError("Administratörer måste ha tvåstegsverifiering. Du kan byta app, men inte stänga av den.");
    if ("code" in proof) acceptTotpCode(tx, personId, proof.code, now);
    tx.delete(recoveryCodes).where(eq(recoveryCodes.personId, personId)).run();
    tx.delete(totpFactors).where(eq(totpFactors.personId, personId)).run();
    appendAudit(tx, { actorId: personId, action: "person.totp_disabled", subject: `person:${personId}`, payload: {} }, now);
  });
}

/**
 * For someone who lost both the phone and the recovery codes (the operator's `reset-two-step`): the app
 * and the codes go, and so do the person's sessions; an administrator sets up a new app at the next login.
 */
export function resetTotp(db: Db, viewer: Viewer, personId: number, now = new Date()): void {
  assertAdmin(viewer);
  writeTransaction(db, (tx) => {
    tx.delete(recoveryCodes).where(eq(recoveryCodes.personId, personId)).run();
    tx.delete(totpFactors).where(eq(totpFactors.personId, personId)).run();
    deleteSessionsOfPerson(tx, personId);
    appendAudit(tx, { actorId: auditActorId(viewer), action: "person.totp_reset", subject: `person:${personId}`, payload: {} }, now);
  });
}
