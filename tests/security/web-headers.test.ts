import { request } from "node:http";
import WebSocket from "ws";
import { startServer, type RunningServer } from "../support/server";
import { demoPassword } from "../support/temp";

/** Issue 10, finding 14: HSTS, no caching of anything personal, a __Host- cookie on https, connect-src to this app only. */

const publicOrigin = "https://samverkan.example.se";
let https: RunningServer;
let plain: RunningServer;
beforeAll(async () => {
  [https, plain] = await Promise.all([startServer({ PUBLIC_ORIGIN: publicOrigin }), startServer()]);
});
afterAll(async () => {
  await Promise.all([https?.stop(), plain?.stop()]);
});

/** Logs in as a browser on `origin` would, through a proxy that passes the public Host on. */
function logIn(server: RunningServer, origin: string): Promise<{ setCookie: string; cookie: string }> {
  const body = new URLSearchParams({ email: "lpo.skarholmen@example.se", password: demoPassword }).toString();
  return new Promise((resolve, reject) => {
    const headers = {
      Host: new URL(origin).host,
      Origin: origin,
      "Content-Type": "application/x-www-form-urlencoded",
      "Content-Length": Buffer.byteLength(body),
    };
    const req = request({ host: "127.0.0.1", port: server.port, path: "/login", method: "POST", headers }, (res) => {
      res.resume();
      if (res.statusCode !== 302) return reject(new Error(`login answered ${res.statusCode}`));
      const setCookie = (res.headers["set-cookie"] ?? []).find((c) => c.includes("samverkan_session="))!;
      resolve({ setCookie, cookie: setCookie.split(";")[0] });
    });
    req.on("error", reject);
    req.end(body);
  });
}

function connectSrc(response: Response): string {
  return response.headers.get("content-security-policy")!.match(/connect-src ([^;]+)/)![1];
}

describe("behind https (PUBLIC_ORIGIN=https://…)", () => {
  it("sends Strict-Transport-Security and limits connect-src to the app's own origin and its wss: twin", async () => {
    const page = await fetch(`${https.url}/login`);
    expect(page.headers.get("strict-transport-security")).toMatch(/^max-age=\d{8,}; includeSubDomains$/);
    expect(connectSrc(page)).toBe("'self' wss://samverkan.example.se");
  });

  it("names the session cookie __Host-… with Secure, Path=/ and no Domain, and the cookie works for pages and the live editor", async () => {
    const { setCookie, cookie } = await logIn(https, publicOrigin);
    expect(setCookie).toMatch(/^__Host-samverkan_session=/);
    expect(setCookie).toMatch(/; Secure/);
    expect(setCookie).toMatch(/; Path=\//);
    expect(setCookie).toMatch(/; HttpOnly/);
    expect(setCookie).not.toMatch(/Domain=/i);
    expect((await fetch(`${https.url}/`, { headers: { Cookie: cookie }, redirect: "manual" })).status).toBe(200);
    // The collaboration server reads the same cookie: an unknown document is 4404, not 4401 (not logged in).
    const ws = new WebSocket(`ws://127.0.0.1:${https.port}/collab/meeting-999999-minutes`, { headers: { origin: publicOrigin, cookie } });
    const code = await new Promise<number>((resolve) => ws.on("close", (c) => resolve(c)));
    expect(code).not.toBe(4401);
  });
});

describe("without https", () => {
  it("sends no HSTS, and connect-src names the ws: origin the page was loaded from, not every ws: and wss: host", async () => {
    const page = await fetch(`${plain.url}/login`);
    expect(page.headers.get("strict-transport-security")).toBeNull();
    expect(connectSrc(page)).toBe(`'self' ws://127.0.0.1:${plain.port}`);
  });

  it("marks every response for a logged-in person no-store: pages, data requests, the calendar feed with its secret URL", async () => {
    const { cookie } = await logIn(plain, plain.url);
    const headers = { Cookie: cookie };
    const responses = {
      home: await fetch(`${plain.url}/`, { headers }),
      data: await fetch(`${plain.url}/?_data=routes%2F_index`, { headers }),
      tasks: await fetch(`${plain.url}/uppdrag`, { headers }),
    };
    const page = await (await fetch(`${plain.url}/?index`, { method: "POST", headers: { ...headers, Origin: plain.url } })).text();
    const feed = new URL(page.match(/data-calendar-feed="">([^<]+)</)![1]);
    const withFeed = { ...responses, feed: await fetch(`${plain.url}${feed.pathname}`) };
    for (const [name, response] of Object.entries(withFeed)) {
      expect(response.status, name).toBe(200);
      expect(response.headers.get("cache-control"), name).toBe("no-store");
    }
  });
});
