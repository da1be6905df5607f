/**
 * Issue 10, finding 2: Yjs client ids are bound to the person (for good) and
 * the connection (while connected) that first used them in a document.
 */
import Database from "better-sqlite3";
import * as Y from "yjs";
import { readDocumentText } from "../../db/documents/store";
import { closeDatabase, openDatabase } from "../../db/client";
import { styrgruppMinutes } from "../support/rights-fixture";
import { startServer, type RunningServer } from "../support/server";
import { appendParagraph, connectClient, sessionCookie, thisYear, waitFor, waitForSync, type Client } from "../support/collab-client";
import { encodeAwarenessFor, encodeUpdateMessage } from "../support/raw-frames";
import { closeCodeWithin, openRawSocket } from "../support/raw-socket";
import { tempDatabasePath } from "../support/temp";

const databasePath = tempDatabasePath();
let server: RunningServer;
let minutes: string;
let chairId: number;
let chair: string;
let ledamot: string;
const opened: Client[] = [];

async function login() {
  [chair, ledamot] = await Promise.all([sessionCookie(server, "sdd.skarholmen@example.se"), sessionCookie(server, "lpo.skarholmen@example.se")]);
}

beforeAll(async () => {
  server = await startServer({ DATABASE_PATH: databasePath });
  ({ minutes, chairId } = styrgruppMinutes(server));
  await login();
});
afterEach(() => {
  for (const client of opened.splice(0)) client.destroy();
});
afterAll(async () => {
  await server?.stop();
});

function connect(name: string, cookie: string, options: Parameters<typeof connectClient>[3] = {}): Client {
  const client = connectClient(server, name, cookie, options);
  opened.push(client);
  return client;
}

/** The document as the server has it now, in a Y.Doc the attacker controls (no connection left open). */
async function copyOfDocument(name: string, cookie: string): Promise<Y.Doc> {
  const reader = connectClient(server, name, cookie);
  await waitForSync(reader);
  reader.provider.destroy();
  return reader.doc;
}

/** The update `write` makes in `doc` once `doc` writes under `clientId`. */
function updateUnder(doc: Y.Doc, clientId: number, write: (doc: Y.Doc) => void): Uint8Array {
  doc.clientID = clientId;
  const updates: Uint8Array[] = [];
  const collect = (update: Uint8Array) => updates.push(update);
  doc.on("update", collect);
  write(doc);
  doc.off("update", collect);
  return Y.mergeUpdates(updates);
}

/** Stored rows with structs under `clientId`, with the person each row is credited to. */
function rowsUnder(name: string, clientId: number): { personId: number | null }[] {
  const db = new Database(databasePath, { readonly: true });
  try {
    const rows = db.prepare('select "update" as u, person_id as personId from document_updates where document_name = ?').all(name) as {
      u: Buffer;
      personId: number | null;
    }[];
    return rows.filter((row) => Y.decodeUpdate(new Uint8Array(row.u)).structs.some((s) => s.id.client === clientId)).map(({ personId }) => ({ personId }));
  } finally {
    db.close();
  }
}

function storedText(name: string): string {
  const { db } = openDatabase(databasePath);
  try {
    return readDocumentText(db, name);
  } finally {
    closeDatabase();
  }
}

describe("a ledamot writing under the chair's client id (issue 10, finding 2)", () => {
  it("refuses structs parked ahead of the chair's clock, and what is stored is what the chair sees", async () => {
    const chairClient = connect(minutes, chair);
    await waitForSync(chairClient);
    const chairClientId = chairClient.doc.clientID;

    // The ledamot reads the chair's id from awareness and parks a paragraph at the chair's clock 2:
    // the chair's first transaction (a paragraph and its text node) fills clocks 0 and 1.
    const attackerDoc = await copyOfDocument(minutes, ledamot);
    attackerDoc.clientID = chairClientId;
    attackerDoc.getText("filler").insert(0, "xx"); // clocks 0–1 under the chair's id, never sent
    const parked = updateUnder(attackerDoc, chairClientId, (doc) => appendParagraph(doc, "900 000 kr till Konsult AB"));
    const attacker = await openRawSocket(server, minutes, ledamot);
    attacker.send(encodeUpdateMessage(parked));
    expect(await closeCodeWithin(attacker, 5_000)).toBe(4400);

    // The chair types, one keystroke per transaction, as the editor sends them.
    const paragraph = new Y.XmlElement("paragraph");
    const text = new Y.XmlText();
    paragraph.insert(0, [text]);
    const fragment = chairClient.doc.getXmlFragment("default");
    fragment.insert(fragment.length, [paragraph]);
    for (const char of "100 000 kr till Trygghetsprojektet") text.insert(text.length, char);

    const watcher = connect(minutes, ledamot);
    await waitForSync(watcher);
    await waitFor(() => watcher.text() === chairClient.text(), 10_000, "the ledamot's view equals the chair's");
    expect(chairClient.text()).toContain("100 000 kr till Trygghetsprojektet");
    expect(watcher.text()).not.toContain("Konsult AB");
    expect(chairClient.closeEvents).toEqual([]);
    for (const row of rowsUnder(minutes, chairClientId)) expect(row.personId).toBe(chairId);
  });

  it("refuses structs that follow on from the chair's clock with 4409 while the chair is connected", async () => {
    const chairClient = connect(minutes, chair);
    await waitForSync(chairClient);
    appendParagraph(chairClient.doc, "Ordförandens rad.");
    await waitFor(() => rowsUnder(minutes, chairClient.doc.clientID).length > 0, 5_000, "the chair's row");

    const attackerDoc = await copyOfDocument(minutes, ledamot);
    const forged = updateUnder(attackerDoc, chairClient.doc.clientID, (doc) => appendParagraph(doc, "900 000 kr till Konsult AB"));
    const attacker = await openRawSocket(server, minutes, ledamot);
    attacker.send(encodeUpdateMessage(forged));
    expect(await closeCodeWithin(attacker, 5_000)).toBe(4409);

    appendParagraph(chairClient.doc, "Och en rad till.");
    const watcher = connect(minutes, ledamot);
    await waitForSync(watcher);
    await waitFor(() => watcher.text() === chairClient.text() && watcher.text().includes("Och en rad till."), 10_000, "convergence");
    expect(watcher.text()).not.toContain("Konsult AB");
    for (const row of rowsUnder(minutes, chairClient.doc.clientID)) expect(row.personId).toBe(chairId);
  });

  it("keeps the chair's id bound after the chair left and after a restart; the chair's offline edits still arrive", async () => {
    // The chair only looks (awareness), then loses the connection and keeps typing offline.
    const chairDoc = new Y.Doc();
    const first = connect(minutes, chair, { doc: chairDoc });
    await waitForSync(first);
    first.provider.awareness.setLocalStateField("cursor", null);
    const attackerDoc = await copyOfDocument(minutes, ledamot);
    first.provider.destroy();
    appendParagraph(chairDoc, "Skrivet offline av ordföranden.");

    const forged = updateUnder(attackerDoc, chairDoc.clientID, (doc) => appendParagraph(doc, "900 000 kr till Konsult AB"));
    const attempt = async () => {
      const attacker = await openRawSocket(server, minutes, ledamot);
      attacker.send(encodeUpdateMessage(forged));
      return closeCodeWithin(attacker, 5_000);
    };
    expect(await attempt()).toBe(4409);

    await server.stop();
    server = await startServer({ DATABASE_PATH: databasePath });
    await login();
    expect(await attempt()).toBe(4409);

    const back = connect(minutes, chair, { doc: chairDoc });
    await waitForSync(back);
    const watcher = connect(minutes, ledamot);
    await waitForSync(watcher);
    await waitFor(() => watcher.text().includes("Skrivet offline av ordföranden."), 10_000, "the chair's offline edit");
    expect(back.closeEvents).toEqual([]);
    expect(watcher.text()).not.toContain("Konsult AB");
    await waitFor(() => rowsUnder(minutes, chairDoc.clientID).length > 0, 5_000, "stored");
    for (const row of rowsUnder(minutes, chairDoc.clientID)) expect(row.personId).toBe(chairId);
  });

  it("lets a page whose old connection the server still holds take its id over (same person)", async () => {
    const pageDoc = new Y.Doc();
    // The page's previous connection, gone silent (its network dropped) but not yet noticed by the server.
    const stale = await openRawSocket(server, minutes, chair);
    stale.send(encodeAwarenessFor(pageDoc.clientID, 1, { user: { name: "x" } }));
    await new Promise((resolve) => setTimeout(resolve, 200));

    appendParagraph(pageDoc, "Skrivet medan nätet var borta.");
    const page = connect(minutes, chair, { doc: pageDoc });
    await waitForSync(page);
    expect(await closeCodeWithin(stale, 5_000)).not.toBeNull();
    const watcher = connect(minutes, ledamot);
    await waitForSync(watcher);
    await waitFor(() => watcher.text().includes("Skrivet medan nätet var borta."), 10_000, "the page's edit");
    expect(page.closeEvents).toEqual([]);
  });

  it("keeps two tabs of the same person connected although each sends the other's awareness back", async () => {
    // The stock client re-broadcasts every awareness state it receives: that is not a claim on the id.
    const first = connect(minutes, chair);
    const second = connect(minutes, chair);
    await Promise.all([waitForSync(first), waitForSync(second)]);
    for (let i = 0; i < 5; i++) {
      first.provider.awareness.setLocalStateField("cursor", { at: i });
      second.provider.awareness.setLocalStateField("cursor", { at: i });
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
    appendParagraph(first.doc, "Från första fliken.");
    appendParagraph(second.doc, "Från andra fliken.");
    await waitFor(
      () => first.text() === second.text() && first.text().includes("Från andra fliken.") && second.text().includes("Från första fliken."),
      5_000,
      "both tabs' edits",
    );
    expect(first.closeEvents).toEqual([]);
    expect(second.closeEvents).toEqual([]);
    expect(second.provider.awareness.getStates().get(first.doc.clientID)).toMatchObject({ cursor: { at: 4 } });
  });

  it("refuses structs under an id held by another person's connection, and under the server's template id", async () => {
    const lagesbild = `lagesbild-skarholmen-${thisYear}`;
    const holder = await openRawSocket(server, lagesbild, chair);
    const heldId = 7_777_777;
    holder.send(encodeAwarenessFor(heldId, 1, { user: { name: "x" } }));
    await new Promise((resolve) => setTimeout(resolve, 200));

    const attackerDoc = await copyOfDocument(lagesbild, ledamot);
    const underHeld = updateUnder(attackerDoc, heldId, (doc) => appendParagraph(doc, "Under någon annans id."));
    const first = await openRawSocket(server, lagesbild, ledamot);
    first.send(encodeUpdateMessage(underHeld));
    expect(await closeCodeWithin(first, 5_000)).toBe(4409);

    // The template was written by the server: its id has content and no owner.
    const templateIds = [...Y.decodeStateVector(Y.encodeStateVector(attackerDoc)).keys()].filter((id) => id !== heldId);
    expect(templateIds.length).toBeGreaterThan(0);
    const freshCopy = await copyOfDocument(lagesbild, ledamot);
    const underTemplate = updateUnder(freshCopy, templateIds[0], (doc) => appendParagraph(doc, "Som om servern skrev det."));
    const second = await openRawSocket(server, lagesbild, ledamot);
    second.send(encodeUpdateMessage(underTemplate));
    expect(await closeCodeWithin(second, 5_000)).toBe(4409);
    holder.ws.close();

    const reader = connect(lagesbild, chair);
    await waitForSync(reader);
    expect(reader.text()).not.toContain("Under någon annans id.");
    expect(reader.text()).not.toContain("Som om servern skrev det.");
    expect(storedText(lagesbild)).not.toContain("Som om servern skrev det.");
  });
});
