/** Current time as an ISO-8601 UTC timestamp, the format of every timestamp column. */
export function nowIso(now: Date = new Date()): string {
  return now.toISOString();
}

const yearInStockholm = new Intl.DateTimeFormat("en-US", { timeZone: "Europe/Stockholm", year: "numeric" });

const dateInStockholm = new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Stockholm", year: "numeric", month: "2-digit", day: "2-digit" });

/** The calendar date in Stockholm at an instant, "2026-11-23": due dates are Stockholm days. */
export function stockholmDate(at: Date = new Date()): string {
  return dateInStockholm.format(at);
}

/** The calendar year in Stockholm at an instant: meeting cadence and § numbering follow it. */
export function stockholmYear(at: Date | string): number {
  return Number(yearInStockholm.format(typeof at === "string" ? new Date(at) : at));
}
