/**
 * Issue 10, finding 12: per-connection rate limits for updates and awareness,
 * and a per-document size cap.
 */
import Database from "better-sqlite3";
import * as Y from "yjs";
import { shouldReconnectAfterClose } from "../../app/components/editor/close-codes";
import { startServer, type RunningServer } from "../support/server";
import { appendParagraph, connectClient, sessionCookie, thisYear, waitFor, waitForSync, type Client } from "../support/collab-client";
import { encodeAwarenessFor, encodeUpdateMessage } from "../support/raw-frames";
import { closeCodeWithin, openRawSocket } from "../support/raw-socket";

const lagesbild = `lagesbild-skarholmen-${thisYear}`;
const opened: Client[] = [];
let server: RunningServer;
let chair: string;
let ledamot: string;

beforeAll(async () => {
  server = await startServer();
  [chair, ledamot] = await Promise.all([sessionCookie(server, "sdd.skarholmen@example.se"), sessionCookie(server, "lpo.skarholmen@example.se")]);
});
afterEach(() => {
  for (const client of opened.splice(0)) client.destroy();
});
afterAll(async () => {
  await server?.stop();
});

function connect(name: string, cookie: string, options: Parameters<typeof connectClient>[3] = {}, on = server): Client {
  const client = connectClient(on, name, cookie, options);
  opened.push(client);
  return client;
}

/** `count` separate one-character updates, as a script typing at machine speed produces them. */
function keystrokes(base: Y.Doc, count: number): Uint8Array[] {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(base));
  const updates: Uint8Array[] = [];
  doc.on("update", (update: Uint8Array) => updates.push(update));
  appendParagraph(doc, "");
  const fragment = doc.getXmlFragment("default");
  const text = (fragment.get(fragment.length - 1) as Y.XmlElement).get(0) as Y.XmlText;
  for (let i = 0; i < count; i++) text.insert(text.length, "x");
  return updates;
}

describe("rate limits per connection (issue 10, finding 12)", () => {
  it("closes a connection that floods updates with 4429 while a normal editor keeps editing", async () => {
    const typist = connect(lagesbild, chair);
    const watcher = connect(lagesbild, chair);
    await Promise.all([waitForSync(typist), waitForSync(watcher)]);
    const flood = keystrokes(typist.doc, 20_000);

    const flooder = await openRawSocket(server, lagesbild, ledamot);
    for (const update of flood) flooder.send(encodeUpdateMessage(update));
    expect(await closeCodeWithin(flooder, 10_000)).toBe(4429);

    appendParagraph(typist.doc, "Vanligt arbete fortsätter.");
    await waitFor(() => watcher.text().includes("Vanligt arbete fortsätter."), 5_000, "the typist's edit");
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    const db = new Database(server.databasePath, { readonly: true });
    const { n } = db
      .prepare("select count(*) as n from document_updates u join people p on p.id = u.person_id where p.email = 'lpo.skarholmen@example.se'")
      .get() as { n: number };
    db.close();
    expect(n).toBeLessThan(1_000);
  });

  it("never limits a fast typist who pastes and undoes", async () => {
    const typist = connect(lagesbild, chair, { shouldReconnect: shouldReconnectAfterClose });
    const watcher = connect(lagesbild, ledamot);
    await Promise.all([waitForSync(typist), waitForSync(watcher)]);
    const undo = new Y.UndoManager(typist.doc.getXmlFragment("default"), { captureTimeout: 0 });
    appendParagraph(typist.doc, "");
    const fragment = typist.doc.getXmlFragment("default");
    const text = (fragment.get(fragment.length - 1) as Y.XmlElement).get(0) as Y.XmlText;
    // 40 keystrokes a second for five seconds (a key held down repeats at about 30).
    for (let i = 0; i < 200; i++) {
      text.insert(text.length, "a");
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    appendParagraph(typist.doc, `Inklistrad rapport: ${"lång text ".repeat(50_000)}`); // 500 kB
    undo.undo();
    appendParagraph(typist.doc, "Sista raden.");
    await waitFor(() => watcher.text().includes("Sista raden."), 10_000, "the last line");
    expect(watcher.text()).toContain("a".repeat(200));
    expect(watcher.text()).not.toContain("Inklistrad rapport");
    expect(typist.closeEvents).toEqual([]);
  });

  it("lets the editor's client reconnect after 4429 and send everything again: no text is lost", async () => {
    const burster = connect(lagesbild, chair, { shouldReconnect: shouldReconnectAfterClose });
    const watcher = connect(lagesbild, ledamot);
    await Promise.all([waitForSync(burster), waitForSync(watcher)]);
    // A runaway script in the page: 1 500 separate transactions at once.
    for (let i = 0; i < 1_500; i++) appendParagraph(burster.doc, `rad ${i}.`);
    await waitFor(() => burster.closeEvents.some((e) => e.code === 4429), 10_000, "4429");
    await waitFor(() => watcher.text() === burster.text(), 20_000, "convergence after the reconnect");
    expect(watcher.text()).toContain("rad 1499.");
  });

  it("relays a flood of awareness updates only at the limited rate, and the newest state last", async () => {
    const watcher = connect(lagesbild, chair);
    await waitForSync(watcher);
    const flooder = await openRawSocket(server, lagesbild, ledamot);
    const clientId = 55_555_555;
    let relayed = 0;
    watcher.provider.awareness.on("update", ({ added, updated }: { added: number[]; updated: number[] }) => {
      if ([...added, ...updated].includes(clientId)) relayed++;
    });
    for (let clock = 1; clock <= 2_000; clock++) flooder.send(encodeAwarenessFor(clientId, clock, { cursor: clock }));
    await waitFor(
      () => (watcher.provider.awareness.getStates().get(clientId) as { cursor?: number } | undefined)?.cursor === 2_000,
      10_000,
      "the newest state",
    );
    expect(relayed).toBeLessThan(100);
    expect(await closeCodeWithin(flooder, 100)).toBeNull();
  });
});

describe("size cap per document (issue 10, finding 12)", () => {
  it("refuses an update that takes the stored document over the cap with 4413, and keeps the document and others", async () => {
    const small = await startServer({ COLLAB_MAX_DOCUMENT_BYTES: String(256 * 1024) });
    try {
      const [bigCookie, otherCookie] = await Promise.all([
        sessionCookie(small, "sdd.skarholmen@example.se"),
        sessionCookie(small, "lpo.skarholmen@example.se"),
      ]);
      const big = connect(lagesbild, bigCookie, {}, small);
      const other = connect(lagesbild, otherCookie, {}, small);
      await Promise.all([waitForSync(big), waitForSync(other)]);
      appendParagraph(big.doc, `Första ${"a".repeat(100_000)}`);
      appendParagraph(big.doc, `Andra ${"b".repeat(100_000)}`);
      await waitFor(() => other.text().includes("Andra"), 5_000, "two large paragraphs");
      appendParagraph(big.doc, `Tredje ${"c".repeat(100_000)}`);
      await waitFor(() => big.closeEvents.some((e) => e.code === 4413), 5_000, "4413");

      appendParagraph(other.doc, "En kort rad får plats.");
      const fresh = connect(lagesbild, otherCookie, {}, small);
      await waitForSync(fresh);
      await waitFor(() => fresh.text().includes("En kort rad får plats."), 5_000, "a small edit after the refusal");
      expect(fresh.text()).not.toContain("Tredje");
      expect(other.closeEvents).toEqual([]);
    } finally {
      await small.stop();
    }
  });
});
