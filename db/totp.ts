import { Secret, TOTP } from "otpauth";
import { TOTP_DIGITS, TOTP_ISSUER, TOTP_PERIOD_SECONDS, TOTP_SECRET_BYTES, TOTP_WINDOW_STEPS } from "./domain/totp";

/** Secrets, codes and the otpauth:// URI, through the otpauth library (db/domain stays free of packages). */

/** A new random secret, base32 (what the app and the otpauth:// URI take). */
export function newTotpSecret(): string {
  return new Secret({ size: TOTP_SECRET_BYTES }).base32;
}

/** The base32 secret of given bytes (the demo derives its administrator's secret; see db/seed/demo.ts). */
export function totpSecretFromBytes(bytes: Uint8Array): string {
  return new Secret({ buffer: bytes.slice().buffer }).base32;
}

function totpFor(secret: string, label = ""): TOTP {
  return new TOTP({
    issuer: TOTP_ISSUER,
    label,
    secret: Secret.fromBase32(secret),
    algorithm: "SHA1",
    digits: TOTP_DIGITS,
    period: TOTP_PERIOD_SECONDS,
  });
}

/** The otpauth:// URI the QR code carries: issuer "Samverkan", the person's e-mail address as the account. */
export function totpUri(secret: string, email: string): string {
  return totpFor(secret, email).toString();
}

/** The 30-second step a moment falls in. */
export function totpStep(now: Date): number {
  return TOTP.counter({ period: TOTP_PERIOD_SECONDS, timestamp: now.getTime() });
}

/** The code an app shows at `now` (tests compute codes with it, as a phone would). */
export function totpCode(secret: string, now: Date): string {
  return totpFor(secret).generate({ timestamp: now.getTime() });
}

/** The step of a matching code within the window around `now`, or null when the code does not match. */
export function matchingTotpStep(secret: string, code: string, now: Date): number | null {
  const delta = totpFor(secret).validate({ token: code, timestamp: now.getTime(), window: TOTP_WINDOW_STEPS });
  return delta === null ? null : totpStep(now) + delta;
}
