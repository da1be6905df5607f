/**
 * Authenticator app codes (TOTP, RFC 6238) as every common app reads them: SHA-1, 6 digits, 30-second
 * steps. Pure helpers; the codes themselves are computed in db/totp.ts, the verbs that store and check
 * factors are in db/queries/totp.ts.
 */
export const TOTP_ISSUER = "Samverkan";
export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** RFC 6238 recommends 160 bits for SHA-1. */
export const TOTP_SECRET_BYTES = 20;
/** One step either side: a phone clock a little off still works, a code read over a shoulder expires soon. */
export const TOTP_WINDOW_STEPS = 1;
export const RECOVERY_CODE_COUNT = 10;

/** What a person typed, as a code: digits only (apps show "123 456"), or null when it cannot be one. */
export function normaliseTotpCode(input: string): string | null {
  const digits = input.replace(/[\s-]/g, "");
  return new RegExp(`^\\d{${TOTP_DIGITS}}$`).test(digits) ? digits : null;
}

/** The secret as people type it from the screen: groups of four ("ABCD EFGH …"). */
export function groupedSecret(secret: string): string {
  return secret.replace(/(.{4})(?=.)/g, "$1 ");
}

// Letters only, without the ones easily mistaken for each other or for digits (i, l, o).
const recoveryAlphabet = "abcdefghjkmnpqrstuvwxyz";

/** A recovery code like "abcd-efgh-ijkl": 12 letters of 23, about 54 bits. `randomIndex(n)` gives 0 ≤ i < n. */
export function formatRecoveryCode(randomIndex: (n: number) => number): string {
  const letters = Array.from({ length: 12 }, () => recoveryAlphabet[randomIndex(recoveryAlphabet.length)]).join("");
  return `${letters.slice(0, 4)}-${letters.slice(4, 8)}-${letters.slice(8)}`;
}

/** A typed recovery code in the stored form: lower case, with the dashes, spaces and case people add or drop tolerated. */
export function normaliseRecoveryCode(input: string): string | null {
  const letters = input.toLowerCase().replace(/[\s-]/g, "");
  if (!/^[a-z]{12}$/.test(letters)) return null;
  return `${letters.slice(0, 4)}-${letters.slice(4, 8)}-${letters.slice(8)}`;
}

/** The second factors a login can end with: the authenticator's code, or one of the recovery codes. */
export type SecondFactor = "totp" | "recovery";

/** A session's auth_method: the first factor and, after a "+", the second ("password+totp", "oidc:stad+recovery"). */
export function authMethodOf(firstFactor: string, secondFactor: SecondFactor | null): string {
  return secondFactor ? `${firstFactor}+${secondFactor}` : firstFactor;
}

/** Administration needs a session that ended with a second factor. */
export function hasSecondFactor(authMethod: string | null): boolean {
  return authMethod !== null && /\+(totp|recovery)$/.test(authMethod);
}

/** Shown when a second login step has no live challenge: it took too long, had too many wrong codes, or was never begun. */
export const challengeGoneText = "Inloggningen har avbrutits: den tog för lång tid eller fick för många felaktiga koder. Logga in igen.";
