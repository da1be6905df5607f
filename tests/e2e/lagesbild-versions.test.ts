/**
 * Versions of a lägesbild in Chromium: text written in a section (by a stock y-websocket client, as
 * the page's editors would), version A saved, a word deleted and another added, version B saved;
 * comparing A with B marks exactly those words with <del> and <ins>. axe on the versions page, the
 * comparison and a version's page (with and without "vem skrev vad"); the pages reflow at 320 px.
 */
import type { Browser, Page } from "playwright-core";
import * as Y from "yjs";
import { axeViolations, launchBrowser, logIn, newPage } from "../support/browser";
import { appendParagraph, connectClient, sessionCookie, waitFor, waitForSync, type Client } from "../support/collab-client";
import { queryServerDatabase, startServer, type RunningServer } from "../support/server";
import { chooseVersions, saveVersion } from "../support/versions";

let server: RunningServer;
let browser: Browser;
let page: Page;
let writer: Client;
let witness: Client;
const versionsUrl = () => `${server.url}/overenskommelser/skarholmen/lagesbild/2025/versioner`;

const query = <T>(sql: string, ...params: unknown[]) => queryServerDatabase<T>(server, sql, ...params);

/** The first text node of the section's first paragraph, edited as a person typing would. */
function firstText(doc: Y.Doc): Y.XmlText {
  return (doc.getXmlFragment("default").get(0) as Y.XmlElement).get(0) as Y.XmlText;
}

/** Whether the page fits 320 CSS pixels without scrolling sideways (WCAG 1.4.10); tables scroll by themselves. */
async function reflows(): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);
}

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  const cookie = await sessionCookie(server, "sdd.skarholmen@example.se");
  // Opening the versions page creates the year's lägesbild and its sections.
  expect((await fetch(versionsUrl(), { headers: { Cookie: cookie } })).status).toBe(200);
  const [section] = query<{ id: number }>(
    "select s.id from situation_sections s join situation_pictures p on p.id = s.picture_id join agreements a on a.id = p.agreement_id where a.slug = 'skarholmen' and p.year = 2025 order by s.position",
  );
  writer = connectClient(server, `avsnitt-${section.id}`, cookie);
  witness = connectClient(server, `avsnitt-${section.id}`, cookie);
  await Promise.all([waitForSync(writer), waitForSync(witness)]);
  ({ page } = await newPage(browser));
  await logIn(page, server.url, "sdd.skarholmen@example.se");
});
afterAll(async () => {
  writer?.destroy();
  witness?.destroy();
  await browser?.close();
  await server?.stop();
});

describe("versions of a lägesbild", () => {
  it("compares version A with version B: one deleted and one added word, marked <del> and <ins>", async () => {
    appendParagraph(writer.doc, "Tryggheten i centrum har ökat tydligt under året.");
    await waitFor(() => witness.text() === "Tryggheten i centrum har ökat tydligt under året.", 10_000, "the text stored");
    await page.goto(versionsUrl());
    expect(await axeViolations(page)).toEqual([]);
    await saveVersion(page, "Version A");

    const text = firstText(writer.doc);
    writer.doc.transact(() => {
      const original = text.toString();
      text.delete(original.indexOf(" tydligt"), " tydligt".length);
      text.insert(text.toString().indexOf("året"), "hela ");
    });
    await waitFor(() => witness.text() === "Tryggheten i centrum har ökat under hela året.", 10_000, "the edit stored");
    await saveVersion(page, "Version B");

    const rows = page.getByRole("table").getByRole("row");
    await expect.poll(() => rows.count()).toBe(3);
    expect(await rows.nth(1).textContent()).toMatch(/Version B.*Namngiven version.*Sara Lindqvist.*\d{1,2} [a-zåäö]+ 2026 kl\. \d\d\.\d\d.*[0-9a-f]{12}/);

    // A plain GET form: choose in the two selects, Tab to "Jämför" and press Enter.
    await chooseVersions(page, "Version A", "Version B");
    await page.getByLabel("Nyare version").focus();
    await page.keyboard.press("Tab");
    await Promise.all([page.waitForURL(/a=\d+&b=\d+/), page.keyboard.press("Enter")]);
    await page.getByRole("heading", { name: "Jämförelse" }).waitFor();

    const marked = (tag: "ins" | "del") =>
      page.locator(`.compare__part ${tag}`).evaluateAll((els) => els.map((el) => (el.textContent ?? "").replace(/^(Tillagt|Borttaget): /, "").trim()));
    expect(await marked("del")).toEqual(["tydligt"]);
    expect(await marked("ins")).toEqual(["hela"]);
    expect(await page.locator(".compare__part del .visually-hidden").textContent()).toBe("Borttaget: ");
    expect(await axeViolations(page)).toEqual([]);

    await page.setViewportSize({ width: 320, height: 800 });
    expect(await reflows()).toBe(true);
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it("shows a version and who wrote what in it, accessibly", async () => {
    await page.goto(versionsUrl());
    await Promise.all([page.waitForURL(/versioner\/\d+$/), page.getByRole("link", { name: "Version A" }).click()]);
    await page.getByRole("heading", { level: 1, name: "Version A" }).waitFor();
    expect(await page.getByText("Tryggheten i centrum har ökat tydligt under året.").count()).toBe(1);
    expect(await page.getByRole("button", { name: "Återställ den här versionen" }).count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole("link", { name: "Visa vem som skrev vad" }).click();
    await page.locator(".authorship__run").first().waitFor();
    expect(await page.locator(".authorship__run").first().getAttribute("title")).toBe("Sara Lindqvist");
    expect(await page.locator(".authorship__legend li").allTextContents()).toEqual([expect.stringContaining("Sara Lindqvist")]);
    expect(await axeViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 320, height: 800 });
    expect(await reflows()).toBe(true);
    await page.setViewportSize({ width: 1280, height: 800 });
  });
});
