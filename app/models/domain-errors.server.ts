import { ConflictError, ForbiddenError } from "../../db/queries/errors";
import type { FieldErrors } from "../utils/forms";

/**
 * Turns a domain verb's refusal into what the form shows: a broken rule becomes
 * a Swedish message next to its field (or the form), a missing right a 403.
 * Anything else is a bug and propagates.
 */
export function fieldErrorsFrom(error: unknown): FieldErrors {
  if (error instanceof ConflictError) return { [error.field ?? "form"]: error.message };
  if (error instanceof ForbiddenError) throw new Response(error.message, { status: 403 });
  throw error;
}
