import { readFileSync } from "node:fs";
import path from "node:path";
import { passwordShapeProblem, type PasswordProblem } from "./domain/password-rule";

/**
 * The one password rule (NIST SP 800-63B): the shape in domain/password-rule.ts, and not on the
 * shipped list of guessable passwords. Used by the admin UI, the admin CLI and the check of
 * DEMO_PASSWORD, so they cannot drift apart.
 */

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

/** What is wrong with a new password, or null when it may be used. */
export function passwordProblem(password: string): PasswordProblem | null {
  return passwordShapeProblem(password) ?? (isCommon(password) ? "common" : null);
}
