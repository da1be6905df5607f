import { mailOrigin as linkOrigin } from "../../db/queries/notify";
import { adminQueries, assertImportSize, type ImportRow } from "./admin.server";
import { db, type Viewer } from "./db.server";
import { fieldErrorsFrom } from "./domain-errors.server";
import type { FieldErrors } from "../utils/forms";

export type ImportResult =
  | { step: "preview"; rows: ImportRow[]; csv: string }
  | { step: "imported"; created: ImportRow[]; skipped: ImportRow[] }
  | { step: "refused"; fieldErrors: FieldErrors };

/**
 * The import page's two posts: "preview" reads the uploaded or pasted file and checks every
 * row without writing; "import" gets the same text back and imports it, checking it all again.
 */
export async function handlePeopleImport(request: Request, viewer: Viewer): Promise<ImportResult> {
  const form = await request.formData();
  try {
    const text = await submittedText(form);
    if (text === null) return { step: "refused", fieldErrors: { file: "Välj en CSV-fil eller klistra in raderna." } };
    if (form.get("intent") === "import") {
      const invite = form.get("invite") === "on";
      const rows = adminQueries.importPeople(db(), viewer, text, new Date(), invite ? linkOrigin() : null);
      return { step: "imported", created: rows.filter((r) => r.errors.length === 0), skipped: rows.filter((r) => r.errors.length > 0) };
    }
    return { step: "preview", rows: adminQueries.previewPeopleImport(db(), viewer, text), csv: text };
  } catch (error) {
    return { step: "refused", fieldErrors: fieldErrorsFrom(error) };
  }
}

/** The file's text (an uploaded file wins over pasted text), or null when neither was given. */
async function submittedText(form: FormData): Promise<string | null> {
  const file = form.get("file");
  if (file instanceof Blob && file.size > 0) {
    assertImportSize(file.size);
    return decode(new Uint8Array(await file.arrayBuffer()));
  }
  const pasted = form.get("csv");
  return typeof pasted === "string" && pasted.trim() ? pasted : null;
}

/** UTF-8 (Excel's "CSV UTF-8", with a BOM) or, failing that, Windows-1252 (Excel's plain "CSV" in Sweden). */
function decode(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder("windows-1252").decode(bytes);
  }
}
