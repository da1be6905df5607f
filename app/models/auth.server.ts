import { getDb } from "../../db/client";
import { dummyPasswordHash, hashPassword, verifyPassword } from "../../db/password";
import { knownDeviceHash, rememberDevice } from "../../db/queries/known-devices";
import { forgiveLoginAttempt, reserveLoginAttempt } from "../../db/queries/login-throttle";
import { findLoginAccount, normaliseEmail, ownPasswordHash, setOwnPassword } from "../../db/queries/people";
import { createSession, deleteSession, type Viewer } from "../../db/queries/sessions";
import { passwordFieldError } from "./people.server";

export type AuthResult =
  { ok: true; personId: number; deviceToken: string } | { ok: false; reason: "invalid" } | { ok: false; reason: "throttled"; retryAfterMs: number };

/**
 * Checks a login attempt. Unknown accounts, wrong passwords, deactivated
 * accounts and accounts whose organisation has password login turned off are
 * indistinguishable to the caller, in answer and in timing.
 * `deviceToken` is the browser's known-device cookie, if any: on a device the
 * person has logged in from before, only that device's failures slow it down.
 */
export async function authenticate(input: { email: string; password: string; address: string; deviceToken: string | null }): Promise<AuthResult> {
  const db = getDb();
  const email = normaliseEmail(input.email);
  const account = findLoginAccount(db, email);
  const deviceHash = account ? knownDeviceHash(db, input.deviceToken, account.id) : null;
  const attempt = { email, address: input.address, deviceHash };
  const reservation = reserveLoginAttempt(db, attempt);
  if (!reservation.ok) return { ok: false, reason: "throttled", retryAfterMs: reservation.retryAfterMs };

  const hash = account?.passwordHash ?? (await dummyPasswordHash());
  const passwordMatches = await verifyPassword(hash, input.password);
  // An organisation that signs in through its identity provider only: the same answer as a wrong password.
  if (account && account.active && account.passwordLogin && account.passwordHash && passwordMatches) {
    forgiveLoginAttempt(db, reservation.attemptId, attempt);
    return { ok: true, personId: account.id, deviceToken: rememberDevice(db, account.id, deviceHash ? input.deviceToken : null) };
  }
  return { ok: false, reason: "invalid" };
}

/**
 * The known-device token to set after a login by another way than the password (an identity
 * provider): the browser's own when it is already known for the person, else a new one.
 */
export function knownDeviceAfterLogin(personId: number, deviceToken: string | null): string {
  const db = getDb();
  return rememberDevice(db, personId, knownDeviceHash(db, deviceToken, personId) ? deviceToken : null);
}

export type Throttled<T> = { ok: true; value: T } | { ok: false; retryAfterMs: number };

/**
 * Runs a check of something only the account's owner knows (a password, a code from their app) under the
 * login throttle: it counts as a failed login until it succeeds, so a stolen session or a half-finished
 * login is no way to guess. `check` throws (the failure stays counted) or returns a value that
 * `succeeded` judges.
 */
export async function withLoginThrottle<T>(
  who: { personId: number; email: string; address: string; deviceToken: string | null },
  check: () => T | Promise<T>,
  succeeded: (value: T) => boolean = () => true,
): Promise<Throttled<T>> {
  const db = getDb();
  const attempt = { email: normaliseEmail(who.email), address: who.address, deviceHash: knownDeviceHash(db, who.deviceToken, who.personId) };
  const reservation = reserveLoginAttempt(db, attempt);
  if (!reservation.ok) return { ok: false, retryAfterMs: reservation.retryAfterMs };
  const value = await check();
  if (succeeded(value)) forgiveLoginAttempt(db, reservation.attemptId, attempt);
  return { ok: true, value };
}

/** A new session for someone who passed every factor their login needs: the token for the session cookie. */
export function openSession(personId: number, userAgent: string | null, authMethod: string): string {
  return createSession(getDb(), personId, new Date(), userAgent, authMethod);
}

/** Ends the session whose token the cookie held (logging out). */
export function closeSession(token: string): void {
  deleteSession(getDb(), token);
}

export type OwnPasswordResult = { ok: true } | { ok: false; fieldErrors: { currentPassword?: string; newPassword?: string } };

/**
 * Changes the viewer's own password. The current password is checked like a login, and a wrong
 * one counts as a failed login (a stolen session must not become a way to guess the password).
 * The new one must pass the password rule; both problems show at once, next to their fields.
 */
export async function changeOwnPassword(input: {
  viewer: Viewer;
  currentTokenHash: string;
  currentPassword: string;
  newPassword: string;
  address: string;
  deviceToken: string | null;
}): Promise<OwnPasswordResult> {
  const db = getDb();
  const newPasswordError = passwordFieldError(input.newPassword) ?? undefined;
  const attempt = { email: normaliseEmail(input.viewer.email), address: input.address, deviceHash: knownDeviceHash(db, input.deviceToken, input.viewer.id) };
  const reservation = reserveLoginAttempt(db, attempt);
  if (!reservation.ok) {
    const minutes = Math.ceil(reservation.retryAfterMs / 60_000);
    return {
      ok: false,
      fieldErrors: {
        currentPassword: `För många felaktiga lösenord. Försök igen om ${minutes} ${minutes === 1 ? "minut" : "minuter"}.`,
        newPassword: newPasswordError,
      },
    };
  }
  const hash = ownPasswordHash(db, input.viewer);
  const matches = await verifyPassword(hash ?? (await dummyPasswordHash()), input.currentPassword);
  if (!hash || !matches) return { ok: false, fieldErrors: { currentPassword: "Det nuvarande lösenordet stämmer inte.", newPassword: newPasswordError } };
  forgiveLoginAttempt(db, reservation.attemptId, attempt);
  if (newPasswordError) return { ok: false, fieldErrors: { newPassword: newPasswordError } };
  setOwnPassword(db, input.viewer, await hashPassword(input.newPassword), input.currentTokenHash);
  return { ok: true };
}
