/**
 * The instant at which the wall clock in Stockholm shows `time` (HH:MM) on
 * the Stockholm calendar day of `onDayOf`. Used for arrival and departure times
 * typed in during a meeting.
 */
export function stockholmTimeOnDay(onDayOf: string, time: string): string {
  const day = new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Stockholm", year: "numeric", month: "2-digit", day: "2-digit" }).format(
    new Date(onDayOf),
  );
  const [hours, minutes] = time.split(":").map(Number);
  const guess = Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)), hours, minutes);
  // Stockholm is UTC+1 or UTC+2: correct the guess by the offset in force at that moment.
  const offsetMinutes = (at: number) => {
    const parts = new Intl.DateTimeFormat("en-US", { timeZone: "Europe/Stockholm", hourCycle: "h23", hour: "2-digit", minute: "2-digit", day: "2-digit" }).formatToParts(new Date(at));
    const get = (type: string) => Number(parts.find((p) => p.type === type)!.value);
    const local = get("hour") * 60 + get("minute") + (get("day") !== new Date(at).getUTCDate() ? (get("day") > new Date(at).getUTCDate() ? 1440 : -1440) : 0);
    return local - (new Date(at).getUTCHours() * 60 + new Date(at).getUTCMinutes());
  };
  return new Date(guess - offsetMinutes(guess) * 60_000).toISOString();
}

/** "09:30" in Stockholm time for an ISO instant. */
export function stockholmClock(iso: string): string {
  return new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Stockholm", hour: "2-digit", minute: "2-digit" }).format(new Date(iso));
}
