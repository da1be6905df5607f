import { parse } from "csv-parse/sync";
import { queueInvitation } from "./account-tokens";
import { type Db, writeTransaction } from "../client";
import { organisations, people } from "../schema";
import { assertAdmin, ConflictError } from "./errors";
import { auditPersonCreated, insertPerson, normaliseEmail } from "./people";
import type { Viewer } from "./sessions";

/**
 * Importing people from a CSV file (as Excel in Sweden saves it: `;`-separated, often with a
 * UTF-8 BOM). The preview and the import run the same checks: the import re-reads the file
 * and the database, so nothing the preview showed is trusted.
 */

export const IMPORT_MAX_ROWS = 1000;
/** Far above 1 000 rows of four short columns, and below the form post limit even when sent again with the confirmation. */
export const IMPORT_MAX_BYTES = 500 * 1024;

/** The columns by their header (any case); namn and e-post are required. */
const columnHeaders = {
  namn: "name",
  "e-post": "email",
  epost: "email",
  "e-postadress": "email",
  titel: "title",
  befattning: "title",
  organisation: "organisation",
} as const;
type Column = (typeof columnHeaders)[keyof typeof columnHeaders];

export interface ImportRow {
  /** The line of the file the row ends on (the header is line 1). */
  line: number;
  name: string;
  email: string;
  title: string;
  organisation: string;
  organisationId: number | null;
  /** Swedish, one per broken rule; empty when the row can be imported. */
  errors: string[];
}

interface ParsedRow {
  line: number;
  fields: Record<Column, string>;
}

/** Refuses a file over the size limit (before it is even read, for an upload). */
export function assertImportSize(bytes: number): void {
  if (bytes > IMPORT_MAX_BYTES) throw new ConflictError(`Filen är för stor. Högst ${IMPORT_MAX_BYTES / 1024} kB; dela upp den i flera filer.`, "file");
}

/** The rows of the file under its header, or a ConflictError (field "file") saying what is wrong with the file as a whole. */
export function parsePeopleCsv(text: string): ParsedRow[] {
  assertImportSize(Buffer.byteLength(text, "utf8"));
  const withoutBom = text.replace(/^\uFEFF/, "");
  const headerLine = withoutBom.split(/\r?\n/, 1)[0] ?? "";
  // Excel in Sweden separates with ";" (the comma is the decimal sign); others write ",".
  const delimiter = (headerLine.match(/;/g)?.length ?? 0) >= (headerLine.match(/,/g)?.length ?? 0) ? ";" : ",";
  let records: { record: string[]; info: { lines: number } }[];
  try {
    // `info` adds each record's line; the typings do not follow that option.
    records = parse(withoutBom, { delimiter, info: true, trim: true, skip_empty_lines: true, relax_column_count: true }) as unknown as typeof records;
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    throw new ConflictError(`Filen går inte att läsa som CSV${line ? ` (rad ${line})` : ""}. Kontrollera citattecknen.`, "file");
  }
  records = records.filter((r) => r.record.some((field) => field !== ""));
  if (records.length === 0) throw new ConflictError("Filen är tom. Första raden ska vara rubrikerna namn, e-post, titel, organisation.", "file");
  const columns = headerColumns(records[0].record);
  const rows = records.slice(1);
  if (rows.length === 0) throw new ConflictError("Filen har bara en rubrikrad och inga personer.", "file");
  if (rows.length > IMPORT_MAX_ROWS)
    throw new ConflictError(`Filen har ${rows.length} rader. Högst ${IMPORT_MAX_ROWS} personer åt gången; dela upp den.`, "file");
  return rows.map(({ record, info }) => {
    const fields: Record<Column, string> = { name: "", email: "", title: "", organisation: "" };
    columns.forEach((column, i) => {
      if (column) fields[column] = record[i] ?? "";
    });
    return { line: info.lines, fields };
  });
}

function headerColumns(header: string[]): (Column | null)[] {
  const columns = header.map((title) => columnHeaders[title.toLocaleLowerCase("sv") as keyof typeof columnHeaders] ?? null);
  const unknown = header.filter((title, i) => columns[i] === null && title !== "");
  if (unknown.length > 0) {
    throw new ConflictError(`Okänd kolumn ${unknown.map((t) => `”${t}”`).join(", ")}. Kolumnerna ska heta namn, e-post, titel och organisation.`, "file");
  }
  const missing = (["name", "email"] as const).filter((column) => !columns.includes(column));
  if (missing.length > 0) {
    throw new ConflictError("Första raden ska vara rubrikerna namn, e-post, titel, organisation (namn och e-post måste finnas).", "file");
  }
  return columns;
}

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Checks every row against the rules and the database as it is now. */
function checkRows(db: Db, rows: ParsedRow[]): ImportRow[] {
  const existing = new Set(
    db
      .select({ email: people.email })
      .from(people)
      .all()
      .map((p) => p.email),
  );
  const organisationIds = new Map(
    db
      .select({ id: organisations.id, name: organisations.name })
      .from(organisations)
      .all()
      .map((o) => [o.name.toLocaleLowerCase("sv"), o.id]),
  );
  const firstLineOf = new Map<string, number>();
  return rows.map(({ line, fields }) => {
    const errors: string[] = [];
    const email = normaliseEmail(fields.email);
    if (!fields.name) errors.push("Namn saknas.");
    else if (fields.name.length > 100) errors.push("Namnet är längre än 100 tecken.");
    if (!email) errors.push("E-postadress saknas.");
    else if (email.length > 254 || !emailPattern.test(email)) errors.push("Ogiltig e-postadress.");
    else if (existing.has(email)) errors.push("Det finns redan en person med den e-postadressen.");
    else if (firstLineOf.has(email)) errors.push(`Samma e-postadress som på rad ${firstLineOf.get(email)}.`);
    else firstLineOf.set(email, line);
    if (fields.title.length > 100) errors.push("Titeln är längre än 100 tecken.");
    const organisationId = fields.organisation ? (organisationIds.get(fields.organisation.toLocaleLowerCase("sv")) ?? null) : null;
    if (fields.organisation && organisationId === null) errors.push(`Det finns ingen organisation som heter ”${fields.organisation}”.`);
    return { line, ...fields, email, organisationId, errors };
  });
}

/** The preview: every row with its errors. Writes nothing. */
export function previewPeopleImport(db: Db, viewer: Viewer, text: string): ImportRow[] {
  assertAdmin(viewer);
  return checkRows(db, parsePeopleCsv(text));
}

/**
 * Creates the people of the rows that pass every check now, in one transaction with one audit
 * entry each, without passwords: they cannot log in until they accept an invitation, sent at once
 * when `inviteOrigin` (the origin for the links) is given, or later from their page.
 * Returns the checked rows; those without errors were created.
 */
export function importPeople(db: Db, viewer: Viewer, text: string, now = new Date(), inviteOrigin: string | null = null): ImportRow[] {
  assertAdmin(viewer);
  const parsed = parsePeopleCsv(text);
  return writeTransaction(db, (tx) => {
    const rows = checkRows(tx, parsed);
    for (const row of rows.filter((r) => r.errors.length === 0)) {
      const person = { name: row.name, email: row.email, title: row.title || null, organisationId: row.organisationId, passwordHash: null };
      const id = insertPerson(tx, person, now);
      auditPersonCreated(tx, viewer, id, person, true, now);
      if (inviteOrigin) queueInvitation(tx, viewer, id, inviteOrigin, now);
    }
    return rows;
  });
}
