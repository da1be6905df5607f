/** Pure rules of an agreement as administrators enter it: its URL name and when it is due for revision. */

/** The longest slug the agreement URLs accept (SlugSchema). */
export const MAX_SLUG_LENGTH = 60;

/**
 * A URL-safe name from a title or district: "Hässelby-Vällingby" → "hasselby-vallingby".
 * Diacritics are dropped (å, ä → a; ö → o; é → e), everything else but letters and digits becomes one hyphen.
 */
export function slugFrom(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .slice(0, MAX_SLUG_LENGTH)
    .replace(/^-+|-+$/g, "");
}

export const SLUG_PATTERN = /^[a-z0-9-]{1,60}$/;

/**
 * Whether a yearly revised agreement is due for revision on `today` (ISO date): its last revision, or its start
 * when it has not been revised, lies more than a year back. An agreement revised "vid behov" is never due by date.
 */
export function revisionDue(agreement: { revisionRule: string; startsOn: string; lastRevisedOn: string | null }, today: string): boolean {
  if (agreement.revisionRule !== "yearly") return false;
  const from = agreement.lastRevisedOn ?? agreement.startsOn;
  const aYearLater = `${Number(from.slice(0, 4)) + 1}${from.slice(4)}`;
  return aYearLater < today;
}

/** JSON with object keys sorted at every level, so one content always gives one text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}
