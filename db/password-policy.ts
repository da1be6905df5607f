import { readFileSync } from "node:fs";
import path from "node:path";

/**
 * The one password rule (NIST SP 800-63B): long enough, not one repeated character or
 * blank, and not on the shipped list of guessable passwords. Used by the admin UI, the
 * admin CLI and the check of DEMO_PASSWORD, so they cannot drift apart.
 */
export const MIN_PASSWORD_LENGTH = 12;
/** The login form accepts up to this many characters too. */
export const MAX_PASSWORD_LENGTH = 200;

export type PasswordProblem = "too-short" | "too-long" | "one-character" | "blank" | "common";

// Resolved from the working directory like build/ (server/app.ts): this module is also
// bundled into build/, where its own location says nothing about where db/ is.
const listPath = path.resolve("db/common-passwords.txt");
let commonPasswords: Set<string> | undefined;

function isCommon(password: string): boolean {
  commonPasswords ??= new Set(
    readFileSync(listPath, "utf8")
      .split("\n")
      .filter((line) => line !== "" && !line.startsWith("#")),
  );
  return commonPasswords.has(comparable(password));
}

/** Case and Unicode form do not make a listed password any harder to guess. */
function comparable(password: string): string {
  return password.normalize("NFKC").toLowerCase();
}

/** What is wrong with a new password, or null when it may be used. Lengths count characters (code points), not UTF-16 units. */
export function passwordProblem(password: string): PasswordProblem | null {
  const characters = [...password];
  if (characters.length < MIN_PASSWORD_LENGTH) return "too-short";
  if (characters.length > MAX_PASSWORD_LENGTH) return "too-long";
  if (/^\s*$/u.test(password)) return "blank";
  if (new Set(characters).size === 1) return "one-character";
  if (isCommon(password)) return "common";
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
