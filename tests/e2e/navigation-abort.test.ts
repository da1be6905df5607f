/**
 * A reader who leaves a page while its data is still arriving (a second click, a second "back") makes
 * Remix's router abort that request. Remix then logged the abort as an error in the console (its
 * single-fetch decoder catches the aborted body and calls console.error): in CI this failed the
 * back-twice test of meeting-editors-start now and then. Here the abort is made to land mid-body every
 * time, by a stand-in server that sends the headers of the group page's data and then waits.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Browser } from "playwright-core";
import { launchBrowser, logIn, newPage } from "../support/browser";
import { styrgruppMinutes } from "../support/rights-fixture";
import { startServer, type RunningServer } from "../support/server";

let server: RunningServer;
let browser: Browser;
let stalling: Server;
let stalledRequests = 0;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  // Answers with the headers of a single-fetch response, then never sends its body.
  stalling = createServer((_request, response) => {
    stalledRequests += 1;
    response.writeHead(200, { "Content-Type": "text/x-script" });
    response.flushHeaders();
  });
  await new Promise<void>((resolve) => stalling.listen(0, "127.0.0.1", resolve));
});
afterAll(async () => {
  await browser?.close();
  stalling?.closeAllConnections();
  await new Promise((resolve) => stalling?.close(resolve));
  await server?.stop();
});

describe("leaving a page while its data still arrives", () => {
  it("logs nothing as an error: the aborted request is the router working as meant", async () => {
    const { meetingId, groupId } = styrgruppMinutes(server);
    const { page, errors } = await newPage(browser);
    await logIn(page, server.url, "sdd.skarholmen@example.se");
    await page.goto(`${server.url}/moten/${meetingId}`);
    const stallingUrl = `http://127.0.0.1:${(stalling.address() as AddressInfo).port}/stalled.data`;
    await page.route(`${server.url}/grupper/${groupId}.data*`, (route) => route.continue({ url: stallingUrl }));
    const headersArrived = page.waitForResponse((response) => response.url().startsWith(stallingUrl));
    await page.getByRole("navigation", { name: "Brödsmulor" }).getByRole("link", { name: "Lokal styrgrupp Skärholmen" }).click();
    await headersArrived;
    expect(stalledRequests).toBe(1);
    // The group page's data has begun to arrive; the reader goes elsewhere before it is complete.
    await page.getByRole("navigation", { name: "Brödsmulor" }).getByRole("link", { name: "Mina grupper" }).click();
    await page.waitForURL(`${server.url}/`);
    await page.getByRole("heading", { level: 1, name: "Mina grupper" }).waitFor();
    expect(errors).toEqual([]);
    // Any other error, an AbortError logged with words of its own included, still reaches the console.
    await page.evaluate(() => {
      console.error(new Error("ett riktigt fel"));
      console.error("Begäran avbröts:", new DOMException("avbruten", "AbortError"));
    });
    await expect.poll(() => errors.length).toBe(2);
    await page.context().close();
  });
});
