import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import * as schema from "../../db/schema";
import * as Y from "yjs";
import { closeDatabase, openDatabase, type Db, type Sqlite } from "../../db/client";
import { DocumentLoadError, DocumentStore } from "../../db/documents/store";
import { plainText } from "../../db/documents/plain-text";
import { appendParagraph, connectClient, sessionCookie, thisYear, waitFor, waitForSync } from "../support/collab-client";
import { startServer } from "../support/server";
import { tempDatabasePath } from "../support/temp";

describe("the document store", () => {
  let db: Db;
  let sqlite: Sqlite;
  let store: DocumentStore;
  beforeAll(() => {
    ({ db, sqlite } = openDatabase(tempDatabasePath()));
    store = new DocumentStore(db);
  });
  afterAll(() => closeDatabase());

  it("creates a new lägesbild from the template with the sections the agreements call for", () => {
    const { doc } = store.load("lagesbild-x-2026", "lagesbild", {});
    const text = plainText(doc);
    for (const section of ["Underlag och källor", "Geografisk analys", "Unga i risk för kriminalitet", "Orsaksanalys", "Prioriteringar"]) {
      expect(text).toContain(section);
    }
  });

  it("reloads snapshot plus update log, and compaction keeps the content while emptying the log", () => {
    const name = "meeting-1-minutes";
    const first = store.load(name, "minutes", {}).doc;
    const updates: Uint8Array[] = [];
    first.on("update", (u: Uint8Array) => updates.push(u));
    for (let i = 0; i < 20; i++) appendParagraph(first, `rad ${i}`);
    store.write(updates.map((update) => ({ kind: "update", name, update, personId: null })));
    expect(store.logLength(name)).toBe(20);

    const reloaded = store.load(name, "minutes", {});
    expect(plainText(reloaded.doc)).toBe(plainText(first));
    expect(reloaded.logLength).toBe(20);

    store.compact(name, reloaded.doc);
    expect(store.logLength(name)).toBe(0);
    expect(plainText(store.load(name, "minutes", {}).doc)).toBe(plainText(first));
    const stored = sqlite.prepare("select plain_text from documents where name = ?").get(name) as { plain_text: string };
    expect(stored.plain_text).toContain("rad 19");
  });

  it("reads snapshot and log as one state, also when a compaction commits between the two reads", () => {
    const name = "meeting-4-minutes";
    const live = store.load(name, "minutes", {}).doc;
    const updates: Uint8Array[] = [];
    live.on("update", (u: Uint8Array) => updates.push(u));
    appendParagraph(live, "Skrivet före kompakteringen.");
    store.write(updates.map((update) => ({ kind: "update", name, update, personId: null })));

    // A second connection, as the app's readers use: just as it starts reading the log, the
    // document is compacted on the other connection (new snapshot, log emptied), as the
    // collaboration server's writer thread may do at any moment.
    let compactOnce = true;
    const reader = new Database((sqlite as unknown as { name: string }).name, {
      verbose: (sql) => {
        if (compactOnce && /from "document_updates"/.test(String(sql))) {
          compactOnce = false;
          store.compact(name, live);
        }
      },
    });
    try {
      const loaded = new DocumentStore(drizzle(reader, { schema }) as unknown as Db).load(name, "minutes", {});
      expect(compactOnce).toBe(false);
      expect(plainText(loaded.doc)).toContain("Skrivet före kompakteringen.");
    } finally {
      reader.close();
    }
  });

  it("refuses to load a document whose stored update is corrupt, and leaves the stored rows untouched", () => {
    const name = "meeting-2-minutes";
    store.load(name, "minutes", {});
    store.write([{ kind: "update", name, update: Uint8Array.from([1, 2, 3, 250, 251]), personId: null }]);
    const before = sqlite.prepare("select snapshot from documents where name = ?").get(name) as { snapshot: Buffer };
    expect(() => store.load(name, "minutes", {})).toThrow(DocumentLoadError);
    const after = sqlite.prepare("select snapshot from documents where name = ?").get(name) as { snapshot: Buffer };
    expect(Buffer.compare(before.snapshot, after.snapshot)).toBe(0);
    expect(store.logLength(name)).toBe(1);
  });

  it("loads a document with a long history in one pass", () => {
    const name = "meeting-3-minutes";
    const source = new Y.Doc();
    const updates: Uint8Array[] = [];
    source.on("update", (u: Uint8Array) => updates.push(u));
    const text = new Y.XmlText();
    const paragraph = new Y.XmlElement("paragraph");
    paragraph.insert(0, [text]);
    source.getXmlFragment("default").insert(0, [paragraph]);
    for (let i = 0; i < 5000; i++) text.insert(text.length, "a");
    sqlite.prepare("insert into documents (name, kind, plain_text, updated_at) values (?, 'minutes', '', '')").run(name);
    store.write(updates.map((update) => ({ kind: "update", name, update, personId: null })));
    const loaded = store.load(name, "minutes", {});
    expect(loaded.logLength).toBe(5001);
    expect(plainText(loaded.doc)).toBe("a".repeat(5000));
  });
});

describe("documents in the running server", () => {
  it("refuses a connection with 4503 when the stored document cannot be read, and never overwrites it", async () => {
    const databasePath = tempDatabasePath();
    const server = await startServer({ DATABASE_PATH: databasePath });
    const name = `lagesbild-skarholmen-${thisYear}`;
    try {
      const cookie = await sessionCookie(server, "sdd.skarholmen@example.se");
      const writer = connectClient(server, name, cookie);
      await waitForSync(writer);
      writer.destroy();
      await server.stop();
      const db = new Database(databasePath);
      db.prepare("insert into document_updates (document_name, \"update\", created_at) values (?, ?, '')").run(name, Buffer.from([9, 9, 9, 9]));
      db.close();

      const restarted = await startServer({ DATABASE_PATH: databasePath });
      const client = connectClient(restarted, name, await sessionCookie(restarted, "sdd.skarholmen@example.se"));
      await waitFor(() => client.closeEvents.length > 0, 5_000, "refusal");
      expect(client.closeEvents[0].code).toBe(4503);
      client.destroy();
      await restarted.stop();
      const check = new Database(databasePath, { readonly: true });
      const rows = check.prepare("select count(*) as n from document_updates where document_name = ?").get(name) as { n: number };
      check.close();
      expect(rows.n).toBe(1);
    } finally {
      await server.stop();
    }
  });

  it("unloads a document after the grace period, storing a snapshot and its plain text", async () => {
    const server = await startServer({ COLLAB_UNLOAD_GRACE_MS: "100" });
    const name = `lagesbild-hasselby-vallingby-${thisYear}`;
    try {
      const client = connectClient(server, name, await sessionCookie(server, "birgitta.soderberg@example.se"));
      await waitForSync(client);
      appendParagraph(client.doc, "Sparas när dokumentet lämnar minnet.");
      await new Promise((resolve) => setTimeout(resolve, 100));
      client.destroy();
      const db = new Database(server.databasePath, { readonly: true });
      await waitFor(
        () => {
          const row = db.prepare("select plain_text from documents where name = ?").get(name) as { plain_text: string } | undefined;
          const log = db.prepare("select count(*) as n from document_updates where document_name = ?").get(name) as { n: number };
          return Boolean(row?.plain_text.includes("Sparas när dokumentet lämnar minnet.")) && log.n === 0;
        },
        5_000,
        "snapshot on unload",
      );
      db.close();
    } finally {
      await server.stop();
    }
  });

  it("stores a final snapshot of open documents on SIGTERM", async () => {
    const server = await startServer();
    const name = `lagesbild-ostermalm-${thisYear}`;
    const client = connectClient(server, name, await sessionCookie(server, "cecilia.wahlberg@example.se"));
    await waitForSync(client);
    appendParagraph(client.doc, "Skrivet strax före avstängning.");
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await server.stop()).toBe(0);
    client.destroy();
    const db = new Database(server.databasePath, { readonly: true });
    const row = db.prepare("select plain_text from documents where name = ?").get(name) as { plain_text: string };
    db.close();
    expect(row.plain_text).toContain("Skrivet strax före avstängning.");
  });

  it("relays nothing that could not be stored: writers are closed with 4503, and their edit is stored once storing works again", async () => {
    const server = await startServer();
    const name = `lagesbild-skarholmen-${thisYear}`;
    const failing = new Database(server.databasePath);
    try {
      const [chair, police] = await Promise.all([sessionCookie(server, "sdd.skarholmen@example.se"), sessionCookie(server, "lpo.skarholmen@example.se")]);
      const writer = connectClient(server, name, chair);
      const reader = connectClient(server, name, police);
      await Promise.all([waitForSync(writer), waitForSync(reader)]);
      // A full disk, as far as the server can tell: every insert into the log fails.
      failing.exec("create trigger full_disk before insert on document_updates begin select raise(abort, 'disk full'); end");
      appendParagraph(writer.doc, "Skrivet medan disken var full.");
      await waitFor(() => writer.closeEvents.some((e) => e.code === 4503), 5_000, "storage failure close");
      expect(reader.text()).not.toContain("Skrivet medan disken var full.");

      failing.exec("drop trigger full_disk");
      // The stock client reconnects by itself and sends what the server does not have.
      await waitFor(() => reader.text().includes("Skrivet medan disken var full."), 10_000, "the edit after recovery");
      writer.destroy();
      reader.destroy();
    } finally {
      failing.close();
      await server.stop();
    }
    const stored = new Database(server.databasePath, { readonly: true });
    const row = stored.prepare("select plain_text from documents where name = ?").get(name) as { plain_text: string };
    stored.close();
    expect(row.plain_text).toContain("Skrivet medan disken var full.");
  });
  it("sends a fresh page the stored snapshot while nothing changed, and the document as it is after any edit", async () => {
    const server = await startServer({ COLLAB_UNLOAD_GRACE_MS: "100" });
    const name = `lagesbild-hasselby-vallingby-${thisYear}`;
    try {
      const cookie = await sessionCookie(server, "birgitta.soderberg@example.se");
      const first = connectClient(server, name, cookie);
      await waitForSync(first);
      appendParagraph(first.doc, "Före omladdningen.");
      await new Promise((resolve) => setTimeout(resolve, 100));
      first.destroy();
      // Unloaded: the next page loads the snapshot alone, and is sent its stored bytes.
      const db = new Database(server.databasePath, { readonly: true });
      const logRows = () => (db.prepare("select count(*) as n from document_updates where document_name = ?").get(name) as { n: number }).n;
      await waitFor(() => logRows() === 0, 5_000, "snapshot on unload");
      const reader = connectClient(server, name, cookie);
      await waitForSync(reader);
      expect(reader.text()).toContain("Före omladdningen.");
      appendParagraph(reader.doc, "Efter att sidan öppnats.");
      await waitFor(() => logRows() === 1, 5_000, "the edit stored");
      // A fresh page after the edit: not the reply cached before it.
      const late = connectClient(server, name, cookie);
      await waitForSync(late);
      expect(late.text()).toContain("Efter att sidan öppnats.");
      expect(late.text()).toContain("Före omladdningen.");
      db.close();
      reader.destroy();
      late.destroy();
    } finally {
      await server.stop();
    }
  });

  it("compacts the log of an open document while people keep typing, and the stored state stays complete", async () => {
    const server = await startServer();
    const name = `lagesbild-skarholmen-${thisYear}`;
    let restarted: Awaited<ReturnType<typeof startServer>> | undefined;
    try {
      const typist = connectClient(server, name, await sessionCookie(server, "sdd.skarholmen@example.se"));
      await waitForSync(typist);
      appendParagraph(typist.doc, "");
      const paragraph = typist.doc.getXmlFragment("default").get(typist.doc.getXmlFragment("default").length - 1) as import("yjs").XmlElement;
      const text = paragraph.get(0) as import("yjs").XmlText;
      // 1 500 keystrokes, one update each, in bursts: three compactions' worth. 100 a second on
      // average, the most one connection may send for long (faster is closed with 4429).
      for (let i = 0; i < 1_500; i++) {
        text.insert(text.length, String.fromCharCode(97 + (i % 26)));
        if (i % 50 === 49) await new Promise((resolve) => setTimeout(resolve, 500));
      }
      const typed = text.toString();
      const db = new Database(server.databasePath, { readonly: true });
      const logRows = () => (db.prepare("select count(*) as n from document_updates where document_name = ?").get(name) as { n: number }).n;
      await waitFor(() => logRows() < 500, 10_000, "compaction while open");
      db.close();
      // No final snapshot: whatever compaction left behind must hold every keystroke.
      server.process.kill("SIGKILL");
      typist.destroy();
      restarted = await startServer({ DATABASE_PATH: server.databasePath });
      const reader = connectClient(restarted, name, await sessionCookie(restarted, "lpo.skarholmen@example.se"));
      await waitForSync(reader);
      expect(reader.text()).toContain(typed);
      reader.destroy();
    } finally {
      await server.stop();
      await restarted?.stop();
    }
  });
});
