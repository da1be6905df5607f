import { stockholmTimeOnDay } from "../../db/time-of-day";

/** The instants of a meeting typed in as a Stockholm calendar day with start and optional end (HH:MM). */
export function meetingInstants({ date, startTime, endTime }: { date: string; startTime: string; endTime: string | null }) {
  // The date is a Stockholm calendar day; noon UTC is inside it whatever the offset.
  const day = `${date}T12:00:00.000Z`;
  return { startsAt: stockholmTimeOnDay(day, startTime), endsAt: endTime ? stockholmTimeOnDay(day, endTime) : null };
}
