import { stockholmClock, stockholmDate, stockholmLongDate, stockholmWeekday, type Instant } from "../../db/domain/stockholm-time";

// All dates are shown in Stockholm time, whatever the server's or browser's time zone; a bare
// date (YYYY-MM-DD) means that day in Stockholm (db/domain/stockholm-time.ts).

/** "14 mars 2025" */
export const formatLongDate = stockholmLongDate;

/** "2025-03-14" */
export const formatIsoDate = stockholmDate;

/** "tisdag 14 mars 2025 kl. 09:00" */
export function formatMeetingTime(value: Instant): string {
  return `${stockholmWeekday(value)} ${stockholmLongDate(value)} kl. ${stockholmClock(value)}`;
}

/** "09:30" */
export const formatClock = stockholmClock;
