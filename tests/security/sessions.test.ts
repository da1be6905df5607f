/**
 * Issue 10, finding 4, replayed as an attacker (or a forgetful user on a shared
 * computer) would: a tab that is logged out, whose password was changed by an
 * operator, or whose session expired must stop editing and stop receiving the
 * meeting's events. Real server, stock y-websocket clients, real event streams.
 */
import { spawnSync } from "node:child_process";
import Database from "better-sqlite3";
import { styrgruppMinutes } from "../support/rights-fixture";
import { startServer, type RunningServer } from "../support/server";
import { appendParagraph, connectClient, sessionCookie, waitFor, waitForSync, type Client } from "../support/collab-client";
import { openEventStream, type EventStream } from "../support/event-stream";

const CHAIR = "sdd.skarholmen@example.se";
const LEDAMOT = "lpo.skarholmen@example.se";

let server: RunningServer;
let fixture: ReturnType<typeof styrgruppMinutes>;
const opened: { destroy: () => void }[] = [];

beforeAll(async () => {
  // A short sweep, so an expired session is noticed within the test's patience.
  server = await startServer({ SESSION_CHECK_INTERVAL_MS: "300" });
  fixture = styrgruppMinutes(server);
});
afterEach(() => {
  for (const item of opened.splice(0)) item.destroy();
});
afterAll(async () => {
  await server?.stop();
});

function editor(cookie: string): Client {
  const client = connectClient(server, fixture.minutes, cookie);
  opened.push(client);
  return client;
}

async function eventStream(cookie: string): Promise<EventStream> {
  const stream = await openEventStream(server, fixture.meetingId, cookie);
  opened.push({ destroy: stream.close });
  return stream;
}

async function logout(cookie: string): Promise<Response> {
  return fetch(`${server.url}/logout`, { method: "POST", headers: { Origin: server.url, Cookie: cookie }, redirect: "manual" });
}

/** Whether the cookie still opens a page (200) or leads to the login page. */
async function stillLoggedIn(cookie: string): Promise<boolean> {
  const response = await fetch(`${server.url}/`, { headers: { Cookie: cookie }, redirect: "manual" });
  return response.status === 200;
}

function adminCli(...args: string[]) {
  const result = spawnSync(process.execPath, ["--import", "tsx", "server/cli/admin.ts", ...args], {
    env: { ...process.env, DATABASE_PATH: server.databasePath },
    encoding: "utf8",
  });
  expect(result.stderr).toBe("");
  expect(result.status).toBe(0);
  return result.stdout;
}

const settle = (ms = 400) => new Promise((resolve) => setTimeout(resolve, ms));

describe("a session's open connections end with the session", () => {
  it("logging out closes that tab's editor with 4401, its later edit reaches nobody, and its event stream ends; another browser of the same person stays", async () => {
    const [loggedOutTab, otherBrowser, ledamot] = await Promise.all([
      sessionCookie(server, CHAIR),
      sessionCookie(server, CHAIR),
      sessionCookie(server, LEDAMOT),
    ]);
    const tab = editor(loggedOutTab);
    const sameChairElsewhere = editor(otherBrowser);
    const colleague = editor(ledamot);
    await Promise.all([waitForSync(tab), waitForSync(sameChairElsewhere), waitForSync(colleague)]);
    const tabEvents = await eventStream(loggedOutTab);
    const otherEvents = await eventStream(otherBrowser);

    expect((await logout(loggedOutTab)).status).toBe(302);

    await waitFor(() => tab.closeEvents.some((e) => e.code === 4401), 5_000, "4401 for the logged-out tab");
    await Promise.race([tabEvents.ended, settle(5_000)]);
    expect(tabEvents.hasEnded()).toBe(true);

    // The stale tab keeps typing (its provider reconnects with the dead cookie): nobody receives it, nothing stores it.
    appendParagraph(tab.doc, "Skrivet efter utloggning.");
    await settle(800);
    expect(colleague.text()).not.toContain("Skrivet efter utloggning.");
    expect(sameChairElsewhere.text()).not.toContain("Skrivet efter utloggning.");
    const lateReader = editor(ledamot);
    await waitForSync(lateReader);
    expect(lateReader.text()).not.toContain("Skrivet efter utloggning.");
    expect(tab.closeEvents.every((e) => e.code === 4401)).toBe(true);

    // Only that session ended.
    expect(sameChairElsewhere.closeEvents).toEqual([]);
    expect(colleague.closeEvents).toEqual([]);
    expect(otherEvents.hasEnded()).toBe(false);
    expect(await stillLoggedIn(otherBrowser)).toBe(true);
  });

  it("admin set-password from the command line (another process) ends every session of the person: editors closed, event streams ended, old cookies dead, audited", async () => {
    const [first, second, ledamot] = await Promise.all([sessionCookie(server, CHAIR), sessionCookie(server, CHAIR), sessionCookie(server, LEDAMOT)]);
    const a = editor(first);
    const b = editor(second);
    const colleague = editor(ledamot);
    await Promise.all([waitForSync(a), waitForSync(b), waitForSync(colleague)]);
    const events = await eventStream(first);
    const colleagueEvents = await eventStream(ledamot);

    const output = adminCli("set-password", "--email", CHAIR, "--password", "ett-helt-nytt-losenord");

    await waitFor(
      () => a.closeEvents.some((e) => e.code === 4401) && b.closeEvents.some((e) => e.code === 4401),
      5_000,
      "4401 for both of the person's editors",
    );
    expect(output).toContain("all sessions ended");
    await Promise.race([events.ended, settle(5_000)]);
    expect(events.hasEnded()).toBe(true);
    expect(await stillLoggedIn(first)).toBe(false);
    expect(await stillLoggedIn(second)).toBe(false);

    appendParagraph(a.doc, "Skrivet med det gamla lösenordets session.");
    await settle(800);
    expect(colleague.text()).not.toContain("det gamla lösenordets");
    expect(colleague.closeEvents).toEqual([]);
    expect(colleagueEvents.hasEnded()).toBe(false);

    const db = new Database(server.databasePath, { readonly: true });
    try {
      const entry = db
        .prepare(
          "select a.actor_id as actorId from audit_log a join people p on a.subject = 'person:' || p.id where p.email = ? and a.action = 'person.password_changed'",
        )
        .get(CHAIR);
      expect(entry).toEqual({ actorId: null });
    } finally {
      db.close();
    }
    // The new password works.
    await sessionCookie(server, CHAIR, "ett-helt-nytt-losenord");
  });

  it("an expired session is ended within the sweep interval, though nobody did anything", async () => {
    const [ledamot, chair] = await Promise.all([sessionCookie(server, LEDAMOT), sessionCookie(server, CHAIR, "ett-helt-nytt-losenord")]);
    const expiring = editor(ledamot);
    const chairEditor = editor(chair);
    await Promise.all([waitForSync(expiring), waitForSync(chairEditor)]);
    const events = await eventStream(ledamot);
    const chairEvents = await eventStream(chair);

    // Twelve hours pass for the ledamot's session.
    const db = new Database(server.databasePath);
    try {
      db.pragma("busy_timeout = 5000");
      db.prepare("update sessions set expires_at = ? where person_id = (select id from people where email = ?)").run("2000-01-01T00:00:00.000Z", LEDAMOT);
    } finally {
      db.close();
    }

    await waitFor(() => expiring.closeEvents.some((e) => e.code === 4401), 5_000, "4401 for the expired session");
    await Promise.race([events.ended, settle(5_000)]);
    expect(events.hasEnded()).toBe(true);
    appendParagraph(expiring.doc, "Skrivet efter att sessionen gått ut.");
    await settle(800);
    expect(chairEditor.text()).not.toContain("gått ut");
    expect(chairEditor.closeEvents).toEqual([]);
    expect(chairEvents.hasEnded()).toBe(false);
  });
});
