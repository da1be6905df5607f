import { EventEmitter } from "node:events";

/**
 * In-process notifications between the Remix actions (bundled into build/)
 * and the long-lived server (collab, event streams). Like the database handle,
 * the emitter lives on globalThis so both module copies share it.
 */
export interface LiveEvents {
  /** Rows of a meeting changed (agenda, attendance, decisions, status…): pages should reload them. */
  meetingChanged: [meetingId: number];
  /** A meeting's minutes were approved: its live documents must refuse every further change. */
  meetingLocked: [meetingId: number];
  /**
   * Memberships, a group's rights or a person's account changed: open live
   * documents must check again who may still read or edit them.
   */
  accessChanged: [];
  /**
   * One live document may no longer change (the proposal of an ärende that was just adopted):
   * connections already open on it become read-only at once, not only the next ones.
   */
  documentLocked: [documentName: string];
  /**
   * Sessions ended (a logout) or may have expired (a periodic sweep): open
   * connections check that the session they were opened with is still live.
   * Deactivation and password changes raise `accessChanged`, which checks sessions too.
   */
  sessionsChanged: [];
}

const key = "__samverkanLiveEvents";
type WithEvents = typeof globalThis & { [key]?: EventEmitter<LiveEvents> };

export function liveEvents(): EventEmitter<LiveEvents> {
  const g = globalThis as WithEvents;
  if (!g[key]) {
    g[key] = new EventEmitter<LiveEvents>();
    // One listener per open meeting page; a busy meeting can have many.
    g[key].setMaxListeners(0);
  }
  return g[key];
}
