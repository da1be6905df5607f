import type { Browser, Page } from "playwright-core";
import * as Y from "yjs";
import { axeViolations, launchBrowser, logIn, newPage } from "../support/browser";
import { connectClient, sessionCookie, thisYear, waitForSync } from "../support/collab-client";
import { postAdminPersonChange, styrgruppMinutes } from "../support/rights-fixture";
import { startServer, type RunningServer } from "../support/server";

let server: RunningServer;
let browser: Browser;
let meetingPath: string;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  const { page } = await newPage(browser);
  await logIn(page, server.url, "sdd.skarholmen@example.se");
  await page.getByRole("link", { name: "Lokal styrgrupp Skärholmen" }).click();
  await page.getByRole("heading", { name: "Kommande möten" }).waitFor();
  meetingPath = new URL((await page.locator('a[href^="/moten/"]').first().getAttribute("href"))!, server.url).pathname;
  await page.context().close();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const minutesName = () => `meeting-${meetingPath.split("/").pop()}-minutes`;

function editorContent(page: Page, documentName: string) {
  return page.locator(`[data-collab-doc="${documentName}"] [data-collab-content]`);
}

async function openMinutes(email: string): Promise<Page> {
  const { page, errors } = await newPage(browser);
  await logIn(page, server.url, email);
  await page.goto(`${server.url}${meetingPath}`);
  await page.locator(`[data-collab-doc="${minutesName()}"][data-collab-connection="connected"]`).waitFor();
  await editorContent(page, minutesName()).waitFor();
  expect(errors).toEqual([]);
  return page;
}

async function typeAtEnd(page: Page, text: string) {
  const content = editorContent(page, minutesName());
  await content.click();
  await page.keyboard.press("Control+End");
  await page.keyboard.press("Enter");
  await page.keyboard.type(text);
}

describe("co-editing in the browser", () => {
  it("two people co-edit the minutes: each sees the other's text and named caret", async () => {
    const chair = await openMinutes("sdd.skarholmen@example.se");
    // Alone in the document: no list of who is in it (it would name only me); the keyboard hint shows only
    // while one works in the document.
    const minutes = chair.locator(`[data-collab-doc="${minutesName()}"]`);
    const hint = minutes.locator(".live-editor__hint");
    expect(await minutes.locator("[data-collab-presence]").count()).toBe(0);
    expect(await hint.isVisible()).toBe(false);
    // Its place under the editor's surface: the same hidden and shown.
    const hintPlace = () =>
      hint.evaluate((el) => {
        const surface = el.closest("[data-collab-doc]")!.querySelector(".live-editor__surface")!.getBoundingClientRect();
        const box = el.getBoundingClientRect();
        return [box.top - surface.bottom, box.height];
      });
    const hiddenPlace = await hintPlace();
    // The space above and below the editor's surface in its document's box: someone joining must change
    // neither (nothing above the text or below it, such as the buttons under a decision's text, moves).
    const surfaceOffset = () =>
      minutes.evaluate((doc) => {
        const surface = doc.querySelector(".live-editor__surface")!.getBoundingClientRect();
        const box = doc.getBoundingClientRect();
        return [surface.top - box.top, box.bottom - surface.bottom];
      });
    const offsetAlone = await surfaceOffset();
    const member = await openMinutes("lpo.skarholmen@example.se");
    await typeAtEnd(chair, "Ordföranden hälsade välkommen.");
    expect(await hint.isVisible()).toBe(true);
    // It kept its place while hidden: showing it moved nothing below the editor.
    expect(await hintPlace()).toEqual(hiddenPlace);
    await typeAtEnd(member, "Polisen redovisade läget i centrum.");
    for (const page of [chair, member]) {
      const content = editorContent(page, minutesName());
      await expectEventually(
        async () => (await content.textContent()) ?? "",
        (t) => t.includes("Ordföranden hälsade välkommen.") && t.includes("Polisen redovisade läget i centrum."),
      );
    }
    await expectEventually(
      () => chair.locator(".collaboration-carets__label").allTextContents(),
      (labels) => labels.includes("Johan Bergström"),
    );
    await expectEventually(
      () => member.locator(".collaboration-carets__label").allTextContents(),
      (labels) => labels.includes("Sara Lindqvist"),
    );
    await expectEventually(
      () => chair.locator(`[data-collab-doc="${minutesName()}"] .live-editor__statusbar [data-collab-user]`).allTextContents(),
      (names) => names.some((n) => n.includes("Johan Bergström")),
    );
    // The list came on the status line: neither the text nor what is below it moved under the chair's pointer.
    expect(await surfaceOffset()).toEqual(offsetAlone);
    expect(await axeViolations(chair)).toEqual([]);
    await chair.context().close();
    await member.context().close();
  });

  it("undo takes back only my own changes, not the other person's", async () => {
    const chair = await openMinutes("sdd.skarholmen@example.se");
    const member = await openMinutes("lpo.skarholmen@example.se");
    await typeAtEnd(chair, "Ordförandens mening som ska ångras.");
    await expectEventually(
      async () => (await editorContent(member, minutesName()).textContent()) ?? "",
      (t) => t.includes("som ska ångras"),
    );
    await typeAtEnd(member, "Ledamotens mening som ska stå kvar.");
    await expectEventually(
      async () => (await editorContent(chair, minutesName()).textContent()) ?? "",
      (t) => t.includes("ska stå kvar"),
    );
    await editorContent(chair, minutesName()).click();
    for (let i = 0; i < 3; i++) await chair.keyboard.press("Control+z");
    for (const page of [chair, member]) {
      await expectEventually(
        async () => (await editorContent(page, minutesName()).textContent()) ?? "",
        (t) => !t.includes("som ska ångras") && t.includes("Ledamotens mening som ska stå kvar."),
      );
    }
    await chair.context().close();
    await member.context().close();
  });

  it("keeps editing while the server is down, merges on reconnect, asks before closing, and stores no document content in the browser", async () => {
    const writer = await openMinutes("sdd.skarholmen@example.se");
    const reader = await openMinutes("lpo.skarholmen@example.se");
    const port = server.port;
    const databasePath = server.databasePath;
    await server.stop();
    await writer.locator(`[data-collab-doc="${minutesName()}"][data-collab-connection="offline"]`).waitFor();
    expect(await writer.getByText("Offline – dina ändringar skickas när anslutningen är tillbaka").count()).toBeGreaterThan(0);
    await typeAtEnd(writer, "Skrivet medan servern var nere.");

    // Unsynced edits: closing the page asks first.
    let asked = false;
    writer.once("dialog", async (dialog) => {
      asked = dialog.type() === "beforeunload";
      await dialog.dismiss();
    });
    await writer.close({ runBeforeUnload: true });
    await expectEventually(
      async () => asked,
      (a) => a,
    );
    expect(writer.isClosed()).toBe(false);

    server = await startServer({ DATABASE_PATH: databasePath, PORT: String(port) });
    await writer.locator(`[data-collab-doc="${minutesName()}"][data-collab-connection="connected"]`).waitFor({ timeout: 20_000 });
    await expectEventually(
      async () => (await editorContent(reader, minutesName()).textContent()) ?? "",
      (t) => t.includes("Skrivet medan servern var nere."),
      20_000,
    );

    const stored = await writer.evaluate(async () => ({
      local: Object.keys(localStorage),
      session: Object.keys(sessionStorage),
      indexedDb: (await indexedDB.databases()).map((d) => d.name),
    }));
    expect(stored.local.concat(stored.session).join(" ")).not.toMatch(/Skrivet|y-|yjs|meeting/i);
    expect(stored.indexedDb).toEqual([]);
    await writer.context().close();
    await reader.context().close();
  });

  it("keeps text written offline on the page, with a warning, when the server refuses it on reconnecting", async () => {
    const own = await startServer();
    try {
      const { meetingId, minutes, membership } = styrgruppMinutes(own);
      const { page } = await newPage(browser);
      await logIn(page, own.url, "lpo.skarholmen@example.se");
      await page.goto(`${own.url}/moten/${meetingId}`);
      await page.locator(`[data-collab-doc="${minutes}"][data-collab-connection="connected"]`).waitFor();

      await page.context().setOffline(true);
      await page.locator(`[data-collab-doc="${minutes}"][data-collab-connection="offline"]`).waitFor();
      await editorContent(page, minutes).click();
      await page.keyboard.press("Control+End");
      await page.keyboard.press("Enter");
      await page.keyboard.type("Skrivet offline innan medlemskapet togs bort.");
      // Meanwhile an administrator removes the writer from the group.
      const admin = await sessionCookie(own, "admin@example.se");
      const removed = await postAdminPersonChange(own, admin, membership.personId, { intent: "remove-membership", membershipId: String(membership.id) });
      expect(removed.status).toBe(200);

      await page.context().setOffline(false);
      // Refused when reconnecting: the same answer as for a document that does not exist (4404).
      const alert = page.locator(`[data-collab-doc="${minutes}"] [data-collab-alert="4404"]`);
      await alert.locator("[data-collab-unsaved]").waitFor({ timeout: 15_000 });
      expect(await alert.textContent()).toContain(
        "Dokumentet finns inte, eller så har du inte behörighet att se det. Det du skrev sedan anslutningen bröts har inte sparats.",
      );
      expect(await editorContent(page, minutes).textContent()).toContain("Skrivet offline innan medlemskapet togs bort.");
      await page.context().close();
    } finally {
      await own.stop();
    }
  });

  it("renders a javascript: link written by a raw Yjs client inert", async () => {
    const raw = connectClient(server, minutesName(), await sessionCookie(server, "linnea.holmberg@example.se"));
    await waitForSync(raw);
    const paragraph = new Y.XmlElement("paragraph");
    const text = new Y.XmlText();
    paragraph.insert(0, [text]);
    text.insert(0, "Klicka här för bilagan", { link: { href: "javascript:window.__pwned=1", target: "_self" } });
    const fragment = raw.doc.getXmlFragment("default");
    fragment.insert(fragment.length, [paragraph]);

    const page = await openMinutes("sdd.skarholmen@example.se");
    const link = editorContent(page, minutesName()).getByText("Klicka här för bilagan");
    await link.waitFor();
    const hrefs = await editorContent(page, minutesName())
      .locator("a")
      .evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""));
    expect(hrefs.some((href) => /javascript:/i.test(href))).toBe(false);
    await link.click({ modifiers: ["Control"] });
    await link.click();
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    raw.destroy();
    await page.context().close();
  });

  it("the lägesbild opens with the template's sections, a section editable for the styrgrupp, and passes axe", async () => {
    const { page, errors } = await newPage(browser);
    await logIn(page, server.url, "lpo.skarholmen@example.se");
    await page.goto(`${server.url}/overenskommelser/skarholmen`);
    await page
      .getByRole("link", { name: `Lägesbild ${thisYear}` })
      .first()
      .click();
    await page.getByRole("heading", { level: 3, name: "Geografisk analys" }).waitFor();
    await page.getByRole("heading", { level: 3, name: "Orsaksanalys" }).waitFor();
    const section = page.locator('[data-section-key="geografisk-analys"]');
    await section.getByText("Öppna för redigering").click();
    await section.locator('[data-collab-connection="connected"][data-collab-editable="true"]').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });
});

async function expectEventually<T>(read: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 10_000): Promise<void> {
  const start = Date.now();
  let last: T | undefined;
  while (Date.now() - start < timeoutMs) {
    last = await read();
    if (ok(last)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`condition not met; last value: ${JSON.stringify(last)}`);
}
