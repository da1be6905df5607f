import type { OrganisationInput } from "../../db/queries/organisations";
import { fieldErrorsFrom } from "./domain-errors.server";
import { parseForm, type FieldErrors } from "../utils/forms";
import { OrganisationSchema } from "../utils/validation";

/**
 * Validates the create/edit organisation form and hands it to `save` (createOrganisation or
 * updateOrganisation, by an administrator): field errors for the form, or what `save` returned.
 */
export async function parseOrganisationForm<T>(
  request: Request,
  save: (organisation: OrganisationInput) => T,
): Promise<{ value: T } | { fieldErrors: FieldErrors }> {
  const parsed = parseForm(OrganisationSchema, await request.formData());
  if (!parsed.ok) return { fieldErrors: parsed.fieldErrors };
  try {
    return { value: save(parsed.data) };
  } catch (error) {
    return { fieldErrors: fieldErrorsFrom(error) };
  }
}
