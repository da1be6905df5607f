import * as decoding from "lib0/decoding";
import * as awarenessProtocol from "y-protocols/awareness";
import * as Y from "yjs";
import { guardAwarenessUpdate } from "./awareness-guard";
import { collabCloseCodes as CloseCode } from "../../db/domain/close-codes";
import { MAX_CLIENT_IDS_PER_CONNECTION, type Connection, type LiveDocument } from "./live-document";
import { encodeAwareness, MessageType } from "./messages";
import { checkUpdate } from "./update-check";

/** Largest message a client may send: a long pasted report fits, a flood does not. */
export const MAX_MESSAGE_BYTES = 2 * 1024 * 1024;

const SyncType = { step1: 0, step2: 1, update: 2 } as const;

/**
 * A refusal: the caller closes the connection with `code`. The message is for
 * the server log only and never holds text the client sent.
 */
export class ProtocolError extends Error {
  constructor(
    message: string,
    readonly code: number = CloseCode.badRequest,
  ) {
    super(message);
    this.name = "ProtocolError";
  }
}

/**
 * Handles one message of the y-websocket protocol from one connection.
 * Throws ProtocolError for anything malformed or not allowed; the caller
 * closes that connection only.
 */
export function handleMessage(live: LiveDocument, connection: Connection, data: Uint8Array): void {
  if (data.byteLength > MAX_MESSAGE_BYTES) throw new ProtocolError("message too large", CloseCode.messageTooLarge);
  if (!connection.limits.bytes.take(data.byteLength)) throw new ProtocolError("too many bytes per second", CloseCode.tooManyRequests);
  const decoder = decoding.createDecoder(data);
  const type = decoding.readVarUint(decoder);
  switch (type) {
    case MessageType.sync:
      return handleSync(live, connection, decoder);
    case MessageType.awareness:
      return handleAwareness(live, connection, decoding.readVarUint8Array(decoder));
    case MessageType.queryAwareness:
      // Each answer encodes every state: beyond the rate, the client gets the next relays only.
      if (connection.limits.awareness.take()) live.send(connection, encodeAwareness(live.awareness, [...live.awareness.getStates().keys()]));
      return;
    case MessageType.auth:
      // The stock client never sends auth messages; authentication is the session cookie.
      return;
    default:
      throw new ProtocolError(`unknown message type ${type}`);
  }
}

function handleSync(live: LiveDocument, connection: Connection, decoder: decoding.Decoder): void {
  const syncType = decoding.readVarUint(decoder);
  if (syncType === SyncType.step1) {
    if (!connection.limits.syncRequests.take()) throw new ProtocolError("too many sync requests", CloseCode.tooManyRequests);
    const stateVector = decoding.readVarUint8Array(decoder);
    // Encoded now (decoding the state vector throws on garbage), sent once pending writes are committed.
    live.sendCommitted(connection, live.syncStep2For(stateVector));
    return;
  }
  if (syncType !== SyncType.step2 && syncType !== SyncType.update) throw new ProtocolError(`unknown sync message ${syncType}`);
  if (!connection.limits.updates.take()) throw new ProtocolError("too many updates per second", CloseCode.tooManyRequests);
  const update = decoding.readVarUint8Array(decoder);
  // Parsing the whole update first keeps a malformed one from half-applying.
  const decoded = Y.decodeUpdate(update);
  const changesSomething = decoded.structs.length > 0 || decoded.ds.clients.size > 0;
  if (connection.mode === "read") {
    // Read-only: never applied, never relayed. A client's sync reply always carries its whole
    // delete set, so only content the server does not have counts as an attempted change.
    const attempted = changesSomething && Y.decodeUpdate(Y.diffUpdate(update, Y.encodeStateVector(live.doc))).structs.length > 0;
    if (attempted && connection.locked) throw new ProtocolError("document is locked", CloseCode.locked);
    if (attempted) console.warn(`collab: dropped an update from read-only person ${connection.viewer.id} to ${live.name}`);
    return;
  }
  if (!changesSomething) return;
  const check = checkUpdate(live.doc, decoded);
  if (!check.ok) throw new ProtocolError(`refused update: ${check.problem}`);
  for (const clientId of check.writers) {
    const refusal = live.clientIdRefusal(connection, clientId);
    if (refusal) throw new ProtocolError(`refused update: client id ${clientId} ${refusal}`, CloseCode.clientConflict);
  }
  // Each id above passed on its own; together they must still fit in one connection's allowance.
  const newIds = check.writers.filter((clientId) => !connection.clientIds.has(clientId)).length;
  if (connection.clientIds.size + newIds > MAX_CLIENT_IDS_PER_CONNECTION)
    throw new ProtocolError("refused update: too many client ids for one connection", CloseCode.clientConflict);
  // Deletions alone are always accepted: they are how a document over its cap gets smaller.
  if (check.writers.length > 0 && live.wouldExceedCap(update.byteLength))
    throw new ProtocolError("document would exceed its size cap", CloseCode.messageTooLarge);
  const verdict = live.checkContent(update);
  if (!verdict.ok) throw new ProtocolError(`refused update: ${verdict.problem}`, CloseCode.invalidContent);
  for (const clientId of check.writers) live.claimClientId(connection, clientId);
  if (!live.applyUpdate(connection, update)) throw new ProtocolError("update left pending state; dropped");
  if (verdict.afterCommit) live.afterCommit(verdict.afterCommit);
}

/**
 * Awareness (carets, names) is relayed to everyone, so its rate is limited per
 * connection: beyond it, only the newest update is kept and relayed once the
 * limit allows. Others see fewer intermediate caret positions, never a stale last one.
 */
function handleAwareness(live: LiveDocument, connection: Connection, update: Uint8Array): void {
  const guarded = guardAwarenessUpdate(update, connection, ({ clientId, clock, removal }) => {
    // The stock client sends back every state it receives, its own and everyone else's, with the
    // clock it got: only a state newer than the server's comes from the client that owns the id.
    if (!isNewerAwareness(live.awareness, clientId, clock, removal)) return false;
    if (live.clientIdRefusal(connection, clientId)) return false;
    live.claimClientId(connection, clientId);
    return true;
  });
  if (!guarded) return;
  if (connection.heldAwareness === null && connection.limits.awareness.take()) {
    awarenessProtocol.applyAwarenessUpdate(live.awareness, guarded, connection);
    return;
  }
  const alreadyScheduled = connection.heldAwareness !== null;
  connection.heldAwareness = guarded;
  if (alreadyScheduled) return;
  const relayHeld = () => {
    const held = connection.heldAwareness;
    if (!held || !live.connections.has(connection) || connection.socket.readyState !== connection.socket.OPEN) return;
    if (!connection.limits.awareness.take()) return void setTimeout(relayHeld, connection.limits.awareness.msUntil()).unref();
    connection.heldAwareness = null;
    awarenessProtocol.applyAwarenessUpdate(live.awareness, held, connection);
  };
  setTimeout(relayHeld, connection.limits.awareness.msUntil()).unref();
}

/** Whether y-protocols would apply this entry (the same test as `applyAwarenessUpdate`). */
function isNewerAwareness(awareness: awarenessProtocol.Awareness, clientId: number, clock: number, removal: boolean): boolean {
  const current = awareness.meta.get(clientId)?.clock ?? 0;
  return current < clock || (current === clock && removal && awareness.states.has(clientId));
}
