/**
 * Issue 17, load: a document whose stored log is long (left by a crash, or stored before
 * compaction existed) is folded into one snapshot when it is loaded, so the next load reads one
 * update instead of replaying the log.
 */
import Database from "better-sqlite3";
import { closeDatabase, openDatabase } from "../../db/client";
import { appendParagraphsOffline } from "../../db/documents/store";
import { startServer, type RunningServer } from "../support/server";
import { connectClient, sessionCookie, thisYear, waitFor, waitForSync } from "../support/collab-client";

const documentName = `lagesbild-skarholmen-${thisYear}`;
let server: RunningServer;
afterAll(async () => {
  await server?.stop();
});

it("compacts a long stored log into a snapshot when the document is loaded", async () => {
  server = await startServer();
  const { db } = openDatabase(server.databasePath);
  for (let i = 0; i < 600; i++) {
    appendParagraphsOffline(db, { kind: "lagesbild", agreementSlug: "skarholmen", year: thisYear }, {}, [`rad ${i}`]);
  }
  closeDatabase();
  const rows = () => {
    const sqlite = new Database(server.databasePath, { readonly: true });
    try {
      const { n } = sqlite.prepare("select count(*) as n from document_updates where document_name = ?").get(documentName) as { n: number };
      const { snapshot } = sqlite.prepare("select snapshot from documents where name = ?").get(documentName) as { snapshot: Buffer | null };
      return { n, snapshot };
    } finally {
      sqlite.close();
    }
  };
  expect(rows().n).toBeGreaterThanOrEqual(600);

  const client = connectClient(server, documentName, await sessionCookie(server, "sdd.skarholmen@example.se"));
  await waitForSync(client);
  expect(client.text()).toContain("rad 599");
  await waitFor(() => rows().n === 0 && rows().snapshot !== null, 10_000, "the log folded into a snapshot");
  client.destroy();
});
