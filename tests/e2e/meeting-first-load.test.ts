/**
 * Issue 17, the meeting page's first load (decision 37): its top hydrates first and the parts below it
 * (HydrateLater) after it. On the meeting-room laptop's CPU (4× slower), a button pressed in an ärende as
 * soon as the top is interactive is handled by the page (a fetch, not a full page post), whether or not
 * that ärende had hydrated yet: selective hydration hydrates it first, and the parts still waiting keep their
 * server HTML through the post and its reload (hydrated, not rendered anew). Without JavaScript the parts that
 * hydrate later are there and their forms work.
 */
import type { Browser } from "playwright-core";
import { launchBrowser, logIn, newPage } from "../support/browser";
import { styrgruppMinutes } from "../support/rights-fixture";
import { startServer, type RunningServer } from "../support/server";

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("the meeting page's first load", () => {
  it("is interactive at its top first; a button pressed in an ärende right then is handled by the page", async () => {
    const { meetingId } = styrgruppMinutes(server);
    const { page, errors } = await newPage(browser);
    await logIn(page, server.url, "sdd.skarholmen@example.se");
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
    const posts: string[] = [];
    page.on("request", (request) => {
      if (request.method() === "POST") posts.push(request.resourceType());
    });
    await page.goto(`${server.url}/moten/${meetingId}`, { waitUntil: "commit" });
    await page.waitForFunction(() => performance.getEntriesByName("hydrated", "mark").length > 0);
    // The server's headings of every part: a part hydrated keeps them, one React rendered anew (error 421) does not.
    await page.evaluate(() => {
      (window as unknown as { serverHeadings: Element[] }).serverHeadings = [...document.querySelectorAll("h2, [data-agenda-item] h3")];
    });
    const items = page.locator("[data-agenda-item]");
    const title = (await items.first().getAttribute("data-agenda-item"))!;
    await items
      .first()
      .getByRole("button", { name: `Flytta ned ${title}` })
      .click();
    await expect.poll(() => items.nth(1).getAttribute("data-agenda-item"), { timeout: 20_000 }).toBe(title);
    expect(posts).toEqual(["fetch"]);

    // The whole page hydrates after its top.
    await page.waitForFunction(() => performance.getEntriesByName("hydrated-all", "mark").length > 0, null, { timeout: 20_000 });
    const [top, whole] = await page.evaluate(() => ["hydrated", "hydrated-all"].map((name) => performance.getEntriesByName(name, "mark")[0].startTime));
    expect(top).toBeLessThanOrEqual(whole);
    const replaced = await page.evaluate(() =>
      (window as unknown as { serverHeadings: Element[] }).serverHeadings.filter((heading) => !heading.isConnected).map((heading) => heading.textContent),
    );
    expect(replaced).toEqual([]);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("without JavaScript, shows every part of the page, and a form in a part that hydrates later works", async () => {
    const { meetingId } = styrgruppMinutes(server);
    const context = await browser.newContext({ locale: "sv-SE", javaScriptEnabled: false });
    const page = await context.newPage();
    await logIn(page, server.url, "sdd.skarholmen@example.se");
    await page.goto(`${server.url}/moten/${meetingId}#anteckningar`);
    for (const name of ["Närvaro", "Dagordning", "Uppdrag", "Övriga anteckningar", "Justering"])
      await page.getByRole("heading", { level: 2, name, exact: true }).waitFor();
    const addForm = page.locator("form").filter({ has: page.getByRole("button", { name: "Lägg till ärende" }) });
    await addForm.getByLabel("Rubrik").fill("Trygghetsvandring utan JavaScript");
    await addForm.getByRole("button", { name: "Lägg till ärende" }).click();
    await page.locator('[data-agenda-item="Trygghetsvandring utan JavaScript"]').waitFor();
    await context.close();
  });
});
