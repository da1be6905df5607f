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
  /** A lägesbild's rows (sections' status, owner, ej aktuellt; sources) or the agreement's places changed. */
  lagesbildChanged: [agreementId: number];
  /** Who is connected to a live document changed (see `documentPresence`). */
  presenceChanged: [documentName: string];
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

/** One person connected to a live document, and whether that connection may edit. */
export interface PresentPerson {
  personId: number;
  name: string;
  mode: "edit" | "read";
}

/**
 * Who is connected to which live document, kept by the collaboration server (it alone knows)
 * and read by pages in the same process (the lägesbild shows who is writing in each section).
 * Keyed by connection, so one person in two tabs is one entry per tab until both close.
 * Pages must show only documents the viewer may see; this registry does not check.
 */
export class DocumentPresence {
  private readonly byDocument = new Map<string, Map<object, PresentPerson>>();

  join(documentName: string, connection: object, person: PresentPerson): void {
    let connections = this.byDocument.get(documentName);
    if (!connections) this.byDocument.set(documentName, (connections = new Map()));
    connections.set(connection, person);
    liveEvents().emit("presenceChanged", documentName);
  }

  leave(documentName: string, connection: object): void {
    const connections = this.byDocument.get(documentName);
    if (!connections?.delete(connection)) return;
    if (connections.size === 0) this.byDocument.delete(documentName);
    liveEvents().emit("presenceChanged", documentName);
  }

  /** The people connected to a document, each once (edit mode wins over read), by name. */
  people(documentName: string): PresentPerson[] {
    const byPerson = new Map<number, PresentPerson>();
    for (const person of this.byDocument.get(documentName)?.values() ?? []) {
      const known = byPerson.get(person.personId);
      if (!known || (known.mode === "read" && person.mode === "edit")) byPerson.set(person.personId, person);
    }
    return [...byPerson.values()].sort((a, b) => a.name.localeCompare(b.name, "sv"));
  }
}

const presenceKey = "__samverkanDocumentPresence";
type WithPresence = typeof globalThis & { [presenceKey]?: DocumentPresence };

export function documentPresence(): DocumentPresence {
  const g = globalThis as WithPresence;
  return (g[presenceKey] ??= new DocumentPresence());
}
