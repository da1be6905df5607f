import { getDb } from "../../db/client";
import { hashPassword } from "../../db/password";
import { passwordProblemInSwedish } from "../../db/domain/password-rule";
import { passwordProblem } from "../../db/password-policy";
import { ConflictError } from "../../db/queries/errors";
import { createPersonAsAdmin, type NewPerson } from "../../db/queries/people";
import type { Viewer } from "../../db/queries/sessions";

/** The Swedish message for a password that breaks the password rule, or null. */
export function passwordFieldError(password: FormDataEntryValue | null): string | null {
  const problem = passwordProblem(typeof password === "string" ? password : "");
  return problem ? passwordProblemInSwedish[problem] : null;
}

/** Creates a person with an initial password (hashed here, never stored in clear). */
export async function createPersonWithPassword(viewer: Viewer, input: Omit<NewPerson, "passwordHash"> & { password: string }): Promise<number> {
  const { password, ...person } = input;
  const passwordError = passwordFieldError(password);
  if (passwordError) throw new ConflictError(passwordError, "password");
  return createPersonAsAdmin(getDb(), viewer, { ...person, passwordHash: await hashPassword(password) });
}
