import type { MeetingStatus } from "../schema";
import { hasStarted } from "../domain/meeting-status";
import { stockholmYear } from "../domain/stockholm-time";

export interface Cadence {
  year: number;
  /** Meetings this calendar year that have taken place (not merely planned). */
  held: number;
  /** Planned meetings later this calendar year. */
  planned: number;
  /** The agreement's yearly minimum, or null when it sets none. */
  required: number | null;
  /** Even with the planned meetings, the group will not reach its minimum this year. */
  behind: boolean;
}

/** Meeting cadence of one group for the calendar year of `now`, against its minimum. */
export function computeCadence(meetings: { startsAt: string; status: MeetingStatus }[], required: number | null, now: Date): Cadence {
  const year = stockholmYear(now);
  const thisYear = meetings.filter((m) => stockholmYear(m.startsAt) === year);
  // A meeting counts as held once it has started; a planned or cancelled (inställt) one does not.
  const held = thisYear.filter((m) => hasStarted(m.status)).length;
  const planned = thisYear.filter((m) => m.status === "planerat" && new Date(m.startsAt) >= now).length;
  return { year, held, planned, required, behind: required !== null && held + planned < required };
}
