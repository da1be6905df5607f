import { getDb } from "../../db/client";
import { dummyPasswordHash, verifyPassword } from "../../db/password";
import { knownDeviceHash, rememberDevice } from "../../db/queries/known-devices";
import { forgiveLoginAttempt, reserveLoginAttempt } from "../../db/queries/login-throttle";
import { findLoginAccount, normaliseEmail } from "../../db/queries/people";
import { createSession, deleteSession } from "../../db/queries/sessions";

export type AuthResult =
  { ok: true; personId: number; deviceToken: string } | { ok: false; reason: "invalid" } | { ok: false; reason: "throttled"; retryAfterMs: number };

/**
 * Checks a login attempt. Unknown accounts, wrong passwords and deactivated
 * accounts are indistinguishable to the caller, in answer and in timing.
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
  if (account && account.active && account.passwordHash && passwordMatches) {
    forgiveLoginAttempt(db, reservation.attemptId, attempt);
    return { ok: true, personId: account.id, deviceToken: rememberDevice(db, account.id, deviceHash ? input.deviceToken : null) };
  }
  return { ok: false, reason: "invalid" };
}

/** A new session for someone `authenticate` let in: the token for the session cookie. */
export function openSession(personId: number): string {
  return createSession(getDb(), personId);
}

/** Ends the session whose token the cookie held (logging out). */
export function closeSession(token: string): void {
  deleteSession(getDb(), token);
}
