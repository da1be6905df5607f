import { spawnSync } from "node:child_process";
import { startServer, type RunningServer } from "../support/server";
import { httpLogIn } from "../support/two-step";
import { demoPassword, tempDatabasePath } from "../support/temp";

let server: RunningServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
});

async function logInCookie(url: string, email: string, password = demoPassword): Promise<string> {
  const response = await fetch(`${url}/login`, {
    method: "POST",
    body: new URLSearchParams({ email, password }),
    headers: { Origin: url },
    redirect: "manual",
  });
  expect(response.status).toBe(302);
  return response.headers.get("set-cookie")!.split(";")[0];
}

describe("the HTTP server", () => {
  it("answers /healthz with 200 when the database is reachable, without a session", async () => {
    const response = await fetch(`${server.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok" });
  });

  it("sends a CSP with a fresh nonce per request that matches the page's scripts, and the other security headers", async () => {
    const [a, b] = await Promise.all([fetch(`${server.url}/login`), fetch(`${server.url}/login`)]);
    const csp = a.headers.get("content-security-policy")!;
    const nonce = csp.match(/'nonce-([^']+)'/)![1];
    expect(b.headers.get("content-security-policy")).not.toContain(nonce);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(a.headers.get("x-content-type-options")).toBe("nosniff");
    expect(a.headers.get("referrer-policy")).toBe("same-origin");
    const html = await a.text();
    const scriptNonces = [...html.matchAll(/<script[^>]*nonce="([^"]+)"/g)].map((m) => m[1]);
    expect(scriptNonces.length).toBeGreaterThan(0);
    expect(new Set(scriptNonces)).toEqual(new Set([nonce]));
    expect(html).toContain('<html lang="sv">');
  });

  it("refuses a form post from another site, by Origin and by Fetch Metadata", async () => {
    const body = new URLSearchParams({ email: "sdd.skarholmen@example.se", password: demoPassword });
    const byOrigin = await fetch(`${server.url}/login`, { method: "POST", body, headers: { Origin: "https://evil.example" }, redirect: "manual" });
    expect(byOrigin.status).toBe(403);
    const byFetchSite = await fetch(`${server.url}/login`, { method: "POST", body, headers: { "Sec-Fetch-Site": "cross-site" }, redirect: "manual" });
    expect(byFetchSite.status).toBe(403);
    expect(byOrigin.headers.get("set-cookie")).toBeNull();
  });

  it("sends every page but login, the accessibility statement and /healthz to the login page without a session", async () => {
    for (const path of ["/", "/grupper/1", "/overenskommelser/skarholmen", "/admin"]) {
      const response = await fetch(`${server.url}${path}`, { redirect: "manual" });
      expect(response.status, path).toBe(302);
      expect(response.headers.get("location"), path).toMatch(/^\/login/);
    }
    expect((await fetch(`${server.url}/tillganglighet`)).status).toBe(200);
  });

  it("keeps sessions valid across a restart with the generated session secret", async () => {
    const databasePath = tempDatabasePath();
    const first = await startServer({ DATABASE_PATH: databasePath });
    const cookie = await logInCookie(first.url, "lpo.skarholmen@example.se");
    await first.stop();
    const second = await startServer({ DATABASE_PATH: databasePath });
    try {
      const home = await fetch(`${second.url}/`, { headers: { Cookie: cookie }, redirect: "manual" });
      expect(home.status).toBe(200);
      expect(await home.text()).toContain("Lokal styrgrupp Skärholmen");
    } finally {
      await second.stop();
    }
  });

  it("shuts down cleanly on SIGTERM", async () => {
    const other = await startServer();
    expect(await other.stop()).toBe(0);
    expect(other.output()).toContain("SIGTERM received");
  });
});

describe("configuration", () => {
  it("refuses to start with an invalid environment and says which variable is wrong", () => {
    const result = spawnSync(process.execPath, ["--import", "tsx", "server/index.ts"], {
      env: { ...process.env, PORT: "not-a-port", SEED_DEMO: "maybe", PUBLIC_ORIGIN: "samverkan", DATABASE_PATH: tempDatabasePath() },
      encoding: "utf8",
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("PORT");
    expect(result.stderr).toContain("SEED_DEMO");
    expect(result.stderr).toContain("PUBLIC_ORIGIN");
  });

  it("with SEED_DEMO=false starts empty; the admin CLI creates the first administrator, who can log in", async () => {
    const databasePath = tempDatabasePath();
    const empty = await startServer({ DATABASE_PATH: databasePath, SEED_DEMO: "false" });
    try {
      const refused = await fetch(`${empty.url}/login`, {
        method: "POST",
        body: new URLSearchParams({ email: "admin@example.se", password: demoPassword }),
        redirect: "manual",
      });
      expect(refused.status).toBe(200);
      const cli = spawnSync(
        process.execPath,
        [
          "--import",
          "tsx",
          "server/cli/admin.ts",
          "create-admin",
          "--email",
          "forsta.admin@example.se",
          "--name",
          "Första Admin",
          "--password",
          "ett-långt-lösenord",
        ],
        { env: { ...process.env, DATABASE_PATH: databasePath }, encoding: "utf8" },
      );
      expect(cli.stderr).toBe("");
      expect(cli.stdout).toContain("administrator");
      // An administrator without an authenticator app sets one up during the first login (the helper reads the secret from the page).
      const halfWay = await fetch(`${empty.url}/login`, {
        method: "POST",
        body: new URLSearchParams({ email: "forsta.admin@example.se", password: "ett-långt-lösenord" }),
        headers: { Origin: empty.url },
        redirect: "manual",
      });
      expect(halfWay.headers.get("location")).toBe("/login/aktivera-kod");
      const cookie = await httpLogIn(empty.url, "forsta.admin@example.se", "ett-långt-lösenord");
      expect((await fetch(`${empty.url}/admin`, { headers: { Cookie: cookie } })).status).toBe(200);
    } finally {
      await empty.stop();
    }
  });

  it("the admin CLI explains a mistake instead of failing silently", () => {
    const result = spawnSync(process.execPath, ["--import", "tsx", "server/cli/admin.ts", "create-admin", "--email", "x@example.se"], {
      env: { ...process.env, DATABASE_PATH: tempDatabasePath() },
      encoding: "utf8",
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("--name is required");
    expect(result.stderr).toContain("Usage:");
  });
});

describe("calendars and the audit command", () => {
  it("serves a meeting's notice as iCalendar to members only", async () => {
    const cookie = await logInCookie(server.url, "sdd.skarholmen@example.se");
    const home = await (await fetch(`${server.url}/`, { headers: { Cookie: cookie } })).text();
    const groupId = home.match(/href="\/grupper\/(\d+)">Lokal styrgrupp Skärholmen/)![1];
    const group = await (await fetch(`${server.url}/grupper/${groupId}`, { headers: { Cookie: cookie } })).text();
    const meetingId = group.match(/href="\/moten\/(\d+)"/)?.[1];
    expect(meetingId).toBeDefined();
    const ics = await fetch(`${server.url}/moten/${meetingId}/kallelse.ics`, { headers: { Cookie: cookie } });
    expect(ics.headers.get("content-type")).toContain("text/calendar");
    const text = await ics.text();
    expect(text).toMatch(/^BEGIN:VCALENDAR\r\n/);
    expect(text).toContain(`UID:meeting-${meetingId}@samverkan`);
    expect(text).toMatch(/DTSTART:\d{8}T\d{6}Z/);
    const outsider = await logInCookie(server.url, "kommunpolis.ostermalm@example.se");
    expect((await fetch(`${server.url}/moten/${meetingId}/kallelse.ics`, { headers: { Cookie: outsider } })).status).toBe(404);
  });

  it("gives each person a secret calendar feed of their groups' meetings, which a new link revokes", async () => {
    const cookie = await logInCookie(server.url, "lpo.skarholmen@example.se");
    const feedUrl = async () => {
      const page = await (await fetch(`${server.url}/?index`, { method: "POST", headers: { Cookie: cookie, Origin: server.url } })).text();
      return page.match(/data-calendar-feed="">([^<]+)</)![1];
    };
    const first = new URL(await feedUrl());
    const feed = await fetch(`${server.url}${first.pathname}`);
    expect(feed.status).toBe(200);
    const text = await feed.text();
    expect(text).toContain("Lokal styrgrupp Skärholmen");
    expect(text).not.toContain("Östermalm");
    const second = new URL(await feedUrl());
    expect((await fetch(`${server.url}${first.pathname}`)).status).toBe(404);
    expect((await fetch(`${server.url}${second.pathname}`)).status).toBe(200);
  });

  it("verifies the audit log's hash chain from the command line", () => {
    const result = spawnSync(process.execPath, ["--import", "tsx", "server/cli/admin.ts", "verify-audit"], {
      env: { ...process.env, DATABASE_PATH: server.databasePath },
      encoding: "utf8",
    });
    expect(result.stderr).toBe("");
    expect(result.stdout).toMatch(/Audit log intact: \d+ entries/);
  });
});

describe("a meeting is closed to non-members on every path", () => {
  it("answers 404 to the page, its form actions, its event stream, its PDF and its calendar file, and 4404 (the same answer as a missing document) to its documents", async () => {
    const member = await logInCookie(server.url, "sdd.skarholmen@example.se");
    const home = await (await fetch(`${server.url}/`, { headers: { Cookie: member } })).text();
    const groupId = home.match(/href="\/grupper\/(\d+)">Lokal styrgrupp Skärholmen/)![1];
    const group = await (await fetch(`${server.url}/grupper/${groupId}`, { headers: { Cookie: member } })).text();
    const meetingId = group.match(/href="\/moten\/(\d+)"/)![1];
    const outsider = await logInCookie(server.url, "kommunpolis.ostermalm@example.se");
    const headers = { Cookie: outsider, Origin: server.url };
    for (const path of [`/moten/${meetingId}`, `/moten/${meetingId}/handelser`, `/moten/${meetingId}/protokoll.pdf`, `/moten/${meetingId}/kallelse.ics`]) {
      expect((await fetch(`${server.url}${path}`, { headers })).status, path).toBe(404);
    }
    const post = await fetch(`${server.url}/moten/${meetingId}`, {
      method: "POST",
      headers,
      body: new URLSearchParams({ intent: "add-item", title: "Intrång", kind: "information" }),
    });
    expect(post.status).toBe(404);
    const { default: WebSocket } = await import("ws");
    const code = await new Promise<number>((resolve) => {
      const ws = new WebSocket(`ws://127.0.0.1:${server.port}/collab/meeting-${meetingId}-minutes`, { headers: { origin: server.url, cookie: outsider } });
      ws.on("close", (c) => resolve(c));
      ws.on("error", () => undefined);
    });
    expect(code).toBe(4404);
  });
});
