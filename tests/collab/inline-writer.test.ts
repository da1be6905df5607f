/**
 * Issue 17, durability in two tiers: in "process" mode the collab server commits each update to
 * the WAL on the main thread without an fsync, and the WAL flush thread makes it durable. These
 * tests drive the writer and the flush thread directly on a real SQLite file.
 */
import { existsSync } from "node:fs";
import Database from "better-sqlite3";
import { openDatabase, closeDatabase } from "../../db/client";
import { startInlineWriter } from "../../server/collab/inline-writer";
import { startWalFlusher } from "../../server/collab/wal-flusher";
import type { WriterAck } from "../../server/collab/write-queue";
import { tempDatabasePath } from "../support/temp";

function migratedDatabase(): string {
  const path = tempDatabasePath();
  openDatabase(path);
  closeDatabase();
  return path;
}

const update = (name: string, n: number) => ({ kind: "update" as const, name, update: new Uint8Array([0, 0, n % 256]), personId: null });

describe("process durability: the inline writer", () => {
  it("commits the writes posted in one tick in one transaction and acknowledges after post returns", async () => {
    const path = migratedDatabase();
    const writer = startInlineWriter(path);
    const acks: WriterAck[] = [];
    writer.onAck((ack) => acks.push(ack));
    // The document row must exist for the log rows (foreign key); create it as the store would.
    const setup = new Database(path);
    setup.prepare("insert into documents (name, kind, updated_at) values ('meeting-1-minutes', 'minutes', '2026-01-01T00:00:00Z')").run();
    setup.close();

    writer.post(1, update("meeting-1-minutes", 1));
    writer.post(2, update("meeting-1-minutes", 2));
    expect(acks).toEqual([]);
    await Promise.resolve();
    expect(acks).toEqual([{ upTo: 2 }]);

    // Readable at once by another connection: the commit is in the WAL before the acknowledgement.
    const reader = new Database(path, { readonly: true });
    expect(reader.prepare("select count(*) as n from document_updates").get()).toEqual({ n: 2 });
    reader.close();

    // The flush thread covers the commit without any further write waking it.
    await writer.flusher.whenSynced();
    expect(writer.flusher.counts()).toEqual({ written: 1, synced: 1 });
    await writer.close();
  });

  it("reports a failed transaction with the documents it held, and keeps working after it", async () => {
    const path = migratedDatabase();
    const writer = startInlineWriter(path);
    const acks: WriterAck[] = [];
    writer.onAck((ack) => acks.push(ack));
    // No documents row: the foreign key refuses the log row and the whole transaction rolls back.
    writer.post(1, update("meeting-9-minutes", 1));
    await Promise.resolve();
    expect(acks[0]).toMatchObject({ upTo: 1, names: ["meeting-9-minutes"] });
    expect(acks[0].error).toMatch(/FOREIGN KEY/);
    await writer.close();
  });
});

describe("process durability: the WAL flush thread", () => {
  it("waits for a WAL file that does not exist yet and syncs it once it does", async () => {
    const path = tempDatabasePath();
    const walPath = `${path}-wal`;
    const flusher = startWalFlusher(walPath);
    flusher.markWritten();
    await flusher.whenSynced();
    expect(existsSync(walPath)).toBe(false);

    const db = new Database(path);
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = NORMAL");
    db.exec("create table t (x)");
    for (let i = 0; i < 50; i++) {
      db.prepare("insert into t values (?)").run(i);
      flusher.markWritten();
    }
    expect(existsSync(walPath)).toBe(true);
    await flusher.whenSynced();
    expect(flusher.counts()).toEqual({ written: 51, synced: 51 });
    await flusher.stop();
    db.close();
  });

  it("syncs a commit made while it is busy without being woken, and one made after it fell idle", async () => {
    const path = tempDatabasePath();
    const db = new Database(path);
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = NORMAL");
    db.exec("create table t (x)");
    const flusher = startWalFlusher(`${path}-wal`);
    db.prepare("insert into t values (1)").run();
    flusher.markWritten();
    await flusher.whenSynced();
    // Right after a sync the thread waits out its pace; this commit does not wake it (no notify while busy).
    db.prepare("insert into t values (2)").run();
    flusher.markWritten();
    await flusher.whenSynced();
    expect(flusher.counts()).toEqual({ written: 2, synced: 2 });
    // Long after, the thread sleeps until woken: the next commit wakes it.
    await new Promise((resolve) => setTimeout(resolve, 50));
    db.prepare("insert into t values (3)").run();
    flusher.markWritten();
    await flusher.whenSynced();
    expect(flusher.counts()).toEqual({ written: 3, synced: 3 });
    await flusher.stop();
    db.close();
  });

  it("syncs what is outstanding when stopped", async () => {
    const path = tempDatabasePath();
    const db = new Database(path);
    db.pragma("journal_mode = WAL");
    db.exec("create table t (x)");
    const flusher = startWalFlusher(`${path}-wal`);
    flusher.markWritten();
    await flusher.stop();
    expect(flusher.counts().synced).toBe(1);
    db.close();
  });
});
