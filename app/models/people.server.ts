import { getDb } from "../../db/client";
import { hashPassword } from "../../db/password";
import { createPersonAsAdmin, type NewPerson } from "../../db/queries/people";
import type { Viewer } from "../../db/queries/sessions";

/** Creates a person with an initial password (hashed here, never stored in clear). */
export async function createPersonWithPassword(
  viewer: Viewer,
  input: Omit<NewPerson, "passwordHash"> & { password: string },
): Promise<number> {
  const { password, ...person } = input;
  return createPersonAsAdmin(getDb(), viewer, { ...person, passwordHash: await hashPassword(password) });
}
