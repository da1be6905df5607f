/**
 * Issue 11 in Chromium: attendance taken as a secretary takes it ("Markera
 * alla kallade som närvarande", then one "Spara närvaro" for the whole list
 * with each person's times), and after every action a form that succeeded is
 * emptied, a refusal is next to its field with focus on it, and focus goes to
 * the new ärende or stays on the move button pressed, never to the page's body.
 * Axe on the meeting page with refusals showing.
 */
import Database from "better-sqlite3";
import type { Locator, Page, Browser } from "playwright-core";
import { axeViolations, launchBrowser, logIn, newPage } from "../support/browser";
import { sessionCookie } from "../support/collab-client";
import { styrgruppMinutes } from "../support/rights-fixture";
import { startServer, type RunningServer } from "../support/server";

let server: RunningServer;
let browser: Browser;
let meetingId: number;
let chairCookie: string;

function query<T>(sql: string, ...params: unknown[]): T[] {
  const db = new Database(server.databasePath, { readonly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

const isFocused = (locator: Locator) => locator.evaluate((el) => el === document.activeElement);
const focusIsOnBody = (page: Page) => page.evaluate(() => document.activeElement === document.body || document.activeElement === null);
/** The accessible description of the focused field: the messages its aria-describedby points at. */
const focusedDescription = (page: Page) =>
  page.evaluate(() =>
    (document.activeElement?.getAttribute("aria-describedby") ?? "")
      .split(" ")
      .map((id) => document.getElementById(id)?.textContent ?? "")
      .join(" "),
  );

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  const chair = (chairCookie = await sessionCookie(server, "sdd.skarholmen@example.se"));
  const response = await fetch(`${server.url}/grupper/${styrgruppMinutes(server).groupId}`, {
    method: "POST",
    body: new URLSearchParams({ title: "Närvaro och fokus", date: "2026-12-14", startTime: "09:00", endTime: "10:00", location: "Bredängen", videoLink: "" }),
    headers: { Origin: server.url, Cookie: chair },
    redirect: "manual",
  });
  meetingId = Number(response.headers.get("location")!.split("/").pop());
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("the meeting page after each action", () => {
  it("empties the add-item form and focuses the new ärende; keeps focus on the move button pressed; a refusal focuses its field", async () => {
    const { page, errors } = await newPage(browser);
    await logIn(page, server.url, "sdd.skarholmen@example.se");
    await page.goto(`${server.url}/moten/${meetingId}`);
    // Hydrated: the live editors are connected.
    await page.locator('[data-collab-doc][data-collab-editable="true"]').first().waitFor();
    const addForm = page.locator("form").filter({ has: page.getByRole("button", { name: "Lägg till ärende" }) });
    const title = addForm.getByLabel("Rubrik");

    for (const name of ["Lägesbild december", "Belysning vid torget"]) {
      await title.fill(name);
      await addForm.getByLabel("Typ av ärende").selectOption("beslut");
      await addForm.getByRole("button", { name: "Lägg till ärende" }).click();
      const heading = page.locator(`[data-agenda-item="${name}"] h3`);
      await heading.waitFor();
      await expect.poll(() => isFocused(heading)).toBe(true);
      expect(await title.inputValue()).toBe("");
      expect(await addForm.getByLabel("Typ av ärende").inputValue()).toBe("information");
    }

    // "Belysning vid torget" came last of the added ärenden, before the standard closing items: moved up, focus stays
    // on its Flytta upp; moved to the top, where Flytta upp is disabled, focus is on its Flytta ned.
    const order = () => page.locator("[data-agenda-item]").evaluateAll((items) => items.map((i) => i.getAttribute("data-agenda-item")));
    const moveUp = page.getByRole("button", { name: "Flytta upp Belysning vid torget" });
    const moveDown = page.getByRole("button", { name: "Flytta ned Belysning vid torget" });
    const start = (await order()).indexOf("Belysning vid torget");
    expect((await order()).slice(start + 1)).toEqual(["Övriga frågor", "Mötets avslutande"]);
    await moveUp.click();
    await expect.poll(async () => (await order()).indexOf("Belysning vid torget")).toBe(start - 1);
    await expect.poll(() => isFocused(moveUp)).toBe(true);
    for (let position = start - 1; position > 0; position--) {
      await moveUp.click();
      await expect.poll(async () => (await order()).indexOf("Belysning vid torget")).toBe(position - 1);
    }
    expect(await moveUp.isDisabled()).toBe(true);
    await expect.poll(() => isFocused(moveDown)).toBe(true);

    // A refusal from the server (a title too long): focus on the field, its message read with it, what was typed kept.
    const tooLong = "Ä".repeat(201);
    await title.fill(tooLong);
    await addForm.getByRole("button", { name: "Lägg till ärende" }).click();
    await expect.poll(() => isFocused(title)).toBe(true);
    expect(await title.getAttribute("aria-invalid")).toBe("true");
    expect(await focusedDescription(page)).toContain("Högst 200 tecken.");
    expect(await title.inputValue()).toBe(tooLong);
    // Only the form sent shows the refusal: the uppdrag form's own "title" field is not marked.
    expect(await page.locator('[aria-invalid="true"]').count()).toBe(1);

    // A refused button of an ärende (removing one with an uppdrag): the message next to its buttons, which it
    // describes, with focus on it; not at the top of the page.
    const itemId = query<{ id: number }>("select id from agenda_items where meeting_id = ? and title = 'Lägesbild december'", meetingId)[0].id;
    const chairId = query<{ id: number }>("select id from people where email = 'sdd.skarholmen@example.se'")[0].id;
    const added = await fetch(`${server.url}/moten/${meetingId}`, {
      method: "POST",
      body: new URLSearchParams({ intent: "add-action", title: "Kartlägg belysningen", ownerId: String(chairId), agendaItemId: String(itemId), dueOn: "" }),
      headers: { Origin: server.url, Cookie: chairCookie },
    });
    expect(added.status).toBe(200);
    await page.reload();
    await page.locator('[data-collab-doc][data-collab-editable="true"]').first().waitFor();
    const item = page.locator('[data-agenda-item="Lägesbild december"]');
    const remove = item.getByRole("button", { name: "Ta bort Lägesbild december" });
    await remove.click();
    const refusal = item.getByRole("alert");
    await refusal.waitFor();
    expect(await refusal.textContent()).toBe("Ärendet har uppdrag och kan inte tas bort.");
    await expect.poll(() => isFocused(refusal)).toBe(true);
    expect(await remove.getAttribute("aria-describedby")).toBe(await refusal.getAttribute("id"));
    expect(await page.getByRole("alert").count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("Markera alla kallade som närvarande, then the whole list saved with one post, each person's times kept; a refused row focuses its Gick", async () => {
    const { page, errors } = await newPage(browser);
    await logIn(page, server.url, "sdd.skarholmen@example.se");
    const posts: string[] = [];
    page.on("request", (request) => {
      if (request.method() === "POST" && /\/moten\/\d+/.test(request.url())) posts.push(request.postData() ?? "");
    });
    await page.goto(`${server.url}/moten/${meetingId}`);
    await page.locator('[data-collab-doc][data-collab-editable="true"]').first().waitFor();
    const names = await page.locator("[data-attendance]").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-attendance")!));
    expect(names.length).toBeGreaterThan(2);
    const status = (name: string) => page.getByLabel(`Närvaro för ${name}`);

    // On a wide screen a person's three fields sit on one line under short labels; whose they are is in
    // their accessible names (found above and below by them).
    const fields = [status(names[0]), page.getByLabel(`Kom, ${names[0]}`), page.getByLabel(`Gick, ${names[0]}`)];
    const tops = await Promise.all(fields.map(async (field) => (await field.boundingBox())!.y));
    expect(new Set(tops).size).toBe(1);
    const shownLabels = page.locator(`[data-attendance="${names[0]}"] label`).evaluateAll((labels) => labels.map((label) => label.firstChild?.textContent));
    expect(await shownLabels).toEqual(["Närvaro", "Kom", "Gick"]);

    // One of them has sent regrets; Markera alla leaves that as it is.
    await status(names[0]).selectOption("anmalt_forhinder");
    await page.getByRole("button", { name: "Spara närvaro", exact: true }).click();
    await page.locator(".meeting-result").getByText("Närvaron är sparad (1 ändring).").waitFor();
    await page.getByRole("button", { name: "Markera alla kallade som närvarande" }).click();
    await page
      .locator(".meeting-result")
      .getByText(/kallade? är markerade? som närvarande\./)
      .waitFor();
    // The answer can show before the page's data is reloaded: the list follows it.
    for (const name of names.slice(1)) await expect.poll(() => status(name).inputValue()).toBe("narvarande");
    expect(await status(names[0]).inputValue()).toBe("anmalt_forhinder");
    // The button is gone with nobody left to mark: focus is on the message, not dropped on the page.
    expect(await page.getByRole("button", { name: "Markera alla kallade som närvarande" }).count()).toBe(0);
    expect(await focusIsOnBody(page)).toBe(false);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toMatch(/som närvarande\./);

    // Two people's times, one save.
    const before = posts.length;
    await page.getByLabel(`Kom, ${names[1]}`).fill("09:10");
    await page.getByLabel(`Gick, ${names[2]}`).fill("09:45");
    await page.getByRole("button", { name: "Spara närvaro", exact: true }).click();
    await page.locator(".meeting-result").getByText("Närvaron är sparad (2 ändringar).").waitFor();
    expect(posts.length - before).toBe(1);
    expect(posts[before]).toContain("intent=attendance-list");
    const times = query<{ name: string; arrivedAt: string | null; leftAt: string | null }>(
      "select p.name, a.arrived_at as arrivedAt, a.left_at as leftAt from attendance a join people p on p.id = a.person_id where a.meeting_id = ?",
      meetingId,
    );
    expect(times.find((t) => t.name === names[1])).toMatchObject({ arrivedAt: "2026-12-14T08:10:00.000Z", leftAt: null });
    expect(times.find((t) => t.name === names[2])).toMatchObject({ arrivedAt: null, leftAt: "2026-12-14T08:45:00.000Z" });

    // Left before arriving: refused, nothing saved, focus on that row's Gick with the message read with it.
    const gick = page.getByLabel(`Gick, ${names[1]}`);
    await gick.fill("09:05");
    await page.getByRole("button", { name: "Spara närvaro", exact: true }).click();
    await expect.poll(() => isFocused(gick)).toBe(true);
    expect(await gick.getAttribute("aria-invalid")).toBe("true");
    expect(await focusedDescription(page)).toContain("Tiden för att lämna mötet måste vara efter ankomsttiden.");
    expect(query("select id from attendance where meeting_id = ? and left_at = '2026-12-14T08:05:00.000Z'", meetingId)).toEqual([]);
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("what is typed into a row while the page reloads after its save stays there, and so does focus", async () => {
    const { page, errors } = await newPage(browser);
    await logIn(page, server.url, "sdd.skarholmen@example.se");
    await page.goto(`${server.url}/moten/${meetingId}`);
    await page.locator('[data-collab-doc][data-collab-editable="true"]').first().waitFor();
    const name = (await page.locator("[data-attendance]").last().getAttribute("data-attendance"))!;
    // The page's data reloaded after the save is held back until the reader has typed on.
    let holdNextLoad = false;
    let held = false;
    let release = () => {};
    const released = new Promise<void>((resolve) => (release = resolve));
    await page.route(/\/moten\/\d+\.data/, async (route) => {
      if (holdNextLoad && route.request().method() === "GET") {
        holdNextLoad = false;
        held = true;
        await released;
      }
      await route.continue();
    });
    await page.getByLabel(`Närvaro för ${name}`).selectOption("narvarande");
    await page.getByLabel(`Kom, ${name}`).fill("08:55");
    holdNextLoad = true;
    await page.getByRole("button", { name: "Spara närvaro", exact: true }).click();
    await page.locator(".meeting-result").getByText("Närvaron är sparad (1 ändring).").waitFor();
    await expect.poll(() => held).toBe(true);
    const gick = page.getByLabel(`Gick, ${name}`);
    await gick.fill("09:50");
    release();
    // The reloaded data is on the page: the row's saved text (printed instead of its fields) says the new time.
    await expect.poll(() => page.locator(`[data-attendance="${name}"] .print-only`).textContent()).toContain("kom 08:55");
    expect(await gick.inputValue()).toBe("09:50");
    expect(await isFocused(gick)).toBe(true);
    expect(await page.getByLabel(`Kom, ${name}`).inputValue()).toBe("08:55");
    // Saved with the next press: the message is the same as before, so the database says when.
    await page.getByRole("button", { name: "Spara närvaro", exact: true }).click();
    const saved = () =>
      query<{ arrivedAt: string; leftAt: string | null }>(
        "select a.arrived_at as arrivedAt, a.left_at as leftAt from attendance a join people p on p.id = a.person_id where a.meeting_id = ? and p.name = ?",
        meetingId,
        name,
      )[0];
    await expect.poll(saved).toEqual({ arrivedAt: "2026-12-14T07:55:00.000Z", leftAt: "2026-12-14T08:50:00.000Z" });
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
