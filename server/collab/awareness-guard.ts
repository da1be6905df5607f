import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";

/** Largest awareness state (JSON) one client may publish: a cursor and a name need far less. */
export const MAX_AWARENESS_STATE_BYTES = 4096;

export interface AwarenessOwner {
  /** Client ids this connection introduced. */
  clientIds: Set<number>;
  user: { name: string; color: string };
}

/**
 * Rewrites an awareness update from one connection so that it can only speak
 * for itself: entries `mayPublish` refuses (client ids of others, see
 * LiveDocument.claimClientId) are dropped, oversized states are dropped, and
 * `user` is always the authenticated person's name and colour. Returns null
 * when nothing is left.
 */
export function guardAwarenessUpdate(
  update: Uint8Array,
  owner: AwarenessOwner,
  mayPublish: (entry: { clientId: number; clock: number; removal: boolean }) => boolean,
): Uint8Array | null {
  const decoder = decoding.createDecoder(update);
  const entries: { clientId: number; clock: number; state: string }[] = [];
  const count = decoding.readVarUint(decoder);
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    const json = decoding.readVarString(decoder);
    if (json.length > MAX_AWARENESS_STATE_BYTES) continue;
    const state: unknown = JSON.parse(json);
    if (!mayPublish({ clientId, clock, removal: state === null })) continue;
    entries.push({ clientId, clock, state: JSON.stringify(withIdentity(state, owner.user)) });
  }
  if (entries.length === 0) return null;
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const entry of entries) {
    encoding.writeVarUint(encoder, entry.clientId);
    encoding.writeVarUint(encoder, entry.clock);
    encoding.writeVarString(encoder, entry.state);
  }
  return encoding.toUint8Array(encoder);
}

function withIdentity(state: unknown, user: AwarenessOwner["user"]): unknown {
  // null means "this client left"; keep it so the others remove the caret.
  if (state === null) return null;
  if (typeof state !== "object" || Array.isArray(state)) return { user };
  return { ...(state as object), user };
}
