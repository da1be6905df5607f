/**
 * Issue 17, load: a document whose stored log is long (left by a crash, or stored before
 * compaction existed) is folded into one snapshot when it is loaded, so the next load reads one
 * update instead of replaying the log; a server starting on such logs folds them before it
 * serves anyone (issue 13: a lägesbild of many sections opens at once).
 */
import Database from "better-sqlite3";
import * as Y from "yjs";
import { closeDatabase, openDatabase } from "../../db/client";
import { appendParagraphsOffline, DocumentStore } from "../../db/documents/store";
import { startServer, type RunningServer } from "../support/server";
import { connectClient, sessionCookie, thisYear, waitFor, waitForSync } from "../support/collab-client";

const documentName = `lagesbild-skarholmen-${thisYear}`;
let server: RunningServer;
afterEach(async () => {
  await server?.stop();
});

function storedRows(databasePath: string) {
  const sqlite = new Database(databasePath, { readonly: true });
  try {
    const { n } = sqlite.prepare("select count(*) as n from document_updates where document_name = ?").get(documentName) as { n: number };
    const { snapshot } = sqlite.prepare("select snapshot from documents where name = ?").get(documentName) as { snapshot: Buffer | null };
    return { n, snapshot };
  } finally {
    sqlite.close();
  }
}

it("compacts a long stored log into a snapshot when the document is loaded", async () => {
  server = await startServer();
  const { db } = openDatabase(server.databasePath);
  for (let i = 0; i < 600; i++) {
    appendParagraphsOffline(db, { kind: "lagesbild", agreementSlug: "skarholmen", year: thisYear }, {}, [`rad ${i}`]);
  }
  closeDatabase();
  const rows = () => storedRows(server.databasePath);
  expect(rows().n).toBeGreaterThanOrEqual(600);

  const client = connectClient(server, documentName, await sessionCookie(server, "sdd.skarholmen@example.se"));
  await waitForSync(client);
  expect(client.text()).toContain("rad 599");
  await waitFor(() => rows().n === 0 && rows().snapshot !== null, 10_000, "the log folded into a snapshot");
  client.destroy();
});

it("folds long logs into snapshots when the server starts, before the first connection", async () => {
  const first = await startServer();
  const cookie = await sessionCookie(first, "sdd.skarholmen@example.se");
  // The page creates the document; then the server stops and a long log is written without it.
  const opened = connectClient(first, documentName, cookie);
  await waitForSync(opened);
  opened.destroy();
  await first.stop();
  const { db } = openDatabase(first.databasePath);
  const store = new DocumentStore(db);
  const { doc } = store.load(documentName, "lagesbild", {});
  const updates: Uint8Array[] = [];
  doc.on("update", (update: Uint8Array) => updates.push(update));
  const text = new Y.XmlText("");
  const paragraph = new Y.XmlElement("paragraph");
  paragraph.insert(0, [text]);
  doc.getXmlFragment("default").insert(0, [paragraph]);
  for (let i = 0; i < 600; i++) text.insert(text.length, `ord${i} `);
  store.write(updates.map((update) => ({ kind: "update", name: documentName, update, personId: null })));
  doc.destroy();
  closeDatabase();
  expect(storedRows(first.databasePath).n).toBeGreaterThanOrEqual(600);

  server = await startServer({ DATABASE_PATH: first.databasePath, SEED_DEMO: "false" });
  // Folded before the server said it listens: no connection ever replays the log.
  expect(storedRows(server.databasePath).n).toBe(0);
  expect(server.output()).toMatch(/folded 1 long update logs into snapshots/);
  const client = connectClient(server, documentName, await sessionCookie(server, "sdd.skarholmen@example.se"));
  await waitForSync(client);
  expect(client.text()).toContain("ord0 ord1 ord2");
  expect(client.text()).toContain("ord599 ");
  client.destroy();
});
