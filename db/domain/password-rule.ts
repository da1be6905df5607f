/**
 * The password rule (NIST SP 800-63B) as far as it needs no list: long enough, not one repeated
 * character or blank. db/password-policy.ts adds the shipped list of guessable passwords, read on
 * the server; forms (the login's maximum) use the lengths from here.
 */
export const MIN_PASSWORD_LENGTH = 12;
/** The login form accepts up to this many characters too. */
export const MAX_PASSWORD_LENGTH = 200;

export type PasswordProblem = "too-short" | "too-long" | "one-character" | "blank" | "common";

/** What is wrong with a password's shape, or null. Lengths count characters (code points), not UTF-16 units. */
export function passwordShapeProblem(password: string): Exclude<PasswordProblem, "common"> | null {
  const characters = [...password];
  if (characters.length < MIN_PASSWORD_LENGTH) return "too-short";
  if (characters.length > MAX_PASSWORD_LENGTH) return "too-long";
  if (/^\s*$/u.test(password)) return "blank";
  if (new Set(characters).size === 1) return "one-character";
  return null;
}

export const passwordProblemInSwedish: Record<PasswordProblem, string> = {
  "too-short": `Lösenordet måste ha minst ${MIN_PASSWORD_LENGTH} tecken.`,
  "too-long": `Lösenordet får ha högst ${MAX_PASSWORD_LENGTH} tecken.`,
  blank: "Lösenordet får inte bestå av bara blanksteg.",
  "one-character": "Lösenordet får inte bestå av ett och samma tecken.",
  common: "Lösenordet är för vanligt och lätt att gissa. Välj ett annat, till exempel några ord som inte hör ihop.",
};

/** For the operator's command line and the start-up check, which speak English. */
export const passwordProblemInEnglish: Record<PasswordProblem, string> = {
  "too-short": `must be at least ${MIN_PASSWORD_LENGTH} characters`,
  "too-long": `must be at most ${MAX_PASSWORD_LENGTH} characters`,
  blank: "must not be only whitespace",
  "one-character": "must not be one character repeated",
  common: "is on the list of common passwords (db/common-passwords.txt)",
};
