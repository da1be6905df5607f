import { ConflictError, ForbiddenError, NotFoundError } from "../../db/queries/errors";
import type { FieldErrors } from "../utils/forms";
import { notFound } from "../utils/http.server";

/**
 * Turns a domain verb's refusal into what the form shows: a broken rule becomes
 * a Swedish message next to its field (or the form), a missing right a 403, and
 * something missing or not the viewer's to see the same 404 as a missing page.
 * Anything else is a bug and propagates.
 */
export function fieldErrorsFrom(error: unknown): FieldErrors {
  if (error instanceof ConflictError) return { [error.field ?? "form"]: error.message };
  if (error instanceof ForbiddenError) throw new Response(error.message, { status: 403 });
  if (error instanceof NotFoundError) throw notFound();
  throw error;
}

/** A refused form post: what the form shows, and the HTTP status it is answered with. */
export interface Refusal {
  fieldErrors: FieldErrors;
  status: 200 | 404;
}

/**
 * Like `fieldErrorsFrom`, for a page that shows "does not exist, or not yours"
 * in its form (something on it may have been removed meanwhile): 404 with the
 * one message for both cases, whichever it was.
 */
export function refusalFrom(error: unknown): Refusal {
  if (error instanceof NotFoundError) return { fieldErrors: { form: error.message }, status: 404 };
  return { fieldErrors: fieldErrorsFrom(error), status: 200 };
}
