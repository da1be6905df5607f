/**
 * Issue 17, the meeting page's live documents start one after another (start-queue.ts): the one on
 * screen first, then the others, each once, every one ending connected and editable; one clicked
 * before its turn starts at once. Tiptap loads on its own (editor-area.tsx): no error while it does.
 */
import type { Browser } from "playwright-core";
import { axeViolations, launchBrowser, logIn, newPage } from "../support/browser";
import { sessionCookie } from "../support/collab-client";
import { styrgruppMinutes } from "../support/rights-fixture";
import { queryServerDatabase, startServer, type RunningServer } from "../support/server";

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

  it("opened at an ärende, starts that ärende's notes first", async () => {
    const { meetingId } = styrgruppMinutes(server);
    const [last] = queryServerDatabase<{ id: number }>(server, "select id from agenda_items where meeting_id = ? order by position desc limit 1", meetingId);
    const { page, errors } = await newPage(browser);
    await logIn(page, server.url, "sdd.skarholmen@example.se");
    const opened: string[] = [];
    page.on("websocket", (socket) => opened.push(socket.url()));
    await page.goto(`${server.url}/moten/${meetingId}#arende-${last.id}`);
    await expect.poll(() => collabDocuments(opened).length, { timeout: 20_000 }).toBeGreaterThan(1);
    expect(collabDocuments(opened)[0]).toBe(`item-${last.id}-notes`);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("gone back to after other meetings, starts what is on screen where the reader left, not what the #fragment points at", async () => {
    const { meetingId, groupId, minutes } = styrgruppMinutes(server);
    // Another meeting of the group, with live documents of its own.
    const created = await fetch(`${server.url}/grupper/${groupId}`, {
      method: "POST",
      body: new URLSearchParams({ title: "Tillbaka", date: "2026-12-21", startTime: "09:00", endTime: "10:00", location: "Bredängen", videoLink: "" }),
      headers: { Origin: server.url, Cookie: await sessionCookie(server, "sdd.skarholmen@example.se") },
      redirect: "manual",
    });
    const other = { id: Number(created.headers.get("location")!.split("/").pop()) };
    const { page, errors } = await newPage(browser);
    await logIn(page, server.url, "sdd.skarholmen@example.se");
    const opened: string[] = [];
    page.on("websocket", (socket) => opened.push(socket.url()));
    await page.goto(`${server.url}/moten/${meetingId}#anteckningar`);
    await expect.poll(() => collabDocuments(opened).includes(minutes), { timeout: 20_000 }).toBe(true);
    const names = new Set(await page.locator("[data-collab-doc]").evaluateAll((els) => els.map((el) => el.getAttribute("data-collab-doc")!)));
    // The reader scrolls up to the kallelse, then goes to another meeting through the group's page (client-side).
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.getByRole("navigation", { name: "Brödsmulor" }).getByRole("link", { name: "Lokal styrgrupp Skärholmen" }).click();
    await page.waitForURL(`${server.url}/grupper/${groupId}`);
    await page.locator(`a[href="/moten/${other.id}"]`).first().click();
    await expect.poll(() => collabDocuments(opened).some((name) => name.startsWith(`meeting-${other.id}-`)), { timeout: 20_000 }).toBe(true);
    opened.length = 0;
    await page.goBack();
    await page.goBack();
    await page.waitForURL(`${server.url}/moten/${meetingId}#anteckningar`);
    // The other meeting's queue may still be starting its last documents as the reader leaves it.
    const startedHere = () => collabDocuments(opened).filter((name) => names.has(name));
    await expect.poll(() => startedHere().length, { timeout: 20_000 }).toBeGreaterThan(0);
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    expect(startedHere()[0]).toBe(`meeting-${meetingId}-agenda`);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("starts the top's first document while the parts below it still hydrate, on the meeting-room laptop (CPU 4× slower)", async () => {
    const { meetingId } = styrgruppMinutes(server);
    const { page, errors } = await newPage(browser);
    await logIn(page, server.url, "sdd.skarholmen@example.se");
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
    // When each document's socket was opened, on the page's own clock (the marks' clock).
    await page.addInitScript(`
      window.socketsOpened = [];
      const PageSocket = window.WebSocket;
      window.WebSocket = class extends PageSocket {
        constructor(url, protocols) { super(url, protocols); window.socketsOpened.push([String(url), performance.now()]); }
      };
    `);
    await page.goto(`${server.url}/moten/${meetingId}`);
    await page.waitForFunction(() => performance.getEntriesByName("hydrated-all", "mark").length > 0, null, { timeout: 20_000 });
    const { sockets, wholePage } = await page.evaluate(() => ({
      sockets: (window as unknown as { socketsOpened: [string, number][] }).socketsOpened,
      wholePage: performance.getEntriesByName("hydrated-all", "mark")[0].startTime,
    }));
    const [first] = sockets.filter(([url]) => url.includes("/collab/"));
    // Nothing is on screen at the top (the kallelse is below the fold): the first in page order goes first,
    // without waiting for the later parts, whose documents all come after it.
    expect(collabDocuments([first[0]])).toEqual([`meeting-${meetingId}-agenda`]);
    expect(first[1]).toBeLessThan(wholePage);
    expect(errors).toEqual([]);
    await page.context().close();
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
