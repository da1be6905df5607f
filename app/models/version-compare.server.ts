import { diffWords } from "diff";

/** A stretch of a paragraph in one column of the comparison: unchanged, or only in the old (del) or new (ins) text. */
export interface DiffSegment {
  text: string;
  change: "same" | "ins" | "del";
}

/** One column of a part: paragraphs of segments. */
export type DiffColumn = DiffSegment[][];

/**
 * The word-level difference of two plain texts (one paragraph a line), as the two columns the
 * compare view shows side by side: the old text with its deletions marked, the new one with its
 * insertions. Paragraph breaks take part in the diff, so an added paragraph is one insertion.
 */
export function diffColumns(oldText: string, newText: string): { before: DiffColumn; after: DiffColumn; changed: boolean } {
  const before: DiffColumn = [[]];
  const after: DiffColumn = [[]];
  let changed = false;
  const add = (column: DiffColumn, text: string, change: DiffSegment["change"]) => {
    text.split("\n").forEach((piece, index) => {
      if (index > 0) column.push([]);
      if (piece !== "") column.at(-1)!.push({ text: piece, change });
    });
  };
  for (const part of diffWords(oldText, newText)) {
    if (part.added) {
      changed = true;
      add(after, part.value, "ins");
    } else if (part.removed) {
      changed = true;
      add(before, part.value, "del");
    } else {
      add(before, part.value, "same");
      add(after, part.value, "same");
    }
  }
  const nonEmpty = (column: DiffColumn) => column.filter((paragraph) => paragraph.some((segment) => segment.text.trim() !== ""));
  return { before: nonEmpty(before), after: nonEmpty(after), changed };
}

/** A field of the rows around the text (a section's status, a source's year) that differs between two versions. */
export interface FieldChange {
  what: string;
  before: string;
  after: string;
}

const collectionLabels: Record<string, string> = { sections: "Avsnitt", sources: "Underlag", places: "Plats", rows: "Åtgärd", activities: "Aktivitet" };
const fieldLabels: Record<string, string> = {
  title: "rubrik",
  owner: "ansvarig",
  status: "status",
  notApplicableReason: "skäl för ej aktuellt",
  year: "år",
  source: "avsändare",
  name: "namn",
  district: "område",
  type: "typ",
  why: "varför",
  since: "sedan",
  // A plan's rows (named, see comparedData in versions.server.ts).
  measure: "åtgärd",
  problem: "problem",
  cause: "orsak",
  places: "platser",
  priorityAreas: "prioriterade områden",
  goal: "operativt mål",
  indicator: "indikator",
  period: "tid",
  party: "ansvarig part",
  responsibleFunction: "ansvarig funktion",
  person: "ansvarig person",
  followUp: "uppföljning",
  // A kommunikationsplan's activities (see comparedData in versions.server.ts).
  what: "vad",
  audience: "till vem",
  channel: "kanal",
  timing: "när",
  plannedOn: "datum",
  responsible: "vem",
};

/** What identifies or names a row rather than being one of its fields. */
const notFields = new Set(["key", "id", "uid", "label"]);

type Row = Record<string, unknown>;

/** Each row of each list in a version's data by a stable key (its key, id, uid or title), with a readable name (its label, title or name). */
function rowsByKey(data: Row): Map<string, { label: string; fields: Row }> {
  const rows = new Map<string, { label: string; fields: Row }>();
  for (const [collection, value] of Object.entries(data)) {
    if (!Array.isArray(value)) {
      rows.set(collection, { label: fieldLabels[collection] ?? collection, fields: { value } });
      continue;
    }
    value.forEach((row: Row, index) => {
      const key = String(row.key ?? row.id ?? row.uid ?? row.title ?? index);
      const name = String(row.label ?? row.title ?? row.name ?? key);
      rows.set(`${collection}:${key}`, { label: `${collectionLabels[collection] ?? collection} ”${name}”`, fields: row });
    });
  }
  return rows;
}

const shown = (value: unknown) => (value === null || value === undefined || value === "" ? "–" : String(value));

/** The fields that differ between two versions' `data` (JSON), as a list: what, before, after. */
export function dataChanges(beforeJson: string, afterJson: string): FieldChange[] {
  const before = rowsByKey(JSON.parse(beforeJson) as Row);
  const after = rowsByKey(JSON.parse(afterJson) as Row);
  const changes: FieldChange[] = [];
  for (const key of new Set([...before.keys(), ...after.keys()])) {
    const old = before.get(key);
    const now = after.get(key);
    if (!old) changes.push({ what: now!.label, before: "fanns inte", after: "tillagd" });
    else if (!now) changes.push({ what: old.label, before: "fanns", after: "borttagen" });
    else {
      for (const field of new Set([...Object.keys(old.fields), ...Object.keys(now.fields)])) {
        if (notFields.has(field)) continue;
        if (JSON.stringify(old.fields[field]) === JSON.stringify(now.fields[field])) continue;
        const what = field === "value" ? now.label : `${now.label}, ${fieldLabels[field] ?? field}`;
        changes.push({ what, before: shown(old.fields[field]), after: shown(now.fields[field]) });
      }
    }
  }
  return changes;
}
