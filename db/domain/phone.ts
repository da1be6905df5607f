/**
 * A work phone number as people write it ("08-508 000 00", "+46 70 000 00 01", "(08) 123 45"): digits,
 * spaces, +, - and parentheses, at most 30 characters. Kept as written, for people to read; the `tel:`
 * link is made from it.
 */
export const PHONE_MAX = 30;

/** The form field's help text, wherever the number is entered. */
export const PHONE_HINT = "Arbetstelefon, till exempel 08-508 000 00, som visas i överenskommelsernas kontaktuppgifter. Ett tomt fält tar bort numret.";

/** The number as stored: trimmed, runs of spaces made one; null when blank. */
export function normalisePhone(value: string): string | null {
  const phone = value.trim().replace(/\s+/g, " ");
  return phone === "" ? null : phone;
}

/** Why the number cannot be stored, or null when it can (blank clears it). */
export function phoneError(value: string): string | null {
  const phone = normalisePhone(value);
  if (phone === null) return null;
  if (phone.length > PHONE_MAX) return `Högst ${PHONE_MAX} tecken.`;
  if (!/^[0-9+\-() ]+$/.test(phone) || !/\d/.test(phone)) return "Använd siffror, mellanslag, +, - och parenteser, till exempel 08-508 000 00.";
  return null;
}

/**
 * The `tel:` link of a number: its digits, with a leading + kept (RFC 3966 lets the rest go). In an
 * international number a "(0)" is the trunk prefix written for domestic callers, and is dropped.
 */
export function telHref(phone: string): string {
  const international = phone.trim().startsWith("+");
  return `tel:${international ? "+" : ""}${(international ? phone.replace(/\(0\)/g, "") : phone).replace(/\D/g, "")}`;
}
