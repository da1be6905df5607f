import type { IncomingMessage, Server } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer, type WebSocket } from "ws";
import type { Db } from "../../db/client";
import { parseDocumentName } from "../../db/domain/document-names";
import type { DocumentRef } from "../../db/domain/document-names";
import type { DocumentAccess, documentAccess } from "../../db/queries/document-access";
import type { Viewer } from "../../db/queries/sessions";
import { documentPresence, liveEvents } from "../../db/live-events";
import { isPersonActive } from "../../db/queries/people";
import { collabCloseCodes as CloseCode, type CollabCloseCode } from "../../db/domain/close-codes";
import { closeWith } from "./close";
import { handleMessage, MAX_MESSAGE_BYTES, ProtocolError } from "./connection";
import { COMPACT_AFTER_UPDATES, LiveDocument, type Connection } from "./live-document";
import { encodeAwareness } from "./messages";
import { DocumentLoadError, DocumentStore } from "../../db/documents/store";
import { setLiveDocumentEditor, type ServerEdit } from "../../db/documents/server-edits";
import { versionPartState } from "../../db/queries/versions";
import * as Y from "yjs";
import { colourFor } from "../../db/domain/colours";
import { startUpdateWriter } from "./update-writer";
import { WriteQueue, type UpdateWriter } from "./write-queue";
import { startInlineWriter } from "./inline-writer";
import type { WalRestartGate } from "../wal-restart-gate";
import { DocumentLeases, LEASE_TTL_MS } from "./document-leases";
import { watchAccessChanges } from "./access-watcher";
import { SessionGuard } from "./session-guard";
import { RecordEditAnnouncer } from "./record-edits";
import { connectionLimits } from "./rate-limit";
import type { ContentRules } from "./content-rules";

export interface CollabOptions {
  db: Db;
  /** Who opens the connection, from the upgrade request's session cookie; null when nobody is logged in. */
  authenticate: (request: IncomingMessage) => Promise<{ viewer: Viewer; tokenHash: string } | null>;
  /** Whether the viewer may open the document, and to read or to edit (checked on connect and again when access changes). */
  access: typeof documentAccess;
  /** The SQLite file; a worker thread appends updates to it through its own connection. */
  databasePath: string;
  /** The app's public origin; when unset, the origin the request was made to. */
  publicOrigin?: string;
  /** How long a document stays in memory after its last client left. */
  unloadGraceMs?: number;
  /** Updates adding content are refused once a stored document (snapshot plus log) would grow beyond this. */
  maxDocumentBytes?: number;
  /**
   * "process" (default): each update is committed to the WAL on the main thread before it is relayed,
   * without an fsync, and a flush thread makes the WAL durable within one fdatasync; "full": the
   * writer thread commits with an fsync before the relay. Both survive the death of the process.
   */
  durability?: CollabDurability;
  /** Per kind of document, what its content must hold (checked on a copy before an update is applied). */
  contentRules?: ContentRules;
  /** Shared with the checkpointer, which then restarts the WAL instead of a commit here (see wal-restart-gate.ts). */
  walRestartGate?: WalRestartGate;
}

export type CollabDurability = "process" | "full";

/** Documents are meeting texts and a yearly report: a few hundred kilobytes with their history. */
export const DEFAULT_MAX_DOCUMENT_BYTES = 8 * 1024 * 1024;

const PATH_PREFIX = "/collab/";
/** RFC 6455 "going away": the server shuts down; clients reconnect to the next one. */
const GOING_AWAY = 1001;
const PING_INTERVAL_MS = 30_000;

/** What the upgrade handler and the live-event listeners share: the documents in memory and how they are stored. */
interface CollabState {
  options: CollabOptions;
  store: DocumentStore;
  live: Map<string, LiveDocument>;
  queue: WriteQueue;
  wss: WebSocketServer;
  sessionGuard: SessionGuard;
  recordEdits: RecordEditAnnouncer;
  unloadGraceMs: number;
  maxDocumentBytes: number;
  leases: DocumentLeases;
}

/** Who may open which document on an accepted upgrade. */
interface Admission {
  name: string;
  ref: DocumentRef;
  session: { viewer: Viewer; tokenHash: string };
  access: Extract<DocumentAccess, { ok: true }>;
}

/**
 * The collaboration server: the y-websocket protocol on /collab/<documentName>
 * of the app's own HTTP server, with authentication, read-only enforcement and
 * durable storage of every update before it is relayed.
 */
export function attachCollabServer(server: Server, options: CollabOptions) {
  const live = new Map<string, LiveDocument>();
  const writer = options.durability === "full" ? startUpdateWriter(options.databasePath) : startInlineWriter(options.databasePath, options.walRestartGate);
  const state: CollabState = {
    options,
    store: new DocumentStore(options.db),
    live,
    unloadGraceMs: options.unloadGraceMs ?? 30_000,
    sessionGuard: new SessionGuard(options.db),
    recordEdits: new RecordEditAnnouncer(options.db),
    maxDocumentBytes: options.maxDocumentBytes ?? DEFAULT_MAX_DOCUMENT_BYTES,
    // ws' own limit is a backstop; handleMessage answers oversized messages with a named code.
    wss: new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES * 2 }),
    queue: writeQueueReloadingOnFailure(writer, live),
    leases: new DocumentLeases(options.db),
  };
  compactLongLogs(state);
  const leaseRenewal = setInterval(() => renewLeases(state), LEASE_TTL_MS / 3);
  leaseRenewal.unref();

  const listener = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    onUpgrade(state, request, socket, head).catch((error) => {
      console.error("collab: upgrade failed", error);
      rejectHttp(socket, 500, "Internal Server Error");
    });
  };
  server.on("upgrade", listener);
  const stopFollowingLiveEvents = followLiveEvents(state);
  setLiveDocumentEditor((edit) => applyServerEdit(state, edit));
  const accessWatcher = watchAccessChanges(options.db);

  return {
    /** Documents currently in memory (for tests and monitoring). */
    liveDocumentNames: () => [...live.keys()],
    /** Closes every connection, stores a final snapshot of every document and waits until everything is written. */
    async close() {
      server.off("upgrade", listener);
      setLiveDocumentEditor(null);
      stopFollowingLiveEvents();
      state.recordEdits.stop();
      accessWatcher.stop();
      for (const doc of live.values()) for (const c of doc.connections) c.socket.close(GOING_AWAY, "server shutting down");
      clearInterval(leaseRenewal);
      for (const doc of live.values()) doc.destroy({ persist: true });
      const names = [...live.keys()];
      live.clear();
      await state.queue.settled();
      state.leases.release(names);
      state.wss.close();
      await writer.close();
    },
  };
}

/** The write queue; when a commit fails, the affected documents are closed and dropped from memory, to be loaded again as stored. */
function writeQueueReloadingOnFailure(writer: UpdateWriter, live: Map<string, LiveDocument>): WriteQueue {
  return new WriteQueue(writer, (error, names) => {
    console.error("collab: could not store updates; reloading the affected documents", error);
    for (const name of names) {
      const doc = live.get(name);
      if (!doc) continue;
      // Clients keep their edits and send them again after reconnecting to the stored state.
      for (const connection of doc.connections) closeWith(connection.socket, CloseCode.serverError);
      doc.destroy({ persist: false });
      live.delete(name);
    }
  });
}

/** Origin, then name, session and access; then the document; then the connection. */
async function onUpgrade(state: CollabState, request: IncomingMessage, socket: Duplex, head: Buffer) {
  const url = new URL(request.url ?? "/", "http://localhost");
  if (!url.pathname.startsWith(PATH_PREFIX)) return rejectHttp(socket, 404, "Not Found");
  // Cross-site WebSocket hijacking: a page on another site would send its own Origin.
  if (request.headers.origin !== expectedOrigin(request, state.options.publicOrigin)) return rejectHttp(socket, 403, "Forbidden");

  const refuse = (code: CollabCloseCode) => state.wss.handleUpgrade(request, socket, head, (ws) => closeWith(ws, code));
  const admission = await admit(state, request, url);
  if (typeof admission === "number") return refuse(admission);
  const document = await liveDocumentFor(state, admission);
  if (document === "elsewhere") return refuse(CloseCode.servedElsewhere);
  if (!document) return refuse(CloseCode.serverError);
  // A connection is on its way: the document must not leave memory during the handshake.
  document.cancelUnload();
  state.wss.handleUpgrade(request, socket, head, (ws) => acceptConnection(state, ws, document, admission));
}

/** The document named in the path, if the request's session may open it; otherwise the close code that refuses it. */
async function admit(state: CollabState, request: IncomingMessage, url: URL): Promise<Admission | CollabCloseCode> {
  const { options } = state;
  let name: string;
  try {
    name = decodeURIComponent(url.pathname.slice(PATH_PREFIX.length));
  } catch {
    return CloseCode.badRequest;
  }
  const ref = parseDocumentName(name);
  if (!ref) return CloseCode.badRequest;
  const session = await options.authenticate(request);
  if (!session) return CloseCode.unauthenticated;
  const { viewer } = session;
  const access = options.access(options.db, viewer, ref);
  if (!access.ok) {
    // One answer for "does not exist" and "not yours", as for pages (404): a refusal must not tell
    // an outsider which meetings or reports exist. The log keeps the difference.
    console.warn(`collab: refused person ${viewer.id} for ${name} (${access.reason})`);
    return CloseCode.notFound;
  }
  return { name, ref, session, access };
}

/**
 * The document in memory, loaded from the store when it is not; null (logged) when it cannot be
 * loaded, "elsewhere" while another server process holds it.
 */
async function liveDocumentFor(
  state: CollabState,
  { name, ref, access }: Pick<Admission, "name" | "ref" | "access">,
): Promise<LiveDocument | null | "elsewhere"> {
  const { live, queue, store } = state;
  let doc = live.get(name);
  if (!doc) {
    // A document that just left memory may still have writes in the queue; load what they leave.
    await queue.settled();
    doc = live.get(name);
  }
  if (doc) return doc;
  if (!state.leases.acquire(name)) return "elsewhere";
  try {
    // A version's part is frozen: loaded from the version, never created or stored as a live document.
    const frozen = ref.kind === "version_part";
    const loaded = frozen ? frozenVersionPart(state.options.db, ref) : store.load(name, access.kind, access.owner, new Date(), { deferApply: true });
    if (!loaded) {
      state.leases.release([name]);
      return null;
    }
    const rule = frozen ? null : (state.options.contentRules?.(ref) ?? null);
    doc = new LiveDocument(name, access.kind, access.owner.meetingId ?? null, loaded, queue, state.maxDocumentBytes, frozen, rule);
    // Repair of state stored before updates were checked: the clean state replaces it at once. A
    // long log (stored before compaction existed, or by a writer that bypassed the server) is
    // folded into a snapshot soon after, so the next load reads one update instead of replaying it.
    if (!frozen && "droppedPendingState" in loaded) {
      if (loaded.droppedPendingState) doc.compact();
      else if (loaded.logLength >= COMPACT_AFTER_UPDATES) doc.compactAfterLoad();
    }
    // After any repair's snapshot is committed, so the rule sees only stored content.
    if (rule?.loaded) doc.afterCommit(() => rule.loaded!(doc!.doc));
    live.set(name, doc);
    state.recordEdits.watch(doc);
    return doc;
  } catch (error) {
    console.error(`collab: ${error instanceof DocumentLoadError ? error.message : error}`);
    state.leases.release([name]);
    return null;
  }
}

/**
 * Folds every long stored log into a snapshot before the first connection is served (this runs
 * before the event loop takes any upgrade). A log grows long only when it was stored before
 * compaction existed, or by a process that died before compacting; opening such a document
 * replays thousands of updates, and a page opening a dozen of them at once would wait for all.
 * Done once here, every later load reads one snapshot. A document another process holds is
 * skipped: that process compacts it.
 */
function compactLongLogs({ store, leases }: CollabState): void {
  const start = performance.now();
  let compacted = 0;
  for (const name of store.namesWithLongLogs(COMPACT_AFTER_UPDATES)) {
    if (!leases.acquire(name)) continue;
    try {
      const loaded = store.loadStored(name);
      if (!loaded) continue;
      try {
        store.compact(name, loaded.doc);
        compacted++;
      } finally {
        loaded.doc.destroy();
      }
    } catch (error) {
      // The stored rows stay as they were; loading the document reports the same error.
      console.error(`collab: could not compact ${name} at start: ${error instanceof Error ? error.message : error}`);
    } finally {
      leases.release([name]);
    }
  }
  if (compacted > 0) console.log(`collab: folded ${compacted} long update logs into snapshots in ${Math.round(performance.now() - start)} ms`);
}

function frozenVersionPart(db: Db, ref: Extract<DocumentRef, { kind: "version_part" }>) {
  const state = versionPartState(db, ref.versionId, ref.partIndex);
  if (!state) return null;
  const doc = new Y.Doc({ gc: true });
  Y.applyUpdate(doc, state);
  return { doc, logLength: 0, storedBytes: state.byteLength, clientOwners: new Map<number, number>(), wholeState: state };
}

/**
 * The door for server-side edits (restoring a version): the edit is applied to the document in
 * memory, loading it if nobody has it open, as one update under a fresh client id bound to the
 * person, stored before it is relayed like a client's. Resolves once it is committed.
 */
async function applyServerEdit(state: CollabState, edit: ServerEdit): Promise<void> {
  const ref = parseDocumentName(edit.name);
  if (!ref || ref.kind === "version_part") throw new Error(`collab: ${edit.name} cannot be edited by the server`);
  const doc = await liveDocumentFor(state, { name: edit.name, ref, access: { ok: true, mode: "edit", locked: false, kind: edit.kind, owner: edit.owner } });
  if (doc === "elsewhere") throw new Error(`collab: ${edit.name} is held by another server process; try again`);
  if (!doc) throw new Error(`collab: could not load ${edit.name} for a server edit`);
  try {
    await doc.applyServerEdit(edit.personId, edit.edit);
  } finally {
    if (doc.connections.size === 0) doc.scheduleUnload(state.unloadGraceMs, () => unload(state, doc));
  }
}

/** A new connection joins the document: kept alive by pings, its messages handled, and sent the document's state and cursors. */
function acceptConnection(state: CollabState, ws: WebSocket, document: LiveDocument, { name, ref, session, access }: Admission): void {
  const { viewer } = session;
  const connection: Connection = {
    socket: ws,
    viewer,
    ref,
    mode: access.mode,
    locked: access.locked,
    clientIds: new Set(),
    user: { name: viewer.name, color: colourFor(viewer.id) },
    limits: connectionLimits(MAX_MESSAGE_BYTES),
    heldAwareness: null,
  };
  document.add(connection);
  documentPresence().join(name, connection, { personId: viewer.id, name: viewer.name, mode: access.mode });
  state.sessionGuard.remember(connection, session.tokenHash);
  const ping = keepAlive(ws);

  ws.on("message", (data: Buffer, isBinary) => onMessage(document, connection, name, data, isBinary));
  ws.on("close", () => {
    clearInterval(ping);
    documentPresence().leave(name, connection);
    if (document.remove(connection)) document.scheduleUnload(state.unloadGraceMs, () => unload(state, document));
  });
  ws.on("error", (error) => console.warn(`collab: socket error for ${name}: ${error.message}`));

  document.sendSyncStep1(connection);
  const states = [...document.awareness.getStates().keys()];
  if (states.length > 0) document.send(connection, encodeAwareness(document.awareness, states));
}

/** Pings every PING_INTERVAL_MS; a socket that did not answer the last ping is terminated. */
function keepAlive(ws: WebSocket): ReturnType<typeof setInterval> {
  let alive = true;
  ws.on("pong", () => (alive = true));
  return setInterval(() => {
    if (!alive) return ws.terminate();
    alive = false;
    ws.ping();
  }, PING_INTERVAL_MS);
}

/** One frame from a client; a frame that breaks the protocol or a limit closes the connection with its code. */
function onMessage(document: LiveDocument, connection: Connection, name: string, data: Buffer, isBinary: boolean): void {
  const ws = connection.socket;
  // Frames that arrive after a refusal (the close handshake takes a round trip) are not read.
  if (ws.readyState !== ws.OPEN) return;
  try {
    if (!isBinary) throw new ProtocolError("text frames are not part of the protocol");
    handleMessage(document, connection, new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
  } catch (error) {
    const code = error instanceof ProtocolError ? (error.code as CollabCloseCode) : CloseCode.badRequest;
    // Decoder and JSON errors quote what the client sent: only their kind goes into the log.
    const why = error instanceof ProtocolError ? error.message : `malformed message (${error instanceof Error ? error.name : typeof error})`;
    console.warn(`collab: closing connection of person ${connection.viewer.id} to ${name} with ${code}: ${why}`);
    closeWith(ws, code);
  }
}

function unload(state: CollabState, doc: LiveDocument) {
  if (doc.connections.size > 0 || state.live.get(doc.name) !== doc) return;
  // The final snapshot is queued behind every update of the document.
  doc.destroy({ persist: true });
  state.live.delete(doc.name);
  // Another process may take the document once everything written here is committed.
  void state.queue.settled().then(() => {
    if (!state.live.has(doc.name)) state.leases.release([doc.name]);
  });
}

/**
 * Keeps this process's leases; a document whose lease another process took (ours expired while
 * this process stalled) leaves memory without writing: its connections reconnect to the holder.
 */
function renewLeases(state: CollabState): void {
  let lost: string[];
  try {
    lost = state.leases.renew([...state.live.keys()]);
  } catch (error) {
    return console.error("collab: could not renew document leases", error);
  }
  for (const name of lost) {
    const doc = state.live.get(name);
    if (!doc) continue;
    console.warn(`collab: ${name} is held by another process now; closing its connections here`);
    for (const connection of doc.connections) closeWith(connection.socket, CloseCode.servedElsewhere);
    doc.destroy({ persist: false });
    state.live.delete(name);
  }
}

/** Locks, ended sessions and changed rights reach the open connections; returns the function that stops listening. */
function followLiveEvents(state: CollabState): () => void {
  const { live, sessionGuard } = state;
  // Approved minutes: documents already open become read-only at once, for every connection.
  const onMeetingLocked = (meetingId: number) => {
    for (const doc of live.values()) if (doc.meetingId === meetingId) doc.lock();
  };
  // An adopted ärende's proposal: its open connections become read-only too.
  const onDocumentLocked = (name: string) => live.get(name)?.lock();
  // A logout, a password change or an expired session ends the connections opened with that session.
  const closeEndedSessions = () => sessionGuard.closeEnded([...live.values()].flatMap((doc) => [...doc.connections]));
  const onAccessChanged = () => {
    closeEndedSessions();
    recheckAccess(state);
  };
  liveEvents().on("meetingLocked", onMeetingLocked);
  liveEvents().on("documentLocked", onDocumentLocked);
  liveEvents().on("sessionsChanged", closeEndedSessions);
  liveEvents().on("accessChanged", onAccessChanged);
  return () => {
    liveEvents().off("meetingLocked", onMeetingLocked);
    liveEvents().off("documentLocked", onDocumentLocked);
    liveEvents().off("accessChanged", onAccessChanged);
    liveEvents().off("sessionsChanged", closeEndedSessions);
  };
}

/**
 * Rights changed (a membership removed, a group's settings, an account deactivated), in this
 * process or, through the audit log, in another (the admin CLI): every open
 * connection is checked again. Losing edit or read access ends the connection; the editor then
 * explains it, and a reload shows the document as the person may now see it.
 */
function recheckAccess({ live, options }: CollabState): void {
  const active = new Map<number, boolean>();
  const isActive = (personId: number) => active.get(personId) ?? active.set(personId, isPersonActive(options.db, personId)).get(personId)!;
  for (const doc of live.values()) {
    for (const connection of doc.connections) {
      if (!isActive(connection.viewer.id)) {
        closeWith(connection.socket, CloseCode.unauthenticated);
        continue;
      }
      const access = options.access(options.db, connection.viewer, connection.ref);
      if (!access.ok || (connection.mode === "edit" && access.mode !== "edit")) closeWith(connection.socket, CloseCode.forbidden);
    }
  }
}

function expectedOrigin(request: IncomingMessage, publicOrigin: string | undefined): string {
  if (publicOrigin) return publicOrigin;
  const encrypted = "encrypted" in request.socket && Boolean(request.socket.encrypted);
  return `${encrypted ? "https" : "http"}://${request.headers.host}`;
}

function rejectHttp(socket: Duplex, status: number, text: string): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

export type CollabServer = ReturnType<typeof attachCollabServer>;
