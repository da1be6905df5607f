import { stockholmTimeOnDay } from "../../db/domain/stockholm-time";

/** The instants of a meeting typed in as a Stockholm calendar day with start and optional end (HH:MM). */
export function meetingInstants({ date, startTime, endTime }: { date: string; startTime: string; endTime: string | null }) {
  return { startsAt: stockholmTimeOnDay(date, startTime), endsAt: endTime ? stockholmTimeOnDay(date, endTime) : null };
}
