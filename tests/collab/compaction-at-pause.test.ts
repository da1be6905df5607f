/**
 * Issue 17: compacting the update log (encoding the whole document, about 5 ms for 50 KB here) holds up
 * every update that arrives meanwhile, so it waits for a pause in the typing. Without a pause (many
 * people typing at once), the log is still compacted once it holds COMPACT_WITHOUT_PAUSE_AFTER rows.
 */
import Database from "better-sqlite3";
import type * as Y from "yjs";
import { COMPACT_AFTER_UPDATES, COMPACT_WITHOUT_PAUSE_AFTER } from "../../server/collab/live-document";
import { appendParagraph, connectClient, fragmentText, sessionCookie, thisYear, waitFor, waitForSync, type Client } from "../support/collab-client";
import { startServer, type RunningServer } from "../support/server";

const name = `lagesbild-skarholmen-${thisYear}`;
/** Editors of the Skärholmen lägesbild: one connection may send 100 updates a second for long. */
const typists = ["sdd.skarholmen@example.se", "lpo.skarholmen@example.se", "linnea.holmberg@example.se", "ahmed.yusuf@example.se", "patrik.sjodin@example.se"];
/** Each typist's keystrokes a second: 400 in all, steadily, without a pause. */
const KEYSTROKES_PER_TYPIST_AND_SECOND = 80;

let server: RunningServer;
let clients: Client[] = [];
let db: Database.Database;

beforeAll(async () => {
  server = await startServer();
  clients = await Promise.all(typists.map(async (email) => connectClient(server, name, await sessionCookie(server, email))));
  await Promise.all(clients.map((client) => waitForSync(client)));
  db = new Database(server.databasePath, { readonly: true });
});
afterAll(async () => {
  db?.close();
  for (const client of clients) client.destroy();
  await server?.stop();
});

const logRows = () => (db.prepare("select count(*) as n from document_updates where document_name = ?").get(name) as { n: number }).n;

/** Each typist types into a paragraph of their own, `keystrokes` in all, steadily; the log's row count is read every tick. */
async function typeTogether(keystrokes: number): Promise<{ observed: number[] }> {
  const texts = clients.map((client) => {
    appendParagraph(client.doc, "");
    const fragment = client.doc.getXmlFragment("default");
    return (fragment.get(fragment.length - 1) as Y.XmlElement).get(0) as Y.XmlText;
  });
  const observed: number[] = [];
  const tickMs = 1000 / KEYSTROKES_PER_TYPIST_AND_SECOND;
  const start = performance.now();
  for (let typed = 0; typed < keystrokes;) {
    for (const text of texts) {
      text.insert(text.length, String.fromCharCode(97 + (typed % 26)));
      typed++;
    }
    observed.push(logRows());
    const due = start + (typed / texts.length) * tickMs;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - performance.now())));
  }
  return { observed };
}

const drops = (rows: number[]) => rows.filter((n, i) => i > 0 && n < rows[i - 1]).length;

describe("compaction of an open document's log", () => {
  it("waits for a pause in the typing, then folds the log into a snapshot", async () => {
    await waitFor(() => logRows() === 0, 10_000, "an empty log to start from");
    const { observed } = await typeTogether(COMPACT_AFTER_UPDATES + 300);
    // While the typing went on the log grew past the mark (it used to be folded at 500 rows, on the way).
    expect(Math.max(...observed)).toBeGreaterThan(COMPACT_AFTER_UPDATES + 100);
    await waitFor(() => logRows() === 0, 5_000, "compaction once the typing paused");
  });

  it("does not wait for a pause that never comes: the log stays under its bound while many type", async () => {
    await waitFor(() => logRows() === 0, 10_000, "an empty log to start from");
    const { observed } = await typeTogether(COMPACT_WITHOUT_PAUSE_AFTER + 400);
    expect(drops(observed)).toBeGreaterThan(0);
    expect(Math.max(...observed)).toBeLessThan(COMPACT_WITHOUT_PAUSE_AFTER + 100);
    // What came after the last compaction is fewer rows than are worth one.
    expect(logRows()).toBeLessThan(COMPACT_AFTER_UPDATES);
    // Every keystroke is in the stored document: a page opening it now gets what the typists' pages show.
    const typed = fragmentText(clients[0].doc);
    await waitFor(() => clients.every((client) => fragmentText(client.doc) === typed), 5_000, "the typists' pages to agree");
    const reader = connectClient(server, name, await sessionCookie(server, "daniel.lund@example.se"));
    await waitForSync(reader);
    expect(fragmentText(reader.doc)).toBe(typed);
    reader.destroy();
  });
});
