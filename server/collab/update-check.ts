import * as Y from "yjs";

/**
 * Most delete-set ranges one message may carry. Deleting everything in a
 * document produces one range per run of consecutive clocks of each writer
 * that was still visible: a long, heavily corrected document written by a
 * dozen people gives a few thousand. A hundred thousand leaves a wide margin
 * while keeping the work one message can cause bounded.
 */
export const MAX_DELETE_RANGES_PER_UPDATE = 100_000;

/**
 * Most client ids one update may add structs under. A connection writes under at most
 * MAX_CLIENT_IDS_PER_CONNECTION ids of its own, so an honest update has one or two; the bound also
 * keeps the dependency replay below linear in the update's size (it loops over the writers).
 */
export const MAX_NEW_WRITERS_PER_UPDATE = 4;

export type DecodedUpdate = ReturnType<typeof Y.decodeUpdate>;

export type UpdateCheck =
  /** `writers`: the client ids under which the update adds structs the document does not have yet. */
  { ok: true; writers: number[] } | { ok: false; problem: string };

type Struct = DecodedUpdate["structs"][number];

/**
 * Decides, before anything is applied, whether `update` integrates into `doc`
 * completely. Yjs keeps whatever does not integrate ("pending" structs and
 * delete sets) inside the document, retries it on every later update, encodes
 * it into every snapshot and sync reply, and lets it take effect later under
 * any client id: an update that would leave anything pending is refused.
 *
 * It replays Yjs' integration order on clocks alone: per writer the structs
 * must follow on from what the document has, without gaps; a struct is
 * integrable once everything it points to (origin, right origin, parent)
 * exists in the document or was integrated before it; every deleted range
 * must exist once the update is in.
 */
export function checkUpdate(doc: Y.Doc, update: DecodedUpdate): UpdateCheck {
  const byWriter = new Map<number, Struct[]>();
  let previousWriter: number | null = null;
  for (const struct of update.structs) {
    // Skips only appear where an update has a gap.
    if (struct instanceof Y.Skip) return refuse("the update has a gap");
    if (struct instanceof Y.Item && struct.content instanceof Y.ContentDoc) return refuse("subdocuments are not used");
    const writer = struct.id.client;
    const list = byWriter.get(writer);
    // Yjs reads only the last list of a writer that appears twice; the first would be ignored silently.
    if (list && writer !== previousWriter) return refuse("a writer appears twice");
    if (list) list.push(struct);
    else byWriter.set(writer, [struct]);
    previousWriter = writer;
  }

  // State per writer as the simulated integration proceeds.
  const state = new Map<number, number>();
  const stateOf = (client: number) => state.get(client) ?? Y.getState(doc.store, client);
  const remaining: { writer: number; structs: Struct[]; next: number }[] = [];
  for (const [writer, structs] of byWriter) {
    let expected = structs[0].id.clock;
    if (expected > stateOf(writer)) return refuse("the update skips clocks the document lacks");
    for (const struct of structs) {
      if (struct.id.clock !== expected) return refuse("the update's clocks are not contiguous");
      expected += struct.length;
    }
    // Structs the document already has are ignored by Yjs: they need no checks.
    const known = stateOf(writer);
    const next = structs.findIndex((struct) => struct.id.clock + struct.length > known);
    if (next >= 0) remaining.push({ writer, structs, next });
  }
  const writers = remaining.map((r) => r.writer);
  // Checked before the replay below: with many writers it would take a pass per struct over all of them.
  if (writers.length > MAX_NEW_WRITERS_PER_UPDATE) return refuse("the update writes under too many client ids");

  const dependenciesExist = (struct: Struct) => {
    if (!(struct instanceof Y.Item)) return true;
    const parent = struct.parent instanceof Y.ID ? struct.parent : null;
    return [struct.origin, struct.rightOrigin, parent].every((id) => id === null || id.clock < stateOf(id.client));
  };
  for (let progress = true; progress;) {
    progress = false;
    for (const writer of remaining) {
      while (writer.next < writer.structs.length && dependenciesExist(writer.structs[writer.next])) {
        const struct = writer.structs[writer.next++];
        state.set(writer.writer, struct.id.clock + struct.length);
        progress = true;
      }
    }
  }
  if (remaining.some((r) => r.next < r.structs.length)) return refuse("the update refers to content the document lacks");

  let ranges = 0;
  for (const [client, deletions] of update.ds.clients) {
    ranges += deletions.length;
    if (ranges > MAX_DELETE_RANGES_PER_UPDATE) return refuse("the update deletes too many ranges");
    const end = stateOf(client);
    if (deletions.some((d) => d.clock + d.len > end)) return refuse("the update deletes content the document lacks");
  }
  return { ok: true, writers };
}

function refuse(problem: string): UpdateCheck {
  return { ok: false, problem };
}
