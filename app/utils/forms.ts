import type { z } from "zod";

export type FieldErrors = Record<string, string>;

/**
 * Validates submitted form data against a zod schema. On failure returns the
 * first message per field, for display next to that field.
 */
export function parseForm<S extends z.ZodType>(schema: S, formData: FormData): { ok: true; data: z.infer<S> } | { ok: false; fieldErrors: FieldErrors } {
  const raw: Record<string, unknown> = {};
  for (const key of new Set(formData.keys())) {
    const values = formData.getAll(key).map((v) => (typeof v === "string" ? v : ""));
    raw[key] = values.length > 1 ? values : values[0];
  }
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, data: result.data };
  const fieldErrors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? "form");
    fieldErrors[field] ??= issue.message;
  }
  return { ok: false, fieldErrors };
}
