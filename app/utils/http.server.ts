import type { z } from "zod";
import { IdSchema } from "./validation";

/**
 * The one answer for "does not exist" and "not yours to see" (README decision 3):
 * the same status and body whichever it is, so existence is never disclosed.
 */
export function notFound(): Response {
  return new Response("Sidan finns inte, eller så har du inte behörighet att se den.", { status: 404 });
}

/** A URL id parameter, or a 404 when it is not a positive integer. */
export function requireIdParam(value: string | undefined): number {
  const parsed = IdSchema.safeParse(value);
  if (!parsed.success) throw notFound();
  return parsed.data;
}

/** Parses a URL parameter with a schema, or answers 404. */
export function requireParam<S extends z.ZodType>(schema: S, value: string | undefined): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw notFound();
  return parsed.data;
}
