import { getDb } from "../../db/client";
import { hashPassword } from "../../db/password";
import { passwordProblem, passwordProblemInSwedish } from "../../db/password-policy";
import { ConflictError } from "../../db/queries/errors";
import { createPersonAsAdmin, type NewPerson } from "../../db/queries/people";
import type { Viewer } from "../../db/queries/sessions";

/** Creates a person with an initial password (hashed here, never stored in clear). */
export async function createPersonWithPassword(
  viewer: Viewer,
  input: Omit<NewPerson, "passwordHash"> & { password: string },
): Promise<number> {
  const { password, ...person } = input;
  const problem = passwordProblem(password);
  if (problem) throw new ConflictError(passwordProblemInSwedish[problem], "password");
  return createPersonAsAdmin(getDb(), viewer, { ...person, passwordHash: await hashPassword(password) });
}
