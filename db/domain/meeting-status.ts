import type { MeetingStatus } from "./enums";

/**
 * The order of a meeting that takes place: planned, running, ended, its minutes signed (justerat).
 * "installt" is off the sequence: a meeting cancelled before it started.
 */
const sequence: readonly MeetingStatus[] = ["planerat", "pagar", "avslutat", "justerat"];

/** The steps a chair or the sekreterare takes by hand (start, end); justerat follows the signatures. */
export const statusStepsByHand = ["pagar", "avslutat"] as const satisfies readonly MeetingStatus[];
export type StatusStepByHand = (typeof statusStepsByHand)[number];

function position(status: MeetingStatus): number {
  return sequence.indexOf(status);
}

/** The status a meeting in `status` moves to by hand, or null when none does. */
export function nextStatusByHand(status: MeetingStatus): StatusStepByHand | null {
  const next = sequence[position(status) + 1];
  return statusStepsByHand.find((step) => step === next) ?? null;
}

/** The meeting has started, so it took place (pågår, avslutat, justerat); a planned or cancelled one has not. */
export function hasStarted(status: MeetingStatus): boolean {
  return position(status) >= position("pagar");
}

/** The meeting has not ended yet (planerat, pågår): who leads it may still change. */
export function notYetEnded(status: MeetingStatus): boolean {
  return position(status) >= 0 && position(status) < position("avslutat");
}
