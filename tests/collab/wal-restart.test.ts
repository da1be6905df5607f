/**
 * The WAL's restart after a complete checkpoint fsyncs the WAL header. These tests drive the
 * checkpointer and the inline writer on a real SQLite file: the checkpointer makes that restart
 * itself, and a live document's commit never waits for it in SQLite's busy handler.
 */
import { readFileSync } from "node:fs";
import Database from "better-sqlite3";
import { openDatabase, closeDatabase } from "../../db/client";
import { startCheckpointer } from "../../server/checkpointer";
import { startInlineWriter } from "../../server/collab/inline-writer";
import type { WriterAck } from "../../server/collab/write-queue";
import { RESTARTING, WalRestartGate } from "../../server/wal-restart-gate";
import { tempDatabasePath } from "../support/temp";

const NAME = "meeting-1-minutes";

function databaseWithDocument(): string {
  const path = tempDatabasePath();
  openDatabase(path);
  closeDatabase();
  const setup = new Database(path);
  setup.prepare("insert into documents (name, kind, updated_at) values (?, 'minutes', '2026-01-01T00:00:00Z')").run(NAME);
  setup.close();
  return path;
}

const update = (n: number) => ({ kind: "update" as const, name: NAME, update: new Uint8Array([0, 0, n % 256]), personId: null });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** The WAL header's salts: SQLite draws new ones each time the WAL starts over from its beginning. */
const walSalts = (path: string) => readFileSync(`${path}-wal`).subarray(16, 24).toString("hex");
/** The inline writer with the gate, and the acknowledgements it makes. */
function gatedWriter(path: string) {
  const gate = new WalRestartGate();
  const writer = startInlineWriter(path, gate);
  const acks: WriterAck[] = [];
  writer.onAck((ack) => acks.push(ack));
  return { gate, writer, acks };
}
const logRows = (path: string) => {
  const reader = new Database(path, { readonly: true });
  try {
    return (reader.prepare("select count(*) as n from document_updates").get() as { n: number }).n;
  } finally {
    reader.close();
  }
};

describe("the WAL's restart after a complete checkpoint", () => {
  it("is made by the checkpointer, without another commit of the main thread, and not repeated while nothing is written", async () => {
    const path = databaseWithDocument();
    const { gate, writer, acks } = gatedWriter(path);
    writer.post(1, update(1));
    await vi.waitFor(() => expect(acks).toEqual([{ upTo: 1 }]));
    const before = walSalts(path);

    const checkpointer = startCheckpointer(path, { intervalMs: 40, gate });
    try {
      // Nothing is posted: only the checkpointer can have started the WAL over.
      await vi.waitFor(() => expect(walSalts(path)).not.toBe(before), { timeout: 3_000, interval: 20 });
      const restarted = walSalts(path);
      // Its own restart write is not checkpointed and restarted again round after round.
      await sleep(400);
      expect(walSalts(path)).toBe(restarted);

      // A later commit is stored, and the next complete checkpoint is followed by a restart again.
      writer.post(2, update(2));
      await vi.waitFor(() => expect(acks.at(-1)).toEqual({ upTo: 2 }));
      await vi.waitFor(() => expect(walSalts(path)).not.toBe(restarted), { timeout: 3_000, interval: 20 });
      expect(logRows(path)).toBe(2);
    } finally {
      await checkpointer.stop();
      await writer.close();
    }
  });

  it("holds a commit while the checkpointer restarts the WAL, and makes it, with the writes posted meanwhile, once the gate opens", async () => {
    const path = databaseWithDocument();
    const { gate, writer, acks } = gatedWriter(path);
    // The test plays the checkpointer's part: the gate closed as for a restart.
    const shared = new Int32Array(gate.shared);
    Atomics.store(shared, RESTARTING, 1);
    expect(gate.tryEnter()).toBe(false);

    writer.post(1, update(1));
    await sleep(20);
    writer.post(2, update(2));
    await sleep(20);
    expect(acks).toEqual([]);
    expect(logRows(path)).toBe(0);

    Atomics.store(shared, RESTARTING, 0);
    Atomics.notify(shared, RESTARTING);
    await vi.waitFor(() => expect(acks).toEqual([{ upTo: 2 }]));
    expect(logRows(path)).toBe(2);
    // The writer let go of the gate: the checkpointer could close it again now.
    expect(gate.tryEnter()).toBe(true);
    gate.leave();
    await writer.close();
  });
});
