/**
 * Issue 11, "running a meeting without regrets", in Chromium: a double-clicked
 * or double-Entered "Fatta beslut" gives one §, with focus on it; "Avsluta
 * mötet" and "Justera protokollet" ask first in a dialog that works with the
 * keyboard; a chair reopens an ended meeting; focus after each of these
 * actions; axe on the page with and without the dialog.
 */
import Database from "better-sqlite3";
import type { Browser, Locator, Page } from "playwright-core";
import { axeViolations, launchBrowser, logIn, newPage } from "../support/browser";
import { appendParagraph, connectClient, sessionCookie, waitFor, waitForSync } from "../support/collab-client";
import { styrgruppMinutes } from "../support/rights-fixture";
import { startServer, type RunningServer } from "../support/server";

let server: RunningServer;
let browser: Browser;
let chairCookie: string;
let meetingId: number;

function query<T>(sql: string, ...params: unknown[]): T[] {
  const db = new Database(server.databasePath, { readonly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

async function post(fields: Record<string, string>): Promise<void> {
  const response = await fetch(`${server.url}/moten/${meetingId}`, {
    method: "POST",
    body: new URLSearchParams(fields),
    headers: { Origin: server.url, Cookie: chairCookie },
  });
  expect(response.status).toBe(200);
}

/** A decision ärende with its proposal stored (typed by a stock client, seen by a second one). */
async function decisionItem(title: string, text: string): Promise<number> {
  await post({ intent: "add-item", title, kind: "beslut", presenterId: "" });
  const itemId = query<{ id: number }>("select id from agenda_items where meeting_id = ? and title = ?", meetingId, title)[0].id;
  const writer = connectClient(server, `item-${itemId}-decision`, chairCookie);
  const witness = connectClient(server, `item-${itemId}-decision`, chairCookie);
  try {
    await Promise.all([waitForSync(writer), waitForSync(witness)]);
    appendParagraph(writer.doc, text);
    await waitFor(() => witness.text().includes(text), 10_000, "the proposal stored");
  } finally {
    writer.destroy();
    witness.destroy();
  }
  return itemId;
}

const isFocused = (locator: Locator) => locator.evaluate((el) => el === document.activeElement);
const focusedText = (page: Page) => page.evaluate(() => document.activeElement?.textContent?.trim() ?? "");

/** A new meeting of the styrgrupp, made as the chair makes one on the group page. */
async function newMeeting(date: string): Promise<number> {
  const response = await fetch(`${server.url}/grupper/${styrgruppMinutes(server).groupId}`, {
    method: "POST",
    body: new URLSearchParams({ title: "Extra styrgruppsmöte", date, startTime: "09:00", endTime: "10:00", location: "Bredängen", videoLink: "" }),
    headers: { Origin: server.url, Cookie: chairCookie },
    redirect: "manual",
  });
  return Number(response.headers.get("location")!.split("/").pop());
}

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  chairCookie = await sessionCookie(server, "sdd.skarholmen@example.se");
  meetingId = await newMeeting("2026-12-10");
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("running a meeting without regrets", () => {
  it("one § for a double click and for Enter pressed twice on Fatta beslut, focus on the §, the adopted text in place of the proposal", async () => {
    const clicked = await decisionItem("Trygghetsvandring i Vårberg", "Styrgruppen beslutar att genomföra en trygghetsvandring i Vårberg.");
    const entered = await decisionItem("Belysning vid torget", "Styrgruppen beslutar att förbättra belysningen vid torget.");
    await post({ intent: "status", to: "pagar", confirm: "ja" });

    const { page, errors } = await newPage(browser);
    await logIn(page, server.url, "sdd.skarholmen@example.se");
    const adoptPosts: string[] = [];
    page.on("request", (request) => {
      if (request.method() === "POST" && request.postData()?.includes("intent=adopt")) adoptPosts.push(request.url());
    });
    // A slow link: the server has the post at once, the answer reaches the page 400 ms later, so the second
    // click or Enter comes while the first post is still on its way.
    await page.route(/\/moten\/\d+(\.data)?$/, async (route) => {
      if (route.request().method() !== "POST") return route.continue();
      const response = await route.fetch();
      await new Promise((resolve) => setTimeout(resolve, 400));
      await route.fulfill({ response });
    });
    await page.goto(`${server.url}/moten/${meetingId}`);

    const adopt = async (itemId: number, title: string, press: (button: Locator) => Promise<void>) => {
      const item = page.locator(`[data-agenda-item="${title}"]`);
      // Hydrated: the proposal's live editor is connected and editable.
      await item.locator(`[data-collab-doc="item-${itemId}-decision"][data-collab-editable="true"]`).waitFor();
      await press(item.getByRole("button", { name: `Fatta beslut om ${title}` }));
      await page
        .locator(".meeting-result")
        .getByText(/Beslutet är fattat som § \d+\/\d{4}\./)
        .waitFor();
      const paragraph = item.locator("[data-paragraph]");
      await paragraph.waitFor();
      // A second post, had one gone out, would have answered by now.
      await page.waitForTimeout(500);
      expect(await paragraph.count()).toBe(1);
      expect(query("select id from decisions where agenda_item_id = ?", itemId)).toHaveLength(1);
      await expect.poll(() => isFocused(paragraph)).toBe(true);
      expect(await paragraph.getAttribute("aria-label")).toMatch(/^Beslut § \d+\/\d{4}$/);
      // Adopted: the text is shown read-only where the proposal was, and nothing offers a second decision.
      expect(await item.locator(`[data-collab-doc="item-${itemId}-decision"]`).count()).toBe(0);
      expect(await item.getByRole("button", { name: /Fatta beslut/ }).count()).toBe(0);
      expect(await item.getByRole("heading", { name: "Förslag till beslut" }).count()).toBe(0);
      expect(await page.getByRole("alert").count()).toBe(0);
    };
    // A person's double click: the clicks about 120 ms apart.
    await adopt(clicked, "Trygghetsvandring i Vårberg", (button) => button.dblclick({ delay: 60 }));
    expect(await page.locator('[data-agenda-item="Trygghetsvandring i Vårberg"] .adopted__text').textContent()).toBe(
      "Styrgruppen beslutar att genomföra en trygghetsvandring i Vårberg.",
    );
    await adopt(entered, "Belysning vid torget", async (button) => {
      await button.focus();
      await page.keyboard.press("Enter", { delay: 60 });
      await page.keyboard.press("Enter", { delay: 60 });
    });
    // The page's guard sent one post per ärende; the server would have refused a second one anyway.
    expect(adoptPosts).toHaveLength(2);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("one § when the chair presses Fatta beslut in two tabs at once, and both tabs then show that one §", async () => {
    const title = "Ordningsvakter i centrum";
    const itemId = await decisionItem(title, "Styrgruppen beslutar att ansöka om ordningsvakter i centrum.");
    const tabs = await Promise.all([newPage(browser), newPage(browser)]);
    for (const { page } of tabs) {
      await logIn(page, server.url, "sdd.skarholmen@example.se");
      await page.goto(`${server.url}/moten/${meetingId}`);
      await page.locator(`[data-collab-doc="item-${itemId}-decision"][data-collab-editable="true"]`).waitFor();
    }
    const buttons = tabs.map(({ page }) => page.locator(`[data-agenda-item="${title}"]`).getByRole("button", { name: `Fatta beslut om ${title}` }));
    await Promise.all(buttons.map((button) => button.click()));
    for (const { page } of tabs) await page.locator(`[data-agenda-item="${title}"] [data-paragraph]`).waitFor();
    expect(query("select id from decisions where agenda_item_id = ?", itemId)).toHaveLength(1);
    for (const { page, errors } of tabs) {
      expect(await page.locator(`[data-agenda-item="${title}"] [data-paragraph]`).count()).toBe(1);
      expect(
        await page
          .locator(`[data-agenda-item="${title}"]`)
          .getByRole("button", { name: /Fatta beslut/ })
          .count(),
      ).toBe(0);
      expect(errors).toEqual([]);
      await page.context().close();
    }
  });

  it("Avsluta mötet asks first in a keyboard dialog; the chair reopens the meeting; Justera protokollet asks first; focus follows each step", async () => {
    const justerare = query<{ id: number }>("select id from people where email = 'lpo.skarholmen@example.se'")[0].id;
    await post({ intent: "justerare", justerare: String(justerare) });
    const { page, errors } = await newPage(browser);
    await logIn(page, server.url, "sdd.skarholmen@example.se");
    await page.goto(`${server.url}/moten/${meetingId}`);
    await page.locator('[data-collab-editable="true"]').first().waitFor();
    const status = page.locator("[data-meeting-status]");
    const endButton = page.getByRole("button", { name: "Avsluta mötet" });
    const dialog = page.getByRole("dialog", { name: "Avsluta mötet?" });

    // Asked, with what will happen; Escape goes back without ending, focus back on the button.
    await endButton.click();
    await dialog.waitFor();
    expect(await dialog.getAttribute("aria-describedby")).toBeTruthy();
    expect(await dialog.textContent()).toContain("Därefter kan inga fler beslut fattas, och protokollet kan justeras");
    expect(await isFocused(dialog.getByRole("button", { name: "Avbryt" }))).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "hidden" });
    expect(await isFocused(endButton)).toBe(true);
    expect(await status.getAttribute("data-meeting-status")).toBe("pagar");

    // With the keyboard only: Enter opens, Tab to the confirming button, Enter ends the meeting.
    await page.keyboard.press("Enter");
    await dialog.waitFor();
    await page.keyboard.press("Shift+Tab");
    expect(await focusedText(page)).toBe("Ja, avsluta mötet");
    await page.keyboard.press("Enter");
    await page.locator('[data-meeting-status="avslutat"]').waitFor();
    const message = page.locator(".meeting-result .notice");
    await message.getByText("Mötet är avslutat.").waitFor();
    // The button pressed is gone: focus is on the message saying what happened.
    await expect.poll(() => isFocused(message)).toBe(true);

    // The chair reopens it: audited, and focus again on the message.
    await page.getByRole("button", { name: "Återöppna mötet" }).click();
    await message.getByText("Mötet är återöppnat och pågår igen.").waitFor();
    await page.locator('[data-meeting-status="pagar"]').waitFor();
    await expect.poll(() => isFocused(message)).toBe(true);
    expect(query("select id from audit_log where action = 'meeting.reopened' and subject = ?", `meeting:${meetingId}`)).toHaveLength(1);
    expect(await axeViolations(page)).toEqual([]);

    // Ended again, the chair's justering is asked first, saying what it does.
    await endButton.click();
    await dialog.getByRole("button", { name: "Ja, avsluta mötet" }).click();
    await page.locator('[data-meeting-status="avslutat"]').waitFor();
    await page.getByRole("button", { name: "Justera protokollet" }).click();
    const approve = page.getByRole("dialog", { name: "Justera protokollet?" });
    await approve.waitFor();
    expect(await approve.textContent()).toContain("När alla har justerat låses protokollet och kan inte ändras.");
    expect(await axeViolations(page)).toEqual([]);
    await approve.getByRole("button", { name: "Avbryt" }).click();
    expect(await isFocused(page.getByRole("button", { name: "Justera protokollet" }))).toBe(true);
    expect(query("select id from minutes_approvers where meeting_id = ? and approved_at is not null", meetingId)).toHaveLength(0);
    await page.getByRole("button", { name: "Justera protokollet" }).click();
    await approve.getByRole("button", { name: "Ja, justera protokollet" }).click();
    await message.getByText("Ditt godkännande är registrerat.").waitFor();
    await expect.poll(() => isFocused(message)).toBe(true);
    // Someone has approved: reopening is no longer offered.
    expect(await page.getByRole("button", { name: "Återöppna mötet" }).count()).toBe(0);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("without JavaScript, Avsluta mötet asks the same question on the page that comes back, and ends the meeting when confirmed", async () => {
    meetingId = await newMeeting("2026-12-11");
    await post({ intent: "status", to: "pagar", confirm: "ja" });
    const context = await browser.newContext({ locale: "sv-SE", javaScriptEnabled: false });
    const [name, value] = chairCookie.split(/=(.*)/s);
    await context.addCookies([{ name, value, url: server.url }]);
    const page = await context.newPage();
    await page.goto(`${server.url}/moten/${meetingId}`);
    await page.getByRole("button", { name: "Avsluta mötet" }).click();
    const question = page.getByRole("group", { name: "Avsluta mötet?" });
    await question.waitFor();
    expect(await question.textContent()).toContain(
      "Ärenden utan § får sina nu, och bordlagda ärenden förs till nästa möte. Därefter kan inga fler beslut fattas",
    );
    expect(query<{ status: string }>("select status from meetings where id = ?", meetingId)[0].status).toBe("pagar");
    await question.getByRole("button", { name: "Ja, avsluta mötet" }).click();
    await page.locator('[data-meeting-status="avslutat"]').waitFor();
    await page.getByText("Mötet är avslutat.").waitFor();
    await context.close();
  });
});
