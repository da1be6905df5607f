/** Current time as an ISO-8601 UTC timestamp, the format of every timestamp column. */
export function nowIso(now: Date = new Date()): string {
  return now.toISOString();
}
