import { WebSocket } from "ws";
import * as awarenessProtocol from "y-protocols/awareness";
import * as Y from "yjs";
import type { DocumentRef } from "../../db/domain/document-names";
import type { Viewer } from "../../db/queries/sessions";
import type { DocumentKind } from "../../db/schema";
import type { AwarenessOwner } from "./awareness-guard";
import { encodeSyncStep1, encodeSyncStep2, encodeSyncStep2Of, encodeSyncUpdate } from "./messages";
import { AwarenessRelay } from "./awareness-relay";
import { dropPendingState } from "../../db/documents/pending-state";
import type { LoadedDocument } from "../../db/documents/store";
import { snapshotWrite } from "../../db/documents/writes";
import type { ConnectionLimits } from "./rate-limit";
import type { WriteQueue } from "./write-queue";
import { MAX_NEW_WRITERS_PER_UPDATE } from "./update-check";
import { serverEditUpdate } from "../../db/documents/server-edits";
import { candidateAfter, type ContentRule, type ContentVerdict } from "./content-rules";

/** A client connected to a document. */
export interface Connection extends AwarenessOwner {
  socket: WebSocket;
  /** Who connected and to what: access is checked again when rights change. */
  viewer: Viewer;
  ref: DocumentRef;
  mode: "edit" | "read";
  /** The document belongs to approved minutes: a change attempt closes the connection. */
  locked: boolean;
  limits: ConnectionLimits;
  /** The newest awareness update held back by the rate limit, relayed once the limit allows. */
  heldAwareness: Uint8Array | null;
}

/** Client ids one connection may use (a page keeps one; Yjs picks a new one only after a clash). */
export const MAX_CLIENT_IDS_PER_CONNECTION = MAX_NEW_WRITERS_PER_UPDATE;

/** Compact the update log into a snapshot once it holds this many rows, at the document's next pause. */
export const COMPACT_AFTER_UPDATES = 500;
/** A pause: this long without an edit. */
const COMPACT_PAUSE_MS = 500;
/** Without a pause (many people typing at once), the log is compacted once it holds this many rows. */
export const COMPACT_WITHOUT_PAUSE_AFTER = 2_000;
/** How long after loading a long log is folded into a snapshot (see compactAfterLoad). */
const LOAD_COMPACTION_DELAY_MS = 1_000;
/** A stored snapshot nobody asked for yet is applied this long after a connection joined. */
const APPLY_UNASKED_AFTER_MS = 50;
/**
 * A stored snapshot sent to a page as its bytes is applied this long after that first reply. Applying a
 * large document blocks the server (about 70 ms for one of 100 000 edits here): the pages that open it
 * at about the same time (a meeting starting) are answered from the bytes meanwhile instead of waiting
 * behind the apply. Later replies do not postpone it; an edit, or anything else reading the content,
 * applies it at once.
 */
const APPLY_AFTER_FIRST_REPLY_MS = 200;
/** A client that cannot keep up this far behind is disconnected instead of growing our memory. */
const MAX_BUFFERED_BYTES = 16 * 1024 * 1024;

/**
 * One document in memory while anyone has it open: the Y.Doc, its awareness
 * and its connections. Every change is logged through the write queue and
 * relayed only after it is committed.
 */
export class LiveDocument {
  readonly awareness: awarenessProtocol.Awareness;
  private readonly awarenessRelay: AwarenessRelay;
  readonly connections = new Set<Connection>();
  private readonly yDoc: Y.Doc;
  /** The stored snapshot, while it is not applied to the Y.Doc yet (see LoadedDocument.notApplied). */
  private unapplied: Uint8Array | null;
  /** Connections waiting for the server's sync step 1 (a state vector) until the snapshot is applied. */
  private readonly stepOneWaiting: Connection[] = [];
  private applyTimer: NodeJS.Timeout | undefined;
  /** The stored form is one clean snapshot of exactly this state: an unload has nothing to store. */
  private storedAsSnapshot: boolean;
  private readonly editListeners: (() => void)[] = [];
  private unloadTimer: NodeJS.Timeout | undefined;
  private logLength: number;
  /** Committed updates waiting for this turn's relay (see relayCommitted). */
  private relayBatch: { update: Uint8Array; sender: Connection | ServerEditOrigin | undefined }[] = [];
  /** Bytes stored for the document: the snapshot plus every update logged since. */
  private storedBytes: number;
  /** Yjs client id → the person it is bound to, stored in document_clients. */
  private readonly clientOwners: Map<number, number>;
  /**
   * The document's whole state as one update, for a client that has nothing yet (every page that opens
   * the document), kept until the next update: encoding a large document's state takes tens of
   * milliseconds, and a room of people opening the meeting page at once would each pay it. Taken from
   * the stored snapshot when there is one (a reference, never a copy); encoded once otherwise.
   */
  private wholeState: Uint8Array | null;

  constructor(
    readonly name: string,
    readonly kind: DocumentKind,
    /** The meeting the document belongs to, if any (it is locked with the minutes). */
    readonly meetingId: number | null,
    loaded: Pick<LoadedDocument, "doc" | "logLength" | "storedBytes" | "clientOwners" | "wholeState" | "notApplied">,
    private readonly queue: WriteQueue,
    /** Updates adding content are refused once the stored document would grow beyond this. */
    readonly maxBytes: number,
    /** A version's part: never stored (its connections are all read-only, and it has no documents row). */
    readonly frozen = false,
    /** What the document's kind must hold beyond valid Yjs, if anything. */
    private readonly rule: ContentRule | null = null,
  ) {
    ({ doc: this.yDoc, logLength: this.logLength, storedBytes: this.storedBytes, clientOwners: this.clientOwners } = loaded);
    this.wholeState = loaded.wholeState ?? null;
    this.unapplied = loaded.notApplied ? this.wholeState : null;
    this.storedAsSnapshot = this.unapplied !== null;
    const doc = this.yDoc;
    // Awareness needs the Y.Doc only for its client id, never its content.
    this.awareness = new awarenessProtocol.Awareness(doc);
    // The server itself is not a participant.
    this.awareness.setLocalState(null);
    doc.on("update", (update: Uint8Array, origin: unknown) => this.onDocumentUpdate(update, origin));
    this.awarenessRelay = new AwarenessRelay(this.awareness, (message) => {
      for (const connection of this.connections) this.send(connection, message);
    });
  }

  /**
   * The Y.Doc, with the stored snapshot applied first if it was not yet: everything that reads or
   * changes the document's content goes through here, so nothing ever sees it empty.
   */
  get doc(): Y.Doc {
    if (this.unapplied) this.applyStored();
    return this.yDoc;
  }

  /** Calls `listener` after every change of the content (not when the stored state is applied). */
  onEdit(listener: () => void): void {
    this.editListeners.push(listener);
  }

  private applyStored(): void {
    const snapshot = this.unapplied!;
    this.unapplied = null;
    clearTimeout(this.applyTimer);
    Y.applyUpdate(this.yDoc, snapshot, STORED_STATE);
    // Never expected (the snapshot was stored clean); if it happens, the clean state replaces it at once.
    if (dropPendingState(this.yDoc)) {
      console.error(`collab: dropped pending Yjs state from the clean snapshot of ${this.name}`);
      this.compact();
    }
    for (const connection of this.stepOneWaiting.splice(0)) this.sendCommitted(connection, encodeSyncStep1(this.yDoc));
  }

  /** Whether a page was sent the stored snapshot's bytes before they were applied. */
  private answeredFromBytes = false;

  /** Applies the stored snapshot soon, once what is being answered now has gone out. */
  private applyStoredSoon(delayMs: number): void {
    if (!this.unapplied) return;
    clearTimeout(this.applyTimer);
    this.applyTimer = setTimeout(() => {
      if (this.unapplied && !this.destroyed) this.applyStored();
    }, delayMs);
    this.applyTimer.unref();
  }

  /** Sends a new connection the server's sync step 1 (its state vector): for a snapshot not applied yet, once it is. */
  sendSyncStep1(connection: Connection): void {
    if (!this.unapplied) return this.sendCommitted(connection, encodeSyncStep1(this.yDoc));
    this.stepOneWaiting.push(connection);
    // A stock client asks for the document at once (answered from the snapshot's bytes, then applied);
    // should it not, its step 1 is not held back for long.
    if (this.applyTimer === undefined) this.applyStoredSoon(APPLY_UNASKED_AFTER_MS);
  }

  private onDocumentUpdate(update: Uint8Array, origin: unknown): void {
    if (origin === STORED_STATE) return;
    for (const listener of this.editListeners) listener();
    this.storedAsSnapshot = false;
    const sender = origin as Connection | ServerEditOrigin | undefined;
    this.wholeState = null;
    this.queue.enqueue({ kind: "update", name: this.name, update, personId: sender?.viewer.id ?? null });
    this.logLength++;
    this.storedBytes += update.byteLength;
    this.lastEditAt = performance.now();
    this.queue.afterCommit(() => this.relayCommitted(update, sender));
  }

  /**
   * Relays a committed update. The updates committed in one turn of the event loop go out together, as
   * one merged message per connection, once that turn has read every socket (setImmediate; Hocuspocus'
   * default flushDelay 0 does the same): a send costs ~15 µs here, so with 200 connections relaying every
   * update on its own took ~3 ms of sends per update, and the sends, not the edits, were the server's
   * limit. When nobody else typed meanwhile the message is that one update, as before.
   */
  private relayCommitted(update: Uint8Array, sender: Connection | ServerEditOrigin | undefined): void {
    this.relayBatch.push({ update, sender });
    if (this.relayBatch.length === 1) setImmediate(() => this.relayBatched());
  }

  private relayBatched(): void {
    const batch = this.relayBatch;
    this.relayBatch = [];
    // One message for the whole batch. Its sender is not sent it back when it is the only one; a merged
    // message from several senders goes to all of them (their own part changes nothing in their Y.Doc).
    // Should merging fail, each update goes out on its own.
    const merged = batch.length === 1 ? batch[0].update : mergedOrNull(batch.map((b) => b.update));
    const onlySender = batch.every((b) => b.sender === batch[0].sender) ? batch[0].sender : undefined;
    for (const { update, sender } of merged ? [{ update: merged, sender: onlySender }] : batch) {
      const message = encodeSyncUpdate(update);
      for (const connection of this.connections) if (connection !== sender) this.send(connection, message);
    }
    // Compaction takes milliseconds on a large document (5 ms for 50 KB here), and every update arriving
    // meanwhile waits for it: it runs in a pause of the typing, or, when there is none, not more often than
    // every COMPACT_WITHOUT_PAUSE_AFTER updates, and never on the relay path itself.
    if (this.destroyed) return;
    if (this.logLength >= COMPACT_WITHOUT_PAUSE_AFTER) this.scheduleCompaction();
    else if (this.logLength >= COMPACT_AFTER_UPDATES) this.compactAtPause();
  }

  /**
   * Sends `message` once everything enqueued so far is committed. Encode the
   * message before calling: encoded later it could carry updates that arrived
   * meanwhile and are not stored yet.
   */
  sendCommitted(connection: Connection, message: Uint8Array): void {
    this.queue.afterCommit(() => this.send(connection, message));
  }

  /** The sync step 2 answering a client's state vector: what the document has that the client lacks. */
  syncStep2For(stateVector: Uint8Array): Uint8Array {
    if (Y.decodeStateVector(stateVector).size > 0) return encodeSyncStep2(this.doc, stateVector);
    // Not applied yet, the stored bytes are the whole state (wholeState holds them): the page gets them
    // first, and the server applies them a little later.
    if (!this.answeredFromBytes) {
      this.answeredFromBytes = true;
      this.applyStoredSoon(APPLY_AFTER_FIRST_REPLY_MS);
    }
    return encodeSyncStep2Of((this.wholeState ??= Y.encodeStateAsUpdate(this.doc)));
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

  /**
   * Applies an update that `checkUpdate` accepted and whose writers are
   * claimed. Should Yjs still keep something pending, it is dropped and the
   * sender refused: pending state never stays in the document.
   */
  applyUpdate(connection: Connection, update: Uint8Array): boolean {
    Y.applyUpdate(this.doc, update, connection);
    return !dropPendingState(this.doc);
  }

  /**
   * The server's own edit on a person's behalf (see db/documents/server-edits.ts): one update under
   * a fresh client id bound to the person, stored and relayed to every connection like a client's.
   * Resolves once it is committed; rejects when storing it failed.
   */
  applyServerEdit(personId: number, edit: (doc: Y.Doc) => void): Promise<void> {
    if (this.frozen || this.destroyed) return Promise.reject(new Error(`${this.name} cannot be edited`));
    const made = serverEditUpdate(this.doc, this.clientOwners.keys(), edit);
    if (!made) return Promise.resolve();
    // The kind's content rule holds for the server's edits too (and an åtgärdsplan's rows are mirrored after it).
    const verdict = this.checkContent(made.update);
    if (!verdict.ok) return Promise.reject(new Error(`${this.name}: the edit breaks the document's content rule`));
    this.clientOwners.set(made.clientId, personId);
    this.queue.enqueue({ kind: "client", name: this.name, clientId: made.clientId, personId });
    const origin: ServerEditOrigin = { viewer: { id: personId } };
    Y.applyUpdate(this.doc, made.update, origin);
    if (verdict.afterCommit) this.queue.afterCommit(verdict.afterCommit);
    return new Promise((resolve, reject) => {
      let committed = false;
      this.queue.afterCommit(() => {
        committed = true;
        resolve();
      });
      void this.queue.settled().then(() => committed || reject(new Error(`storing a server edit of ${this.name} failed`)));
    });
  }

  /** The kind's content rule on the document as `update` would leave it (checked on a copy). */
  checkContent(update: Uint8Array): ContentVerdict {
    if (!this.rule) return { ok: true };
    const candidate = candidateAfter(this.doc, update);
    try {
      return this.rule.check(this.doc, candidate);
    } finally {
      candidate.destroy();
    }
  }

  /** Runs `fn` once everything enqueued so far is committed; never if storing fails. */
  afterCommit(fn: () => void): void {
    this.queue.afterCommit(fn);
  }

  /** Whether `bytes` more would take the stored document over its cap. */
  wouldExceedCap(bytes: number): boolean {
    return this.storedBytes + bytes > this.maxBytes;
  }

  /**
   * Why `connection` may not use the Yjs client id (write structs under it or
   * publish awareness for it), or null if it may. An id belongs to the first
   * person who used it in this document, for good, and while connected to
   * their connection. An id that already has content but no known owner (the
   * server's template, history from before ids were bound) belongs to nobody.
   */
  clientIdRefusal(connection: Connection, clientId: number): string | null {
    const owner = this.clientOwners.get(clientId);
    if (owner !== undefined && owner !== connection.viewer.id) return "belongs to another person";
    if (owner === undefined && Y.getState(this.doc.store, clientId) > 0) return "has content of unknown origin";
    const holder = this.holderOf(clientId);
    if (holder && holder !== connection && holder.viewer.id !== connection.viewer.id) return "is in use by another person's connection";
    if (!connection.clientIds.has(clientId) && connection.clientIds.size >= MAX_CLIENT_IDS_PER_CONNECTION) return "one id too many for one connection";
    return null;
  }

  /**
   * Makes the client id `connection`'s (check `clientIdRefusal` first). A
   * connection of the same person that still holds it is a page that lost its
   * network and came back before the server noticed: the stale connection is
   * dropped so the page's offline edits and caret are accepted at once.
   * An editor's first use binds the id to the person; the binding is queued
   * before any update that uses it.
   */
  claimClientId(connection: Connection, clientId: number): void {
    const holder = this.holderOf(clientId);
    if (holder && holder !== connection) {
      holder.clientIds.delete(clientId);
      holder.socket.terminate();
    }
    connection.clientIds.add(clientId);
    if (connection.mode === "edit" && !this.clientOwners.has(clientId)) {
      this.clientOwners.set(clientId, connection.viewer.id);
      this.queue.enqueue({ kind: "client", name: this.name, clientId, personId: connection.viewer.id });
    }
  }

  private holderOf(clientId: number): Connection | undefined {
    for (const connection of this.connections) if (connection.clientIds.has(clientId)) return connection;
    return undefined;
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
  private lastEditAt = 0;
  private pauseTimer: ReturnType<typeof setTimeout> | undefined;

  /** Compacts once no edit has come for COMPACT_PAUSE_MS. */
  private compactAtPause(): void {
    if (this.pauseTimer) return;
    const check = () => {
      this.pauseTimer = undefined;
      if (this.destroyed || this.logLength < COMPACT_AFTER_UPDATES) return;
      const quiet = performance.now() - this.lastEditAt;
      if (quiet >= COMPACT_PAUSE_MS) return this.compact();
      this.pauseTimer = setTimeout(check, COMPACT_PAUSE_MS - quiet);
      this.pauseTimer.unref();
    };
    this.pauseTimer = setTimeout(check, COMPACT_PAUSE_MS);
    this.pauseTimer.unref();
  }

  private scheduleCompaction(): void {
    if (this.compactionScheduled) return;
    this.compactionScheduled = true;
    setImmediate(() => {
      this.compactionScheduled = false;
      if (!this.destroyed) this.compact();
    });
  }

  /**
   * Compacts a long log found on load once the first clients are answered: folding it (encoding
   * the state, deleting thousands of rows) would otherwise delay every sync reply queued behind
   * the commit, and a page opening many documents at once waits for all of them.
   */
  compactAfterLoad(): void {
    setTimeout(() => {
      if (!this.destroyed && this.logLength >= COMPACT_AFTER_UPDATES) this.compact();
    }, LOAD_COMPACTION_DELAY_MS).unref();
  }

  /**
   * Queues a snapshot that replaces the log. The queue keeps order, so it
   * replaces exactly the updates enqueued before it, all of which it contains.
   */
  compact(): void {
    const write = snapshotWrite(this.name, this.doc);
    this.queue.enqueue(write);
    this.logLength = 0;
    if (write.kind === "snapshot") {
      this.storedAsSnapshot = true;
      this.storedBytes = write.snapshot.byteLength;
      this.wholeState = write.snapshot;
    }
  }

  private destroyed = false;

  /** Queues a final snapshot (unless storing failed) and frees the document. */
  destroy({ persist }: { persist: boolean }): void {
    if (this.destroyed) return;
    clearTimeout(this.unloadTimer);
    clearTimeout(this.applyTimer);
    clearTimeout(this.pauseTimer);
    // Unchanged since it was stored as a snapshot (maybe never even applied): nothing to store.
    if (persist && !this.frozen && !this.storedAsSnapshot) this.compact();
    this.destroyed = true;
    this.awarenessRelay.destroy();
    this.awareness.destroy();
    this.doc.destroy();
  }
}

/**
 * The updates merged into one, or null should Yjs fail to merge them: every one of them was applied and
 * committed, so they are then relayed one by one instead (this runs outside any handler that would catch
 * an error, where a throw would end the process).
 */
function mergedOrNull(updates: Uint8Array[]): Uint8Array | null {
  try {
    return Y.mergeUpdates(updates);
  } catch (error) {
    console.error("collab: merging committed updates for their relay failed; relaying them one by one", error);
    return null;
  }
}

/** The origin under which the stored snapshot is applied: not an edit, so neither stored nor relayed again. */
const STORED_STATE = Symbol("stored state");

/** The origin of a server edit: no connection sent it, so it is relayed to all of them. */
interface ServerEditOrigin {
  viewer: { id: number };
}
