import type { Db } from "../../db/client";
import { isSessionLive } from "../../db/queries/sessions";
import { collabCloseCodes as CloseCode } from "../../db/domain/close-codes";
import { closeWith } from "./close";
import type { Connection } from "./live-document";

/**
 * Remembers which session opened each connection, so a connection ends with
 * its session: a logout ends that browser's editors only, a password change or
 * deactivation (every session of the person deleted) and expiry end all of
 * theirs. The editor explains 4401 ("logga in igen").
 */
export class SessionGuard {
  private readonly sessionOf = new WeakMap<Connection, string>();

  constructor(private readonly db: Db) {}

  remember(connection: Connection, tokenHash: string): void {
    this.sessionOf.set(connection, tokenHash);
  }

  /** Closes every connection whose session is no longer live; one lookup per session. */
  closeEnded(connections: Iterable<Connection>, now = new Date()): void {
    const live = new Map<string, boolean>();
    for (const connection of connections) {
      const tokenHash = this.sessionOf.get(connection);
      if (tokenHash === undefined) continue;
      if (!live.has(tokenHash)) live.set(tokenHash, isSessionLive(this.db, tokenHash, now));
      if (live.get(tokenHash)) continue;
      // Anything the client sends before it sees the close frame is dropped, not stored or relayed.
      connection.mode = "read";
      closeWith(connection.socket, CloseCode.unauthenticated);
    }
  }
}
