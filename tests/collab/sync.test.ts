import { spawnSync } from "node:child_process";
import Database from "better-sqlite3";
import WebSocket from "ws";
import { postAdminPersonChange, styrgruppMinutes } from "../support/rights-fixture";
import { startServer, type RunningServer } from "../support/server";
import { appendParagraph, connectClient, sessionCookie, thisYear, waitFor, waitForSync, type Client } from "../support/collab-client";

let server: RunningServer;
const clients: Client[] = [];
const lagesbild = `lagesbild-skarholmen-${thisYear}`;
let chair: string;
let police: string;

beforeAll(async () => {
  server = await startServer();
  [chair, police] = await Promise.all([sessionCookie(server, "sdd.skarholmen@example.se"), sessionCookie(server, "lpo.skarholmen@example.se")]);
});
afterEach(() => {
  for (const client of clients.splice(0)) client.destroy();
});
afterAll(async () => {
  await server?.stop();
});

function connect(documentName: string, cookie: string | null, origin?: string): Client {
  const client = connectClient(server, documentName, cookie, origin);
  clients.push(client);
  return client;
}

/** Opens a raw WebSocket and resolves with how the server answered: HTTP status or close code. */
function rawOutcome(path: string, headers: Record<string, string>): Promise<{ status?: number; code?: number }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}${path}`, { headers });
    ws.on("unexpected-response", (_req, res) => resolve({ status: res.statusCode }));
    ws.on("close", (code) => resolve({ code }));
    ws.on("error", () => undefined);
  });
}

describe("live documents over the y-websocket protocol", () => {
  it("two stock clients converge, and a third joining later receives everything", async () => {
    const a = connect(lagesbild, chair);
    const b = connect(lagesbild, police);
    await Promise.all([waitForSync(a), waitForSync(b)]);
    expect(a.text()).toContain("Underlag och källor");
    appendParagraph(a.doc, "Från staden: trygghetsmätningen visar ökad oro i centrum.");
    appendParagraph(b.doc, "Från polisen: fler anmälningar om rån vid tunnelbanan.");
    await waitFor(() => a.text() === b.text() && a.text().includes("tunnelbanan") && b.text().includes("centrum"), 10_000, "convergence");

    const c = connect(lagesbild, chair);
    await waitForSync(c);
    await waitFor(() => c.text() === a.text(), 10_000, "late joiner");
  });

  it("stores every update in SQLite with the person who wrote it", async () => {
    const a = connect(lagesbild, chair);
    await waitForSync(a);
    appendParagraph(a.doc, "Lagrad rad från ordföranden.");
    const db = new Database(server.databasePath, { readonly: true });
    try {
      await waitFor(
        () => {
          const rows = db
            .prepare("select count(*) as n from document_updates u join people p on p.id = u.person_id where u.document_name = ? and p.email = ?")
            .get(lagesbild, "sdd.skarholmen@example.se") as { n: number };
          return rows.n > 0;
        },
        5_000,
        "stored update",
      );
    } finally {
      db.close();
    }
  });
});

describe("who may connect", () => {
  it("refuses a connection without a session with close code 4401", async () => {
    expect(await rawOutcome(`/collab/${lagesbild}`, { origin: server.url })).toEqual({ code: 4401 });
  });

  it("refuses a connection from another site's page before the upgrade (403)", async () => {
    expect(await rawOutcome(`/collab/${lagesbild}`, { origin: "https://evil.example", cookie: chair })).toEqual({ status: 403 });
    expect(await rawOutcome(`/collab/${lagesbild}`, { cookie: chair })).toEqual({ status: 403 });
  });

  it("refuses a person who is not a member of the agreement's groups with 4404, as if the document did not exist", async () => {
    const ostermalm = await sessionCookie(server, "kommunpolis.ostermalm@example.se");
    expect(await rawOutcome(`/collab/${lagesbild}`, { origin: server.url, cookie: ostermalm })).toEqual({ code: 4404 });
  });

  it("refuses malformed document names with 4400 and unknown documents with 4404", async () => {
    for (const name of ["x", "%E0%A4%A", "meeting-abc-minutes", "lagesbild-skarholmen-26", "..%2F..%2Fetc", "meeting-1-minutes-extra", "a".repeat(300)]) {
      expect(await rawOutcome(`/collab/${name}`, { origin: server.url, cookie: chair }), name).toEqual({ code: 4400 });
    }
    expect(await rawOutcome("/collab/meeting-999999-minutes", { origin: server.url, cookie: chair })).toEqual({ code: 4404 });
    expect(await rawOutcome("/collab/lagesbild-finns-inte-2026", { origin: server.url, cookie: chair })).toEqual({ code: 4404 });
  });
});

describe("read-only and identity are enforced by the server", () => {
  it("never applies, stores or relays an update from a read-only connection", async () => {
    const admin = await sessionCookie(server, "admin@example.se");
    const editor = connect(lagesbild, chair);
    const reader = connect(lagesbild, admin);
    await Promise.all([waitForSync(editor), waitForSync(reader)]);
    appendParagraph(reader.doc, "Obehörig ändring från en läsare.");
    appendParagraph(editor.doc, "Tillåten ändring efteråt.");
    await waitFor(() => reader.text().includes("Tillåten ändring efteråt."), 10_000, "reader receives editor's change");
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(editor.text()).not.toContain("Obehörig ändring");

    const late = connect(lagesbild, police);
    await waitForSync(late);
    expect(late.text()).not.toContain("Obehörig ändring");
    const db = new Database(server.databasePath, { readonly: true });
    const adminRows = db
      .prepare("select count(*) as n from document_updates u join people p on p.id = u.person_id where p.email = 'admin@example.se'")
      .get() as { n: number };
    db.close();
    expect(adminRows.n).toBe(0);
  });

  it("keeps a read-only client connected although its sync reply carries deletions it did not make", async () => {
    const admin = await sessionCookie(server, "admin@example.se");
    const editor = connect(lagesbild, chair);
    await waitForSync(editor);
    appendParagraph(editor.doc, "Rad som raderas.");
    const fragment = editor.doc.getXmlFragment("default");
    fragment.delete(fragment.length - 1, 1);
    const reader = connect(lagesbild, admin);
    await waitForSync(reader);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(reader.closeEvents).toEqual([]);
    expect(reader.provider.wsconnected).toBe(true);
  });

  it("shows others the authenticated name, not the one a client claims", async () => {
    const spoofer = connect(lagesbild, police);
    const watcher = connect(lagesbild, chair);
    await Promise.all([waitForSync(spoofer), waitForSync(watcher)]);
    spoofer.provider.awareness.setLocalStateField("user", { name: "Sara Lindqvist", color: "#000000" });
    const spooferId = spoofer.doc.clientID;
    await waitFor(() => watcher.provider.awareness.getStates().has(spooferId), 5_000, "awareness");
    const seen = watcher.provider.awareness.getStates().get(spooferId) as { user: { name: string } };
    expect(seen.user.name).toBe("Johan Bergström");
  });

  it("does not let a connection take over another connection's awareness client id", async () => {
    const victim = connect(lagesbild, chair);
    const watcher = connect(lagesbild, chair);
    await Promise.all([waitForSync(victim), waitForSync(watcher)]);
    victim.provider.awareness.setLocalStateField("user", { name: "x", color: "#000000" });
    await waitFor(() => watcher.provider.awareness.getStates().has(victim.doc.clientID), 5_000, "victim awareness");

    const { encodeAwarenessFor } = await import("../support/raw-frames");
    const attacker = new WebSocket(`ws://127.0.0.1:${server.port}/collab/${lagesbild}`, { headers: { origin: server.url, cookie: police } });
    await new Promise((resolve) => attacker.once("open", resolve));
    attacker.send(encodeAwarenessFor(victim.doc.clientID, 999, { user: { name: "Kapad" }, cursor: null }));
    await new Promise((resolve) => setTimeout(resolve, 300));
    attacker.close();
    const state = watcher.provider.awareness.getStates().get(victim.doc.clientID) as { user: { name: string } };
    expect(state.user.name).toBe("Sara Lindqvist");
  });
});

describe("rights that change while a document is open", () => {
  it("closes an editor's connection with 4403 when an administrator removes them from the group, and 4401 when their account is deactivated", async () => {
    const own = await startServer();
    const opened: Client[] = [];
    try {
      const { minutes, membership, chairId } = styrgruppMinutes(own);
      const [admin, ledamot, chairCookie] = await Promise.all([
        sessionCookie(own, "admin@example.se"),
        sessionCookie(own, "lpo.skarholmen@example.se"),
        sessionCookie(own, "sdd.skarholmen@example.se"),
      ]);
      const editor = connectClient(own, minutes, ledamot);
      const chairClient = connectClient(own, minutes, chairCookie);
      opened.push(editor, chairClient);
      await Promise.all([waitForSync(editor), waitForSync(chairClient)]);

      const adminPost = (personId: number, fields: Record<string, string>) => postAdminPersonChange(own, admin, personId, fields);
      expect((await adminPost(membership.personId, { intent: "remove-membership", membershipId: String(membership.id) })).status).toBe(200);
      await waitFor(() => editor.closeEvents.some((e) => e.code === 4403), 5_000, "4403 for the removed member");
      // An edit made afterwards reaches nobody.
      appendParagraph(editor.doc, "Skrivet efter att medlemskapet togs bort.");
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(chairClient.text()).not.toContain("Skrivet efter att medlemskapet togs bort.");
      expect(chairClient.closeEvents).toEqual([]);

      expect((await adminPost(chairId, { intent: "deactivate" })).status).toBe(200);
      await waitFor(() => chairClient.closeEvents.some((e) => e.code === 4401), 5_000, "4401 for the deactivated account");
    } finally {
      for (const client of opened) client.destroy();
      await own.stop();
    }
  });

  it("closes them too when the change comes from the admin command line, another process", async () => {
    const own = await startServer();
    const opened: Client[] = [];
    try {
      const { minutes, groupId } = styrgruppMinutes(own);
      const [ledamot, chairCookie] = await Promise.all([sessionCookie(own, "lpo.skarholmen@example.se"), sessionCookie(own, "sdd.skarholmen@example.se")]);
      const editor = connectClient(own, minutes, ledamot);
      const chairClient = connectClient(own, minutes, chairCookie);
      opened.push(editor, chairClient);
      await Promise.all([waitForSync(editor), waitForSync(chairClient)]);
      const admin = (...args: string[]) => {
        const result = spawnSync(process.execPath, ["--import", "tsx", "server/cli/admin.ts", ...args], {
          env: { ...process.env, DATABASE_PATH: own.databasePath },
          encoding: "utf8",
        });
        expect(result.stderr).toBe("");
        expect(result.status).toBe(0);
      };

      admin("remove-member", "--email", "lpo.skarholmen@example.se", "--group", String(groupId));
      await waitFor(() => editor.closeEvents.some((e) => e.code === 4403), 5_000, "4403 for the member removed by the CLI");
      expect(chairClient.closeEvents).toEqual([]);
      admin("deactivate", "--email", "sdd.skarholmen@example.se");
      await waitFor(() => chairClient.closeEvents.some((e) => e.code === 4401), 5_000, "4401 for the account deactivated by the CLI");
    } finally {
      for (const client of opened) client.destroy();
      await own.stop();
    }
  });
});
