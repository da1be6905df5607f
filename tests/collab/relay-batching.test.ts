/**
 * Issue 17: the updates committed in one turn of the server's event loop are relayed together, as one
 * merged message per connection. A send costs ~15 µs here, so with 200 connections relaying every update
 * on its own took ~3 ms of sends per update and made the sends, not the edits, the server's limit. Every
 * update still reaches every other client, and a writer typing alone is not sent its own updates back.
 * (That nothing is relayed before it is stored is shown by the SIGKILL tests in tests/collab: every
 * relayed update is in the reloaded document.)
 */
import Database from "better-sqlite3";
import type * as Y from "yjs";
import { appendParagraph, connectClient, fragmentText, sessionCookie, thisYear, waitFor, waitForSync, type Client } from "../support/collab-client";
import { startServer, type RunningServer } from "../support/server";

const name = `lagesbild-skarholmen-${thisYear}`;
const KEYSTROKES = 40;

let server: RunningServer;
let writer: Client;
let second: Client;
let follower: Client;
let db: Database.Database;
/** Sync "update" messages (message type 0, sync type 2) each client's socket received. */
const updateMessages = new Map<Client, number>();

function countUpdateMessages(client: Client): void {
  updateMessages.set(client, 0);
  client.provider.ws!.addEventListener("message", (event: MessageEvent) => {
    const bytes = new Uint8Array(event.data as ArrayBuffer);
    if (bytes[0] === 0 && bytes[1] === 2) updateMessages.set(client, updateMessages.get(client)! + 1);
  });
}

/** The last paragraph's text, for typing into it. */
function lastText(doc: Y.Doc): Y.XmlText {
  const fragment = doc.getXmlFragment("default");
  return (fragment.get(fragment.length - 1) as Y.XmlElement).get(0) as Y.XmlText;
}

/** Types `keys` one keystroke (one transaction, one update) at a time, all in one tick, as a fast burst arrives. */
function typeBurst(doc: Y.Doc, keys: string): void {
  const text = lastText(doc);
  for (const key of keys) text.insert(text.length, key);
}

beforeAll(async () => {
  server = await startServer();
  [writer, second, follower] = await Promise.all(
    ["sdd.skarholmen@example.se", "lpo.skarholmen@example.se", "linnea.holmberg@example.se"].map(async (email) =>
      connectClient(server, name, await sessionCookie(server, email)),
    ),
  );
  await Promise.all([writer, second, follower].map((client) => waitForSync(client)));
  db = new Database(server.databasePath, { readonly: true });
});
afterAll(async () => {
  db?.close();
  for (const client of [writer, second, follower]) client?.destroy();
  await server?.stop();
});

describe("relaying the updates committed together", () => {
  it("sends a burst of keystrokes to the others in far fewer messages than keystrokes, each stored as its own row, none lost, none back to the writer", async () => {
    appendParagraph(writer.doc, "");
    await waitFor(() => follower.doc.getXmlFragment("default").length === writer.doc.getXmlFragment("default").length, 10_000, "the paragraph");
    for (const client of [writer, second, follower]) countUpdateMessages(client);
    const rowsBefore = (db.prepare("select count(*) as n from document_updates where document_name = ?").get(name) as { n: number }).n;

    const keys = "abcdefghijklmnopqrstuvwxyz0123456789ABCD".slice(0, KEYSTROKES);
    typeBurst(writer.doc, keys);
    await waitFor(() => fragmentText(follower.doc).endsWith(keys) && fragmentText(second.doc).endsWith(keys), 10_000, "the burst to arrive");

    // Every keystroke is in the log as its own row: the batching is of relays, not of storage.
    const rowsAfter = (db.prepare("select count(*) as n from document_updates where document_name = ?").get(name) as { n: number }).n;
    expect(rowsAfter - rowsBefore).toBe(KEYSTROKES);
    // One message per keystroke before; now as many as the server's event loop took turns to read the burst.
    expect(updateMessages.get(follower)).toBeGreaterThan(0);
    expect(updateMessages.get(follower)).toBeLessThan(KEYSTROKES / 2);
    expect(updateMessages.get(second)).toBe(updateMessages.get(follower));
    expect(updateMessages.get(writer)).toBe(0);
  });

  it("merges two writers' bursts into the same document for everyone", async () => {
    appendParagraph(second.doc, "");
    await waitFor(() => writer.doc.getXmlFragment("default").length === second.doc.getXmlFragment("default").length, 10_000, "the paragraph");
    typeBurst(writer.doc, "=".repeat(KEYSTROKES));
    typeBurst(second.doc, "+".repeat(KEYSTROKES));
    const count = (client: Client, key: string) => fragmentText(client.doc).split(key).length - 1;
    const bothIn = (client: Client) => count(client, "=") === KEYSTROKES && count(client, "+") === KEYSTROKES;
    await waitFor(() => [writer, second, follower].every(bothIn), 10_000, "both bursts everywhere");
    expect(fragmentText(writer.doc)).toBe(fragmentText(follower.doc));
    expect(fragmentText(second.doc)).toBe(fragmentText(follower.doc));
  });
});
