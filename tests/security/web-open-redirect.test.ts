import type { Browser } from "playwright-core";
import { launchBrowser, newPage } from "../support/browser";
import { startServer, type RunningServer } from "../support/server";
import { demoPassword } from "../support/temp";

/** Issue 10, finding 7: the page to return to after login can only be a path of this app. */

let server: RunningServer;
let browser: Browser;
beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});
afterAll(async () => {
  await Promise.all([browser?.close(), server?.stop()]);
});

function logInWith(redirectTo: string): Promise<Response> {
  const body = new URLSearchParams({ email: "lpo.skarholmen@example.se", password: demoPassword, redirectTo });
  return fetch(`${server.url}/login`, { method: "POST", body, headers: { Origin: server.url }, redirect: "manual" });
}

describe("the return path after login", () => {
  it("in Chromium, /login?redirectTo=/%09/evil.example lands on the app, not on evil.example", async () => {
    const { page } = await newPage(browser);
    const visitedOtherSites: string[] = [];
    // Answer for the other site instead of a DNS failure, so a redirect there would really load.
    await page.context().route(
      (url) => url.hostname === "evil.example",
      (route) => {
        visitedOtherSites.push(route.request().url());
        return route.fulfill({ status: 200, contentType: "text/html", body: "<title>Evil</title>stolen" });
      },
    );
    await page.goto(`${server.url}/login?redirectTo=/%09/evil.example`);
    await page.getByLabel("E-postadress").fill("lpo.skarholmen@example.se");
    await page.getByLabel("Lösenord").fill(demoPassword);
    await Promise.all([
      page.waitForURL((url) => url.pathname !== "/login" || url.origin !== server.url),
      page.getByRole("button", { name: "Logga in" }).click(),
    ]);
    await page.waitForLoadState("load");
    expect(visitedOtherSites).toEqual([]);
    expect(new URL(page.url()).origin).toBe(server.url);
    await page.context().close();
  });

  it("answers a redirectTo with a newline, a tab, a backslash or another origin with a redirect to the start page, never HTTP 500", async () => {
    for (const target of [
      "/\n/evil.example",
      "/\r\nSet-Cookie: x=y",
      "/\t/evil.example",
      "/%09/evil.example",
      "/\\evil.example",
      "/%5C%5Cevil.example",
      "https://evil.example/",
      "//evil.example",
      "/%2F/evil.example",
    ]) {
      const response = await logInWith(target);
      expect(response.status, JSON.stringify(target)).toBe(302);
      expect(response.headers.get("location"), JSON.stringify(target)).toBe("/");
    }
  });

  it("still returns to a page of the app, with its query", async () => {
    const response = await logInWith("/beslut?q=trygghet%20skolan&ar=2026");
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/beslut?q=trygghet%20skolan&ar=2026");
  });
});
