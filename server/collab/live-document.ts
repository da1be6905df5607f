import { WebSocket } from "ws";
import * as awarenessProtocol from "y-protocols/awareness";
import * as Y from "yjs";
import type { DocumentRef } from "../../db/queries/document-access";
import type { Viewer } from "../../db/queries/sessions";
import type { DocumentKind } from "../../db/schema";
import type { AwarenessOwner } from "./awareness-guard";
import { encodeAwareness, encodeSyncUpdate } from "./messages";
import { snapshotWrite } from "../../db/documents/writes";
import type { WriteQueue } from "./write-queue";

/** A client connected to a document. */
export interface Connection extends AwarenessOwner {
  socket: WebSocket;
  /** Who connected and to what: access is checked again when rights change. */
  viewer: Viewer;
  ref: DocumentRef;
  mode: "edit" | "read";
  /** The document belongs to approved minutes: a change attempt closes the connection. */
  locked: boolean;
}

/** Compact the update log into a snapshot once it holds this many rows. */
export const COMPACT_AFTER_UPDATES = 500;
/** A client that cannot keep up this far behind is disconnected instead of growing our memory. */
const MAX_BUFFERED_BYTES = 16 * 1024 * 1024;

/**
 * One document in memory while anyone has it open: the Y.Doc, its awareness
 * and its connections. Every change is logged through the write queue and
 * relayed only after it is committed.
 */
export class LiveDocument {
  readonly awareness: awarenessProtocol.Awareness;
  readonly connections = new Set<Connection>();
  private unloadTimer: NodeJS.Timeout | undefined;

  constructor(
    readonly name: string,
    readonly kind: DocumentKind,
    /** The meeting the document belongs to, if any (it is locked with the minutes). */
    readonly meetingId: number | null,
    readonly doc: Y.Doc,
    private logLength: number,
    private readonly queue: WriteQueue,
  ) {
    this.awareness = new awarenessProtocol.Awareness(doc);
    // The server itself is not a participant.
    this.awareness.setLocalState(null);
    doc.on("update", (update: Uint8Array, origin: unknown) => this.onDocumentUpdate(update, origin));
    this.awareness.on("update", ({ added, updated, removed }: AwarenessChange) => {
      const message = encodeAwareness(this.awareness, [...added, ...updated, ...removed]);
      for (const connection of this.connections) this.send(connection, message);
    });
  }

  private onDocumentUpdate(update: Uint8Array, origin: unknown): void {
    const sender = origin as Connection | undefined;
    this.queue.enqueue({ kind: "update", name: this.name, update, personId: sender?.viewer.id ?? null });
    this.logLength++;
    const message = encodeSyncUpdate(update);
    this.queue.afterCommit(() => {
      for (const connection of this.connections) if (connection !== sender) this.send(connection, message);
      // Compaction takes milliseconds on a large document: keep it off the relay path.
      if (this.logLength >= COMPACT_AFTER_UPDATES) this.scheduleCompaction();
    });
  }

  /**
   * Sends `message` once everything enqueued so far is committed. Encode the
   * message before calling: encoded later it could carry updates that arrived
   * meanwhile and are not stored yet.
   */
  sendCommitted(connection: Connection, message: Uint8Array): void {
    this.queue.afterCommit(() => this.send(connection, message));
  }

  send(connection: Connection, message: Uint8Array): void {
    const { socket } = connection;
    if (socket.readyState !== WebSocket.OPEN) return;
    if (socket.bufferedAmount > MAX_BUFFERED_BYTES) {
      socket.terminate();
      return;
    }
    socket.send(message);
  }

  /** Client ids owned by any connection other than `connection`. */
  isOwnedByOther(connection: Connection, clientId: number): boolean {
    for (const other of this.connections) if (other !== connection && other.clientIds.has(clientId)) return true;
    return false;
  }

  /** The minutes were approved: from now on every connection is read-only. */
  lock(): void {
    for (const connection of this.connections) {
      connection.mode = "read";
      connection.locked = true;
    }
  }

  add(connection: Connection): void {
    this.cancelUnload();
    this.connections.add(connection);
  }

  cancelUnload(): void {
    clearTimeout(this.unloadTimer);
    this.unloadTimer = undefined;
  }

  /** Removes a connection and its awareness; returns true when nobody is left. */
  remove(connection: Connection): boolean {
    this.connections.delete(connection);
    awarenessProtocol.removeAwarenessStates(this.awareness, [...connection.clientIds], null);
    return this.connections.size === 0;
  }

  scheduleUnload(graceMs: number, unload: () => void): void {
    clearTimeout(this.unloadTimer);
    this.unloadTimer = setTimeout(unload, graceMs);
    this.unloadTimer.unref();
  }

  private compactionScheduled = false;

  private scheduleCompaction(): void {
    if (this.compactionScheduled) return;
    this.compactionScheduled = true;
    setImmediate(() => {
      this.compactionScheduled = false;
      if (!this.destroyed) this.compact();
    });
  }

  /**
   * Queues a snapshot that replaces the log. The queue keeps order, so it
   * replaces exactly the updates enqueued before it, all of which it contains.
   */
  compact(): void {
    this.queue.enqueue(snapshotWrite(this.name, this.doc));
    this.logLength = 0;
  }

  private destroyed = false;

  /** Queues a final snapshot (unless storing failed) and frees the document. */
  destroy({ persist }: { persist: boolean }): void {
    if (this.destroyed) return;
    clearTimeout(this.unloadTimer);
    if (persist) this.compact();
    this.destroyed = true;
    this.awareness.destroy();
    this.doc.destroy();
  }
}

interface AwarenessChange {
  added: number[];
  updated: number[];
  removed: number[];
}
