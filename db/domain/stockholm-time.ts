/**
 * Stockholm calendar and wall-clock time: meetings, due dates, § years and every date shown or
 * printed are Stockholm's, whatever the server's or browser's time zone. The one implementation:
 * Intl with the IANA zone, so daylight saving time follows the tz database and nothing here
 * knows when the clocks change.
 */
const zone = "Europe/Stockholm";

const dateFormat = new Intl.DateTimeFormat("sv-SE", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit" });
const longDateFormat = new Intl.DateTimeFormat("sv-SE", { timeZone: zone, dateStyle: "long" });
const weekdayFormat = new Intl.DateTimeFormat("sv-SE", { timeZone: zone, weekday: "long" });
const wallClockFormat = new Intl.DateTimeFormat("en-US", {
  timeZone: zone,
  year: "numeric",
  month: "numeric",
  day: "numeric",
  hour: "numeric",
  minute: "numeric",
  hourCycle: "h23",
});

/** An ISO instant ("2025-03-14T08:00:00.000Z"), a bare Stockholm day ("2025-03-14") or a Date. */
export type Instant = string | Date;

const bareDate = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The instant that stands for a Stockholm calendar day given as "2025-03-14": noon UTC, which is
 * inside that day whatever the offset (UTC+1 or UTC+2), where midnight UTC would not be.
 */
export function dayInstant(date: string): string {
  return `${date}T12:00:00.000Z`;
}

function toDate(value: Instant): Date {
  if (typeof value !== "string") return value;
  return new Date(bareDate.test(value) ? dayInstant(value) : value);
}

/** Year, month (1–12), day, hour and minute of the wall clock in Stockholm at an instant. */
function wallClock(at: Date): { year: number; month: number; day: number; hour: number; minute: number } {
  const parts = Object.fromEntries(wallClockFormat.formatToParts(at).map((p) => [p.type, p.value]));
  return { year: Number(parts.year), month: Number(parts.month), day: Number(parts.day), hour: Number(parts.hour), minute: Number(parts.minute) };
}

/** The calendar date in Stockholm at an instant, "2026-11-23": due dates and file names use it. */
export function stockholmDate(at: Instant = new Date()): string {
  return dateFormat.format(toDate(at));
}

/** The calendar day `days` after a bare day ("2025-03-14", 3 → "2025-03-17"); days have no clock, so no offset matters. */
export function daysAfter(date: string, days: number): string {
  return new Date(new Date(dayInstant(date)).getTime() + days * 86_400_000).toISOString().slice(0, 10);
}

/** The hour (0–23) of the wall clock in Stockholm at an instant. */
export function stockholmHour(at: Instant): number {
  return wallClock(toDate(at)).hour;
}

/** The calendar year in Stockholm at an instant: meeting cadence and § numbering follow it. */
export function stockholmYear(at: Instant = new Date()): number {
  return wallClock(toDate(at)).year;
}

/** "09:30": the wall clock in Stockholm at an instant. */
export function stockholmClock(at: Instant): string {
  const { hour, minute } = wallClock(toDate(at));
  return `${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}`;
}

/** "14 mars 2025" */
export function stockholmLongDate(at: Instant): string {
  return longDateFormat.format(toDate(at));
}

/** "tisdag" */
export function stockholmWeekday(at: Instant): string {
  return weekdayFormat.format(toDate(at));
}

/** The day of the week in Stockholm at an instant, 0 = Sunday … 6 = Saturday (as Date.getUTCDay). */
export function stockholmDayOfWeek(at: Instant): number {
  return new Date(dayInstant(stockholmDate(at))).getUTCDay();
}

/**
 * The instant (ISO) at which the wall clock in Stockholm shows `time` ("HH:MM") on the Stockholm
 * calendar day of `onDayOf`: meeting times typed in, arrivals and departures during a meeting.
 */
export function stockholmTimeOnDay(onDayOf: Instant, time: string): string {
  const [year, month, day] = stockholmDate(onDayOf).split("-").map(Number);
  const [hours, minutes] = time.split(":").map(Number);
  const asIfUtc = Date.UTC(year, month - 1, day, hours, minutes);
  // The offset in force at the guess, then at the corrected instant: the second step matters only
  // when the clocks change between the two.
  let instant = asIfUtc - offsetAt(asIfUtc);
  instant = asIfUtc - offsetAt(instant);
  return new Date(instant).toISOString();
}

/** How far Stockholm's wall clock is ahead of UTC at an instant (ms). */
function offsetAt(epochMs: number): number {
  const wall = wallClock(new Date(epochMs));
  const wallAsUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
  return wallAsUtc - Math.floor(epochMs / 60_000) * 60_000;
}
