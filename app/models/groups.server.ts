import type { NewGroup } from "../../db/queries/groups";
import { fieldErrorsFrom } from "./domain-errors.server";
import { parseForm, type FieldErrors } from "../utils/forms";
import { NewGroupSchema } from "../utils/validation";

/**
 * Validates the create/edit group form and hands the group to `save`
 * (createGroup or updateGroup, by an administrator): field errors for the form, or what `save` returned.
 */
export async function parseGroupForm<T>(request: Request, save: (group: NewGroup) => T): Promise<{ value: T } | { fieldErrors: FieldErrors }> {
  const parsed = parseForm(NewGroupSchema, await request.formData());
  if (!parsed.ok) return { fieldErrors: parsed.fieldErrors };
  try {
    return { value: save(parsed.data) };
  } catch (error) {
    return { fieldErrors: fieldErrorsFrom(error) };
  }
}
