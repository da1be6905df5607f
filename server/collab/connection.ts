import * as decoding from "lib0/decoding";
import * as awarenessProtocol from "y-protocols/awareness";
import * as Y from "yjs";
import { guardAwarenessUpdate } from "./awareness-guard";
import { collabCloseCodes as CloseCode } from "../../app/components/editor/close-codes";
import type { Connection, LiveDocument } from "./live-document";
import { encodeAwareness, encodeSyncStep2, MessageType } from "./messages";

/** Largest message a client may send: a long pasted report fits, a flood does not. */
export const MAX_MESSAGE_BYTES = 2 * 1024 * 1024;

const SyncType = { step1: 0, step2: 1, update: 2 } as const;

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
  const decoder = decoding.createDecoder(data);
  const type = decoding.readVarUint(decoder);
  switch (type) {
    case MessageType.sync:
      return handleSync(live, connection, decoder);
    case MessageType.awareness: {
      const update = decoding.readVarUint8Array(decoder);
      const guarded = guardAwarenessUpdate(update, connection, (id) => live.isOwnedByOther(connection, id));
      if (guarded) awarenessProtocol.applyAwarenessUpdate(live.awareness, guarded, connection);
      return;
    }
    case MessageType.queryAwareness:
      live.send(connection, encodeAwareness(live.awareness, [...live.awareness.getStates().keys()]));
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
    const stateVector = decoding.readVarUint8Array(decoder);
    // Validate now (it throws on garbage), answer once pending writes are committed.
    Y.decodeStateVector(stateVector);
    live.sendCommitted(connection, encodeSyncStep2(live.doc, stateVector));
    return;
  }
  if (syncType !== SyncType.step2 && syncType !== SyncType.update) throw new ProtocolError(`unknown sync message ${syncType}`);
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
  if (changesSomething) Y.applyUpdate(live.doc, update, connection);
}
