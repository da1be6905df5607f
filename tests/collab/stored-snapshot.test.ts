import Database from "better-sqlite3";
import * as Y from "yjs";
import { startServer, type RunningServer } from "../support/server";
import { appendParagraph, connectClient, fragmentText, sessionCookie, thisYear, waitFor, waitForSync } from "../support/collab-client";

/**
 * A document stored as one clean snapshot is sent to the first page before the server has applied
 * it (see LiveDocument.unapplied): these check that nothing is lost or rewritten on that path.
 */
const name = `lagesbild-hasselby-vallingby-${thisYear}`;
const email = "birgitta.soderberg@example.se";

function storedRow(databasePath: string) {
  const db = new Database(databasePath, { readonly: true });
  try {
    const row = db.prepare("select snapshot, snapshot_clean as clean, updated_at as updatedAt from documents where name = ?").get(name) as {
      snapshot: Buffer;
      clean: number;
      updatedAt: string;
    };
    const logRows = (db.prepare("select count(*) as n from document_updates where document_name = ?").get(name) as { n: number }).n;
    return { ...row, logRows };
  } finally {
    db.close();
  }
}

/** A page writes `text` and leaves; the document unloads, stored as one clean snapshot (the row returned). */
async function writeAndUnload(server: RunningServer, cookie: string, text: string) {
  const writer = connectClient(server, name, cookie);
  await waitForSync(writer);
  appendParagraph(writer.doc, text);
  await waitFor(() => storedRow(server.databasePath).logRows === 1, 5_000, "the edit stored");
  writer.destroy();
  await waitFor(() => storedRow(server.databasePath).logRows === 0, 5_000, "the snapshot on unload");
  const compacted = storedRow(server.databasePath);
  expect(compacted.clean).toBe(1);
  return compacted;
}

describe("a document stored as one snapshot", () => {
  it("is not stored again when pages only read it, and its first edit after a restart is stored", async () => {
    let server = await startServer({ COLLAB_UNLOAD_GRACE_MS: "100" });
    try {
      const cookie = await sessionCookie(server, email);
      const compacted = await writeAndUnload(server, cookie, "Skrivet före omstarten.");

      // Two pages read it and leave: the document unloads with nothing to store.
      for (let i = 0; i < 2; i++) {
        const reader = connectClient(server, name, cookie);
        await waitForSync(reader);
        expect(reader.text()).toContain("Skrivet före omstarten.");
        reader.destroy();
        await new Promise((resolve) => setTimeout(resolve, 600));
      }
      const afterReads = storedRow(server.databasePath);
      expect(afterReads.updatedAt).toBe(compacted.updatedAt);
      expect(Buffer.compare(afterReads.snapshot, compacted.snapshot)).toBe(0);

      // After a restart, a page that kept the document and wrote offline reconnects first: its
      // state vector is not empty, so the snapshot is applied before its edit is checked and stored.
      await server.stop();
      const offline = new Y.Doc();
      Y.applyUpdate(offline, new Uint8Array(compacted.snapshot));
      appendParagraph(offline, "Skrivet utan nät.");
      server = await startServer({ DATABASE_PATH: server.databasePath, COLLAB_UNLOAD_GRACE_MS: "100" });
      const returning = connectClient(server, name, await sessionCookie(server, email), { doc: offline });
      await waitForSync(returning);
      await waitFor(() => storedRow(server.databasePath).logRows >= 1, 5_000, "the offline edit stored");
      const fresh = connectClient(server, name, await sessionCookie(server, email));
      await waitForSync(fresh);
      await waitFor(() => fresh.text().includes("Skrivet utan nät."), 5_000, "the offline edit relayed");
      expect(fresh.text()).toContain("Skrivet före omstarten.");
      expect(fragmentText(offline)).toBe(fresh.text());
      returning.destroy();
      fresh.destroy();
    } finally {
      await server.stop();
    }
  });

  it("answers pages that open it together from the stored bytes, and one of them editing at once loses nothing", async () => {
    let server = await startServer({ COLLAB_UNLOAD_GRACE_MS: "100" });
    try {
      await writeAndUnload(server, await sessionCookie(server, email), "Skrivet före mötet.");
      await server.stop();
      server = await startServer({ DATABASE_PATH: server.databasePath, COLLAB_UNLOAD_GRACE_MS: "100" });
      // The meeting starts: three pages open the document at the same moment (within the time before the
      // server applies the stored bytes), and the first to have it writes straight away.
      const cookies = await Promise.all([0, 1, 2].map(() => sessionCookie(server, email)));
      const pages = cookies.map((c) => connectClient(server, name, c));
      await Promise.all(pages.map((page) => waitForSync(page)));
      for (const page of pages) expect(page.text()).toContain("Skrivet före mötet.");
      appendParagraph(pages[0].doc, "Skrivet när mötet börjat.");
      await waitFor(() => pages.every((page) => page.text() === pages[0].text()), 5_000, "the edit relayed to the other pages");
      await waitFor(() => storedRow(server.databasePath).logRows >= 1, 5_000, "the edit stored");
      const seen = pages[0].text();
      for (const page of pages) page.destroy();
      await server.stop();
      server = await startServer({ DATABASE_PATH: server.databasePath });
      const later = connectClient(server, name, await sessionCookie(server, email));
      await waitForSync(later);
      expect(later.text()).toBe(seen);
      later.destroy();
    } finally {
      await server.stop();
    }
  });
});
