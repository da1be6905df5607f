import { getDb } from "../../db/client";
import { dummyPasswordHash, verifyPassword } from "../../db/password";
import { clearLoginFailures, isLoginThrottled, recordLoginFailure } from "../../db/queries/login-throttle";
import { findLoginAccount, normaliseEmail } from "../../db/queries/people";

export type AuthResult = { ok: true; personId: number } | { ok: false; reason: "invalid" | "throttled" };

/**
 * Checks a login attempt. Unknown accounts, wrong passwords and deactivated
 * accounts are indistinguishable to the caller, in answer and in timing.
 */
export async function authenticate(input: { email: string; password: string; address: string }): Promise<AuthResult> {
  const db = getDb();
  const email = normaliseEmail(input.email);
  const attempt = { email, address: input.address };
  if (isLoginThrottled(db, attempt)) return { ok: false, reason: "throttled" };

  const account = findLoginAccount(db, email);
  const hash = account?.passwordHash ?? (await dummyPasswordHash());
  const passwordMatches = await verifyPassword(hash, input.password);
  if (account && account.active && account.passwordHash && passwordMatches) {
    clearLoginFailures(db, email);
    return { ok: true, personId: account.id };
  }
  recordLoginFailure(db, attempt);
  return { ok: false, reason: "invalid" };
}
