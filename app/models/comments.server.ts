import { ConflictError, ForbiddenError, NotFoundError } from "../../db/queries/errors";

/**
 * A comment verb's refusal as the comments panel shows it: a broken rule next to its field, a
 * missing right or a missing document as a message with its status. Unlike `fieldErrorsFrom`,
 * nothing is thrown: the panel asks in the background, and a thrown response would replace the
 * page (and its open editor) with an error page.
 */
export function commentRefusal(error: unknown): { message: string; field: string; status: 400 | 403 | 404 } {
  if (error instanceof ConflictError) return { message: error.message, field: error.field ?? "form", status: 400 };
  if (error instanceof ForbiddenError) return { message: error.message, field: "form", status: 403 };
  if (error instanceof NotFoundError) return { message: error.message, field: "form", status: 404 };
  throw error;
}
