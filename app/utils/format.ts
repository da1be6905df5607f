// All dates are shown in Stockholm time, whatever the server's time zone.
const zone = "Europe/Stockholm";
const longDate = new Intl.DateTimeFormat("sv-SE", { dateStyle: "long", timeZone: zone });
const isoDate = new Intl.DateTimeFormat("sv-SE", { year: "numeric", month: "2-digit", day: "2-digit", timeZone: zone });
const time = new Intl.DateTimeFormat("sv-SE", { hour: "2-digit", minute: "2-digit", timeZone: zone });
const weekday = new Intl.DateTimeFormat("sv-SE", { weekday: "long", timeZone: zone });

function toDate(value: string | Date): Date {
  // A bare date (YYYY-MM-DD) means that day in Stockholm, not midnight UTC.
  if (typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value)) return new Date(`${value}T12:00:00Z`);
  return typeof value === "string" ? new Date(value) : value;
}

/** "14 mars 2025" */
export function formatLongDate(value: string | Date): string {
  return longDate.format(toDate(value));
}

/** "2025-03-14" */
export function formatIsoDate(value: string | Date): string {
  return isoDate.format(toDate(value));
}

/** "tisdag 14 mars 2025 kl. 09:00" */
export function formatMeetingTime(value: string | Date): string {
  const d = toDate(value);
  return `${weekday.format(d)} ${longDate.format(d)} kl. ${time.format(d)}`;
}

/** "09:30" */
export function formatClock(value: string | Date): string {
  return time.format(toDate(value));
}
