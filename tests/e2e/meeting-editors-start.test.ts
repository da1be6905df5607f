/**
 * Issue 17, the meeting page's live documents start one after another (start-queue.ts): the one on
 * screen first, then the others, each once, every one ending connected and editable; one clicked
 * before its turn starts at once. Tiptap loads on its own (editor-area.tsx): no error while it does.
 */
import type { Browser } from "playwright-core";
import { axeViolations, launchBrowser, logIn, newPage } from "../support/browser";
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

/** The documents whose WebSockets the page opened, in the order it opened them. */
function collabDocuments(urls: string[]): string[] {
  return urls.filter((url) => url.includes("/collab/")).map((url) => decodeURIComponent(url.split("/collab/")[1].split("?")[0]));
}

describe("the meeting page's live documents", () => {
  it("start with the one on screen, then every other one once, each ending connected and editable", async () => {
    const { meetingId, minutes } = styrgruppMinutes(server);
    const { page, errors } = await newPage(browser);
    await logIn(page, server.url, "sdd.skarholmen@example.se");
    const opened: string[] = [];
    page.on("websocket", (socket) => opened.push(socket.url()));
    // Opened at the minutes, far down the page: they are on screen, the kallelse at the top is not.
    await page.goto(`${server.url}/moten/${meetingId}#anteckningar`);
    const names = await page.locator("[data-collab-doc]").evaluateAll((els) => els.map((el) => el.getAttribute("data-collab-doc")!));
    expect(names.length).toBeGreaterThan(3);
    const editable = page.locator('[data-collab-connection="connected"] [data-collab-content][contenteditable="true"]');
    await expect.poll(() => editable.count(), { timeout: 20_000 }).toBe(names.length);
    const started = collabDocuments(opened);
    expect(started[0]).toBe(minutes);
    expect([...started].sort()).toEqual([...names].sort());
    expect(errors).toEqual([]);
    expect(await axeViolations(page)).toEqual([]);
  });

  it("starts a document at once when it is pressed before its turn", async () => {
    const { meetingId } = styrgruppMinutes(server);
    const { page } = await newPage(browser);
    await logIn(page, server.url, "sdd.skarholmen@example.se");
    // Sockets that never reach the server: no document syncs, so each holds the queue for its 1.5 s.
    const opened: string[] = [];
    await page.routeWebSocket("**/collab/**", (socket) => {
      opened.push(socket.url());
    });
    await page.goto(`${server.url}/moten/${meetingId}`);
    await page.getByRole("button", { name: "Visa alla ärenden" }).waitFor();
    const documents = page.locator("[data-collab-doc]");
    const count = await documents.count();
    // The minutes, last on the page and off screen: their turn would come after every other one's.
    const last = documents.last();
    const name = (await last.getAttribute("data-collab-doc"))!;
    await last.dispatchEvent("pointerdown");
    await expect.poll(() => collabDocuments(opened).includes(name), { timeout: 1_000 }).toBe(true);
    expect(collabDocuments(opened).length).toBeLessThan(count);
  });

  it("keeps the page when the editor's code cannot be fetched: each document says so and offers a reload", async () => {
    const { meetingId } = styrgruppMinutes(server);
    const { page } = await newPage(browser);
    await logIn(page, server.url, "sdd.skarholmen@example.se");
    let refused = 0;
    // The wifi drops exactly for the editor's chunk (and its retries).
    await page.route(/\/build\/_shared\/editor-area-[^/]*\.js$/, (route) => {
      refused++;
      return route.abort("internetdisconnected");
    });
    await page.goto(`${server.url}/moten/${meetingId}`);
    const failed = page.getByRole("alert").filter({ hasText: "Redigeraren kunde inte laddas." }).first();
    await failed.waitFor({ timeout: 20_000 });
    expect(refused).toBeGreaterThanOrEqual(3);
    // The rest of the page is still there and usable.
    await page.getByRole("heading", { level: 1 }).waitFor();
    expect(await page.getByRole("button", { name: "Ladda om sidan" }).count()).toBeGreaterThan(0);
    expect(await axeViolations(page)).toEqual([]);
    await page.context().close();
  });
});
