/**
 * Issue 11, the meeting page in the secretary's order, in Chromium: kallelse
 * and justerare near the top, then närvaro and the agenda; a table of contents
 * whose links jump to and focus their heading, opening a collapsed ärende;
 * each ärende a disclosure that opens and closes with the keyboard; a justerat
 * or inställt meeting's texts as plain text with no live connection; the print
 * stylesheet; a refusal of "Fatta beslut" only in the ärende it was pressed in;
 * axe on the running and the locked page.
 */
import Database from "better-sqlite3";
import type { Browser, Locator, Page, WebSocket } from "playwright-core";
import { plainText } from "../../db/documents/plain-text";
import { axeViolations, launchBrowser, logIn, newPage } from "../support/browser";
import { connectClient, sessionCookie, waitForSync } from "../support/collab-client";
import { styrgruppMinutes } from "../support/rights-fixture";
import { startServer, type RunningServer } from "../support/server";

let server: RunningServer;
let browser: Browser;
let chairCookie: string;

function query<T>(sql: string, ...params: unknown[]): T[] {
  const db = new Database(server.databasePath, { readonly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

async function post(meetingId: number, fields: Record<string, string>): Promise<void> {
  const response = await fetch(`${server.url}/moten/${meetingId}`, {
    method: "POST",
    body: new URLSearchParams(fields),
    headers: { Origin: server.url, Cookie: chairCookie },
  });
  expect(response.status).toBe(200);
}

/** A new meeting of the styrgrupp with the ärenden given, made as the chair makes them. */
async function newMeeting(date: string, items: { title: string; kind: "information" | "diskussion" | "beslut" }[]): Promise<number> {
  const response = await fetch(`${server.url}/grupper/${styrgruppMinutes(server).groupId}`, {
    method: "POST",
    body: new URLSearchParams({ title: "Styrgruppsmöte", date, startTime: "09:00", endTime: "10:00", location: "Bredängen", videoLink: "" }),
    headers: { Origin: server.url, Cookie: chairCookie },
    redirect: "manual",
  });
  const meetingId = Number(response.headers.get("location")!.split("/").pop());
  for (const item of items) await post(meetingId, { intent: "add-item", ...item, presenterId: "" });
  return meetingId;
}

/** The chair on a meeting page, hydrated (the "Visa alla ärenden" button needs JavaScript and comes with it). */
async function openAsChair(meetingId: number): Promise<{ page: Page; errors: string[]; sockets: WebSocket[] }> {
  const { page, errors } = await newPage(browser);
  const sockets: WebSocket[] = [];
  page.on("websocket", (socket) => sockets.push(socket));
  await logIn(page, server.url, "sdd.skarholmen@example.se");
  await page.goto(`${server.url}/moten/${meetingId}`);
  await page.getByRole("button", { name: "Visa alla ärenden" }).waitFor();
  return { page, errors, sockets };
}

const isFocused = (locator: Locator) => locator.evaluate((el) => el === document.activeElement);
const isOpen = (item: Locator) => item.locator(".agenda-item__disclosure").evaluate((el) => (el as HTMLDetailsElement).open);
const focusIsOnBody = (page: Page) => page.evaluate(() => document.activeElement === document.body || document.activeElement === null);

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  chairCookie = await sessionCookie(server, "sdd.skarholmen@example.se");
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("the meeting page in the secretary's order", () => {
  it("shows facts and run buttons, then kallelse, justerare, närvaro, dagordning, uppdrag, anteckningar and justering", async () => {
    const meetingId = await newMeeting("2026-12-15", [{ title: "Lägesbild december", kind: "information" }]);
    const justerare = query<{ id: number; name: string }>("select id, name from people where email = 'lpo.skarholmen@example.se'")[0];
    await post(meetingId, { intent: "justerare", justerare: String(justerare.id) });
    const { page, errors } = await openAsChair(meetingId);

    const headings = await page.locator("main h2[id]").evaluateAll((els) => els.map((el) => el.id));
    const sections = [
      "kallelse",
      "justerare",
      "narvaro",
      "dagordning",
      ...(headings.includes("uppfoljning") ? ["uppfoljning"] : []),
      "uppdrag",
      "anteckningar",
      "justering",
    ];
    expect(headings.filter((id) => sections.includes(id))).toEqual(sections);
    // Before the sections: the facts, the run buttons, then the contents.
    const order = await page.evaluate(() =>
      ["[data-meeting-status]", ".meeting-controls", "nav.toc", "#kallelse"].map((selector) => {
        const all = [...document.querySelectorAll("main *")];
        return all.indexOf(document.querySelector(selector)!);
      }),
    );
    expect(order.every((index, i) => index > 0 && (i === 0 || index > order[i - 1]))).toBe(true);
    expect(await page.locator(".meeting-controls").getByRole("button", { name: "Starta mötet" }).count()).toBe(1);
    // The kallelse: its live text and its PDF and handlingar.
    const kallelse = page.locator("section", { has: page.locator("h2#kallelse") });
    expect(await kallelse.locator(`[data-collab-doc="meeting-${meetingId}-agenda"]`).count()).toBe(1);
    expect(await kallelse.getByRole("link", { name: "Kallelse (PDF)" }).getAttribute("href")).toBe(`/moten/${meetingId}/kallelse.pdf`);
    // The chosen justerare, near the top, where the chair chooses them.
    const chosen = page.locator("section", { has: page.locator("h2#justerare") });
    expect(await chosen.getByRole("listitem").allTextContents()).toContain(`Justerare: ${justerare.name}`);
    expect(await chosen.getByRole("button", { name: "Spara justerare" }).count()).toBe(1);

    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("the contents jump to a section and to an ärende, focusing its heading and opening it when collapsed; ärenden open and close by keyboard", async () => {
    const titles = ["Trygghetsvandring i Vårberg", "Belysning vid torget", "Ordningsvakter i centrum"];
    const meetingId = await newMeeting(
      "2026-12-16",
      titles.map((title) => ({ title, kind: "beslut" as const })),
    );
    const { page, errors } = await openAsChair(meetingId);
    const toc = page.getByRole("navigation", { name: "Innehåll" });
    const item = (title: string) => page.locator(`[data-agenda-item="${title}"]`);
    // The meeting may begin with the group's standard agenda: the ärenden's numbers are their places on the whole agenda.
    const agenda = query<{ id: number; title: string }>("select id, title from agenda_items where meeting_id = ? order by position", meetingId);
    const numbered = (title: string) => `${agenda.findIndex((row) => row.title === title) + 1}. ${title}`;
    const headingOf = (title: string) => page.locator(`#arende-${agenda.find((row) => row.title === title)!.id}`);
    // Inside an ärende, each of its parts under a heading of its own.
    expect(await item(titles[0]).locator("h4").allTextContents()).toEqual(["Anteckningar", "Handlingar", "Förslag till beslut"]);

    // Open while planned: the secretary types in them. The summary says number, title, kind and decision.
    for (const title of titles) expect(await isOpen(item(title))).toBe(true);
    const summary = item(titles[1]).locator(".agenda-item__summary");
    expect((await summary.textContent())?.replace(/\s+/g, " ")).toBe(`${numbered(titles[1])} Beslut Inget beslut fattat`);

    // By keyboard: Enter on the summary closes the ärende, Space opens it again.
    await summary.focus();
    await page.keyboard.press("Enter");
    expect(await isOpen(item(titles[1]))).toBe(false);
    expect(
      await item(titles[1])
        .getByRole("button", { name: /^Flytta ned/ })
        .isVisible(),
    ).toBe(false);
    await page.keyboard.press("Space");
    expect(await isOpen(item(titles[1]))).toBe(true);
    await page.keyboard.press("Enter");
    expect(await isOpen(item(titles[1]))).toBe(false);

    // The contents list every ärende by its number and title; its link opens the collapsed one and focuses its heading.
    expect(await toc.getByRole("link").allTextContents()).toEqual(expect.arrayContaining(agenda.map((row) => numbered(row.title))));
    await toc.getByRole("link", { name: numbered(titles[1]) }).focus();
    await page.keyboard.press("Enter");
    const heading = headingOf(titles[1]);
    await expect.poll(() => isFocused(heading)).toBe(true);
    expect(await isOpen(item(titles[1]))).toBe(true);
    expect(new URL(page.url()).hash).toBe(`#${await heading.getAttribute("id")}`);
    expect(await heading.isVisible()).toBe(true);

    // A section's link focuses its heading.
    await toc.getByRole("link", { name: "Närvaro" }).click();
    await expect.poll(() => isFocused(page.locator("h2#narvaro"))).toBe(true);

    // Dölj alla and Visa alla.
    await page.getByRole("button", { name: "Dölj alla ärenden" }).click();
    for (const title of titles) expect(await isOpen(item(title))).toBe(false);
    await page.getByRole("button", { name: "Visa alla ärenden" }).click();
    for (const title of titles) expect(await isOpen(item(title))).toBe(true);

    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("after a move, focus goes to the button pressed also when its ärende was collapsed meanwhile, never to the body", async () => {
    const titles = ["Första ärendet", "Andra ärendet"];
    const meetingId = await newMeeting(
      "2026-12-17",
      titles.map((title) => ({ title, kind: "information" as const })),
    );
    const { page, errors } = await openAsChair(meetingId);
    // A slow link: the answer reaches the page 400 ms after the server has it, time enough to collapse the ärenden.
    await page.route(/\/moten\/\d+(\.data)?(\?.*)?$/, async (route) => {
      if (route.request().method() !== "POST") return route.continue();
      const response = await route.fetch();
      await new Promise((resolve) => setTimeout(resolve, 400));
      await route.fulfill({ response });
    });
    // The last but one ärende (the standard agenda's "Övriga frågor"): moved down it is last.
    const agenda = query<{ id: number; title: string }>("select id, title from agenda_items where meeting_id = ? order by position", meetingId);
    const { id: itemId, title } = agenda[agenda.length - 2]!;
    await page
      .locator(`[data-agenda-item="${title}"]`)
      .getByRole("button", { name: `Flytta ned ${title}` })
      .click();
    await page.getByRole("button", { name: "Dölj alla ärenden" }).click();
    await page.locator(".meeting-result").getByText("Dagordningen är ändrad.").waitFor();
    // Moved to the end, "Flytta ned" is disabled: focus on its "Flytta upp", in the ärende opened again.
    const up = page.locator(`#arende-${itemId}-flytta-upp`);
    await expect.poll(() => isFocused(up)).toBe(true);
    expect(await isOpen(page.locator(`[data-agenda-item="${title}"]`))).toBe(true);
    expect(await focusIsOnBody(page)).toBe(false);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("a refusal of Fatta beslut shows and is focused only in the ärende it was pressed in", async () => {
    const titles = ["Kameraövervakning vid torget", "Fältassistenter på kvällstid"];
    const meetingId = await newMeeting(
      "2026-12-18",
      titles.map((title) => ({ title, kind: "beslut" as const })),
    );
    await post(meetingId, { intent: "status", to: "pagar", confirm: "ja" });
    const { page, errors } = await openAsChair(meetingId);
    const [first, second] = titles.map((title) => page.locator(`[data-agenda-item="${title}"]`));
    await second.locator('[data-collab-editable="true"]').first().waitFor();

    // The proposal is empty: the server refuses, said in that ärende only, announced and focused.
    await second.getByRole("button", { name: `Fatta beslut om ${titles[1]}` }).click();
    const refusal = second.getByRole("alert").filter({ hasText: "Skriv beslutstexten innan beslutet fattas." });
    await refusal.waitFor();
    await expect.poll(() => isFocused(refusal)).toBe(true);
    expect(await page.getByText("Skriv beslutstexten innan beslutet fattas.").count()).toBe(1);
    expect(await first.getByRole("alert").count()).toBe(0);

    // The ärende's box says whose decision it is: its label shows "Beslutstyp", and is read out with the title.
    expect(await second.locator("label", { hasText: `Beslutstyp för ${titles[1]}` }).evaluate((label) => label.firstChild?.textContent)).toBe("Beslutstyp");
    // A decision type the server does not know (a form changed by hand): the message next to that ärende's field, which has focus.
    await second.getByLabel(`Beslutstyp för ${titles[1]}`).evaluate((select) => ((select as HTMLSelectElement).options[0].value = "okand"));
    await second.getByLabel(`Beslutstyp för ${titles[1]}`).selectOption({ index: 0 });
    await second.getByRole("button", { name: `Fatta beslut om ${titles[1]}` }).click();
    await second.getByText("Välj beslutstyp.").waitFor();
    await expect.poll(() => isFocused(second.getByLabel(`Beslutstyp för ${titles[1]}`))).toBe(true);
    expect(await page.getByText("Välj beslutstyp.").count()).toBe(1);
    expect(await first.locator('[aria-invalid="true"]').count()).toBe(0);

    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("prints without navigation, buttons or form fields (attendance as text), black on white, with every ärende open", async () => {
    const titles = ["Utskrivet ärende", "Ett till utskrivet ärende"];
    const meetingId = await newMeeting(
      "2026-12-21",
      titles.map((title) => ({ title, kind: "beslut" as const })),
    );
    await post(meetingId, { intent: "mark-all-present" });
    const { page, errors } = await openAsChair(meetingId);
    await page.getByRole("button", { name: "Dölj alla ärenden" }).click();
    const body = page.locator(`[data-agenda-item="${titles[0]}"] .agenda-item__body`);
    expect(await body.isVisible()).toBe(false);

    await page.emulateMedia({ media: "print" });
    expect(await body.isVisible()).toBe(true);
    expect(await page.locator(`[data-agenda-item="${titles[1]}"] [data-collab-doc$="-notes"]`).isVisible()).toBe(true);
    const visible = (selector: string) =>
      page.locator(selector).evaluateAll((els) => els.filter((el) => (el as HTMLElement).offsetParent !== null || el.getClientRects().length > 0).length);
    for (const selector of [
      "button",
      "input",
      "select",
      "textarea",
      "form:not(.attendance-list-form)",
      "nav",
      ".live-editor__statusbar",
      ".live-editor__toolbar",
    ]) {
      expect(await visible(selector), selector).toBe(0);
    }
    // The chair's attendance list is a form: what is saved prints as text in place of its fields.
    expect(await page.locator('[data-attendance="Sara Lindqvist"] .print-only').isVisible()).toBe(true);
    expect(await page.locator('[data-attendance="Sara Lindqvist"] .print-only').textContent()).toBe("Närvarande");
    expect(await page.getByRole("region", { name: "Demodata" }).isVisible()).toBe(true);
    expect(await page.locator("h1").evaluate((el) => getComputedStyle(el).color)).toBe("rgb(0, 0, 0)");
    expect(
      await page
        .locator("[data-agenda-item] .agenda-item__summary")
        .first()
        .evaluate((el) => getComputedStyle(el).breakAfter),
    ).toBe("avoid");

    await page.emulateMedia({ media: "screen" });
    expect(await body.isVisible()).toBe(false);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

describe("a meeting whose texts no longer change", () => {
  it("justerat: every text as plain paragraphs, no editor, no Ansluten, no WebSocket; ärenden collapsed; accessible; prints them open", async () => {
    const { groupId } = styrgruppMinutes(server);
    const meetingId = query<{ id: number }>("select id from meetings where status = 'justerat' and group_id = ? order by starts_at desc limit 1", groupId)[0]
      .id;
    const { page, errors, sockets } = await openAsChair(meetingId);
    // Time for anything that would connect after hydration.
    await page.waitForTimeout(1000);
    expect(sockets.map((socket) => socket.url())).toEqual([]);
    expect(await page.locator(".live-editor, [contenteditable], [data-collab-doc]").count()).toBe(0);
    expect(await page.getByText("Ansluten").count()).toBe(0);
    expect(await page.getByText("Laddar dokumentet…").count()).toBe(0);

    // The texts as the collaboration server has them, each paragraph a paragraph on the page.
    const reader = connectClient(server, `meeting-${meetingId}-minutes`, chairCookie);
    let minutes: string;
    try {
      await waitForSync(reader);
      minutes = plainText(reader.doc);
    } finally {
      reader.destroy();
    }
    const lines = minutes.split("\n").filter((line) => line.trim() !== "");
    expect(lines.length).toBeGreaterThan(0);
    expect(await page.locator(`[data-document-text="meeting-${meetingId}-minutes"] p`).allTextContents()).toEqual(lines);
    expect(await page.locator(`[data-document-text="meeting-${meetingId}-agenda"]`).count()).toBe(1);

    // Collapsed to their summaries, which say what was decided; the contents open one.
    const items = page.locator("[data-agenda-item]");
    expect(await items.count()).toBeGreaterThan(0);
    for (const item of await items.all()) expect(await isOpen(item)).toBe(false);
    expect(await page.locator("[data-decision-state]").allTextContents()).toContainEqual(expect.stringMatching(/^Beslut fattat, § \d+\/\d{4}$/));
    const firstTitle = (await items.first().getAttribute("data-agenda-item"))!;
    await page
      .getByRole("navigation", { name: "Innehåll" })
      // A justerat meeting's ärenden are listed by their §.
      .getByRole("link", { name: new RegExp(`^§ \\d+/\\d{4} ${firstTitle.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`) })
      .click();
    expect(await isOpen(items.first())).toBe(true);
    await expect.poll(() => isFocused(items.first().locator("h3"))).toBe(true);
    expect(await axeViolations(page)).toEqual([]);

    // Opened with an ärende's address, that collapsed ärende shows, its heading focused.
    const last = items.last();
    const lastHeadingId = (await last.locator("h3").getAttribute("id"))!;
    await page.goto("about:blank");
    await page.goto(`${server.url}/moten/${meetingId}#${lastHeadingId}`);
    await page.getByRole("button", { name: "Visa alla ärenden" }).waitFor();
    expect(await isOpen(last)).toBe(true);
    expect(await isOpen(items.first())).toBe(false);

    await page.emulateMedia({ media: "print" });
    for (const item of await items.all()) expect(await item.locator(".agenda-item__body").isVisible()).toBe(true);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("inställt: the texts as plain text and no WebSocket either", async () => {
    const meetingId = await newMeeting("2026-12-22", [{ title: "Inställt ärende", kind: "information" }]);
    await post(meetingId, { intent: "cancel-meeting", reason: "Ordföranden är sjuk.", confirm: "ja" });
    const { page, errors, sockets } = await openAsChair(meetingId);
    await page.locator("[data-meeting-cancelled]").waitFor();
    await page.waitForTimeout(1000);
    expect(sockets).toEqual([]);
    expect(await page.locator(".live-editor, [contenteditable]").count()).toBe(0);
    expect(await page.locator(`[data-document-text="meeting-${meetingId}-minutes"]`).textContent()).toBe("Inget skrivet.");
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
