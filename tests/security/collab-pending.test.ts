/**
 * Issue 10, finding 3: updates that Yjs would keep pending (structs waiting for
 * missing content, deletions of content the document lacks) are refused, never
 * stored, and stored ones are repaired.
 */
import { spawnSync } from "node:child_process";
import Database from "better-sqlite3";
import * as encoding from "lib0/encoding";
import * as Y from "yjs";
import { startServer, type RunningServer } from "../support/server";
import { appendParagraph, connectClient, sessionCookie, thisYear, waitFor, waitForSync, type Client } from "../support/collab-client";
import { encodeUpdateMessage } from "../support/raw-frames";
import { closeCodeWithin, openRawSocket } from "../support/raw-socket";
import { tempDatabasePath } from "../support/temp";

const lagesbild = `lagesbild-skarholmen-${thisYear}`;
const opened: Client[] = [];
afterEach(() => {
  for (const client of opened.splice(0)) client.destroy();
});

/** A delete set alone (no structs) deleting `ranges` one-clock ranges of `client`. */
function deleteSetUpdate(client: number, ranges: number): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0); // no structs
  encoding.writeVarUint(encoder, 1); // one client in the delete set
  encoding.writeVarUint(encoder, client);
  encoding.writeVarUint(encoder, ranges);
  for (let i = 0; i < ranges; i++) {
    encoding.writeVarUint(encoder, 1_000_000 + i * 2);
    encoding.writeVarUint(encoder, 1);
  }
  return encoding.toUint8Array(encoder);
}

/** A paragraph written after content of a writer the server never received: it would wait for it forever. */
function structsWaitingForMissingContent(): Uint8Array {
  const absent = new Y.Doc();
  appendParagraph(absent, "Text som servern aldrig fått.");
  const attacker = new Y.Doc();
  Y.applyUpdate(attacker, Y.encodeStateAsUpdate(absent));
  const before = Y.encodeStateVector(attacker);
  appendParagraph(attacker, "Väntar på det som saknas.");
  return Y.encodeStateAsUpdate(attacker, before);
}

/** One writer's first and third edit without the second: a gap (Yjs encodes it as a Skip). */
function updateWithGap(): Uint8Array {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on("update", (update: Uint8Array) => updates.push(update));
  for (const line of ["ett", "två", "tre"]) appendParagraph(doc, line);
  return Y.mergeUpdates([updates[0], updates[2]]);
}

function storedState(databasePath: string, name: string, { snapshotOnly = false } = {}): { logRows: number; pending: boolean } {
  const db = new Database(databasePath, { readonly: true });
  try {
    const { snapshot } = db.prepare("select snapshot from documents where name = ?").get(name) as { snapshot: Buffer };
    const rows = db.prepare('select "update" as u from document_updates where document_name = ? order by id').all(name) as { u: Buffer }[];
    const doc = new Y.Doc();
    Y.applyUpdate(doc, new Uint8Array(snapshot));
    if (!snapshotOnly) for (const row of rows) Y.applyUpdate(doc, new Uint8Array(row.u));
    return { logRows: rows.length, pending: doc.store.pendingStructs !== null || doc.store.pendingDs !== null };
  } finally {
    db.close();
  }
}

/**
 * Stores pending state as the server did before updates were checked: in the
 * snapshot (Yjs encodes pending structs and deletions into it) and in a log row.
 */
function poison(databasePath: string, name: string, { logRow = true } = {}): void {
  const db = new Database(databasePath);
  try {
    const { snapshot } = db.prepare("select snapshot from documents where name = ?").get(name) as { snapshot: Buffer };
    const doc = new Y.Doc();
    Y.applyUpdate(doc, new Uint8Array(snapshot));
    Y.applyUpdate(doc, structsWaitingForMissingContent());
    // Not known to be clean: as every snapshot stored before the mark existed.
    db.prepare("update documents set snapshot = ?, snapshot_clean = 0 where name = ?").run(Buffer.from(Y.encodeStateAsUpdate(doc)), name);
    if (logRow)
      db.prepare("insert into document_updates (document_name, \"update\", created_at) values (?, ?, '')").run(
        name,
        Buffer.from(deleteSetUpdate(424_242, 1000)),
      );
  } finally {
    db.close();
  }
}

async function timeToSync(server: RunningServer, cookie: string): Promise<number> {
  const start = performance.now();
  const client = connectClient(server, lagesbild, cookie);
  opened.push(client);
  await waitForSync(client);
  return performance.now() - start;
}

describe("updates that would stay pending (issue 10, finding 3)", () => {
  let server: RunningServer;
  let editor: string;
  let reader: string;
  beforeAll(async () => {
    server = await startServer();
    [editor, reader] = await Promise.all([sessionCookie(server, "lpo.skarholmen@example.se"), sessionCookie(server, "admin@example.se")]);
  });
  afterAll(async () => {
    await server?.stop();
  });

  it.each([
    ["structs that wait for content the document lacks", structsWaitingForMissingContent],
    ["a gap in one writer's clocks", updateWithGap],
    ["deletions of a writer the document lacks", () => deleteSetUpdate(424_242, 3)],
    ["a 1.2 MB delete set", () => deleteSetUpdate(424_242, 240_000)],
  ])("refuses %s with 4400, and the others keep editing", async (_what, makeUpdate) => {
    const typist = connectClient(server, lagesbild, await sessionCookie(server, "sdd.skarholmen@example.se"));
    const watcher = connectClient(server, lagesbild, reader);
    opened.push(typist, watcher);
    await Promise.all([waitForSync(typist), waitForSync(watcher)]);
    const baseline = await timeToSync(server, reader);

    const attacker = await openRawSocket(server, lagesbild, editor);
    attacker.send(encodeUpdateMessage(makeUpdate()));
    expect(await closeCodeWithin(attacker, 5_000)).toBe(4400);

    const line = `Efter försöket ${Math.random()}`;
    appendParagraph(typist.doc, line);
    await waitFor(() => watcher.text().includes(line), 5_000, "the typist's edit reaches the watcher");
    // A join does not carry or re-process anything left behind: no slower than before.
    const after = await timeToSync(server, reader);
    expect(after).toBeLessThan(baseline * 3 + 250);
    const late = connectClient(server, lagesbild, reader);
    opened.push(late);
    await waitForSync(late);
    expect(late.text()).toBe(typist.text());
    expect(late.text()).not.toContain("Väntar på det som saknas.");
  });

  it("stores no pending state", async () => {
    await server.stop();
    expect(storedState(server.databasePath, lagesbild).pending).toBe(false);
    server = await startServer({ DATABASE_PATH: server.databasePath });
  });
});

describe("pending state already stored", () => {
  /**
   * A document written to, poisoned while the server is stopped (see `poison`), and opened again by a
   * page, which must receive the text and nothing pending. Returns the restarted server (stopped by the caller).
   */
  async function reopenPoisoned(databasePath: string, { logRow }: { logRow: boolean }): Promise<RunningServer> {
    let server = await startServer({ DATABASE_PATH: databasePath });
    try {
      const first = connectClient(server, lagesbild, await sessionCookie(server, "sdd.skarholmen@example.se"));
      await waitForSync(first);
      appendParagraph(first.doc, "Skrivet före förgiftningen.");
      await new Promise((resolve) => setTimeout(resolve, 300));
      first.destroy();
    } finally {
      await server.stop();
    }
    poison(databasePath, lagesbild, { logRow });
    expect(storedState(databasePath, lagesbild)).toEqual({ logRows: logRow ? 1 : 0, pending: true });
    expect(storedState(databasePath, lagesbild, { snapshotOnly: true }).pending).toBe(true);

    server = await startServer({ DATABASE_PATH: databasePath });
    const client = connectClient(server, lagesbild, await sessionCookie(server, "sdd.skarholmen@example.se"));
    opened.push(client);
    await waitForSync(client);
    expect(client.text()).toContain("Skrivet före förgiftningen.");
    expect(client.doc.store.pendingStructs).toBeNull();
    expect(client.doc.store.pendingDs).toBeNull();
    return server;
  }

  it("is dropped when the document loads, and a clean snapshot replaces the log", async () => {
    const databasePath = tempDatabasePath();
    const server = await reopenPoisoned(databasePath, { logRow: true });
    try {
      await waitFor(() => storedState(databasePath, lagesbild).logRows === 0, 5_000, "the repaired snapshot");
      expect(storedState(databasePath, lagesbild).pending).toBe(false);
      expect(server.output()).toContain(`dropped pending Yjs state stored in ${lagesbild}`);
    } finally {
      await server.stop();
    }
  });

  it("in a snapshot stored before snapshots were marked clean, and no log after it, is dropped before any page is sent it", async () => {
    const databasePath = tempDatabasePath();
    const server = await reopenPoisoned(databasePath, { logRow: false });
    try {
      await waitFor(() => !storedState(databasePath, lagesbild).pending, 5_000, "the repaired snapshot");
    } finally {
      await server.stop();
    }
  });

  it("is dropped from every stored document by `npm run admin -- repair-documents`", async () => {
    const databasePath = tempDatabasePath();
    const server = await startServer({ DATABASE_PATH: databasePath });
    const client = connectClient(server, lagesbild, await sessionCookie(server, "sdd.skarholmen@example.se"));
    await waitForSync(client);
    appendParagraph(client.doc, "Ska finnas kvar.");
    await new Promise((resolve) => setTimeout(resolve, 300));
    client.destroy();
    await server.stop();
    poison(databasePath, lagesbild);

    const admin = () =>
      spawnSync(process.execPath, ["--import", "tsx", "server/cli/admin.ts", "repair-documents"], {
        env: { ...process.env, DATABASE_PATH: databasePath },
        encoding: "utf8",
      });
    const first = admin();
    expect(first.status).toBe(0);
    expect(first.stdout).toContain(`Repaired 1 document(s): ${lagesbild}`);
    expect(storedState(databasePath, lagesbild)).toEqual({ logRows: 0, pending: false });
    expect(admin().stdout).toContain("No unlocked document held pending state.");

    const db = new Database(databasePath, { readonly: true });
    const { plain } = db.prepare("select plain_text as plain from documents where name = ?").get(lagesbild) as { plain: string };
    db.close();
    expect(plain).toContain("Ska finnas kvar.");
  });
});
