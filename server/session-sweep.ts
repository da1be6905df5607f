import { liveEvents } from "../db/live-events";

/**
 * Sessions expire without anyone doing anything, so nothing announces it:
 * every `intervalMs` open connections (live documents, event streams) are
 * told to check their session again. A session thus ends its connections at
 * most one interval after it expired.
 */
export function startSessionSweep(intervalMs: number): { stop: () => void } {
  const timer = setInterval(() => liveEvents().emit("sessionsChanged"), intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
