/**
 * Issue 14 in Chromium: the chair uploads a handling to an ärende on the meeting page and sees it listed with
 * its evidence; a renamed program is refused next to the file field, which gets focus; axe finds nothing.
 */
import type { Browser } from "playwright-core";
import { axeViolations, launchBrowser, logIn, newPage } from "../support/browser";
import { styrgruppMinutes } from "../support/rights-fixture";
import { queryServerDatabase, startServer, type RunningServer } from "../support/server";
import { sampleExe, samplePdf } from "../support/sample-files";

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("handlingar on the meeting page", () => {
  it("uploads a handling to an ärende and lists it; refuses a renamed program at the file field", async () => {
    const { meetingId } = styrgruppMinutes(server);
    const [item] = queryServerDatabase<{ id: number; title: string }>(
      server,
      "select id, title from agenda_items where meeting_id = ? order by position limit 1",
      meetingId,
    );
    const { page, errors } = await newPage(browser);
    await logIn(page, server.url, "sdd.skarholmen@example.se");
    await page.goto(`${server.url}/moten/${meetingId}`);
    // The upload form is closed under its ärende until asked for.
    const form = page.getByRole("group", { name: `Lägg till handling till ${item!.title}` });
    expect(await form.isVisible()).toBe(false);
    await page.locator("summary", { hasText: `Lägg till handling till ${item!.title}` }).click();
    const handlingar = page.getByRole("region", { name: `Handlingar: ${item!.title}` });

    await form.getByLabel("Fil").setInputFiles({ name: "Underlag trygghetsvandring.pdf", mimeType: "application/pdf", buffer: samplePdf() });
    await form.getByLabel("Rubrik (frivillig)").fill("Underlag från trygghetsvandringen");
    await form.getByRole("button", { name: "Ladda upp" }).click();
    await form.getByRole("status").getByText("Filen Underlag trygghetsvandring.pdf är tillagd.").waitFor();
    const link = handlingar.getByRole("link", { name: "Underlag från trygghetsvandringen" });
    await link.waitFor();
    const [{ id }] = queryServerDatabase<{ id: number }>(server, "select id from stored_files where agenda_item_id = ?", item!.id);
    expect(await link.getAttribute("href")).toBe(`/filer/${id}`);
    await expect(handlingar.textContent()).resolves.toContain("PDF");
    await expect(handlingar.textContent()).resolves.toContain("uppladdad av Sara Lindqvist");

    await form.getByLabel("Fil").setInputFiles({ name: "protokoll.pdf", mimeType: "application/pdf", buffer: sampleExe() });
    await form.getByRole("button", { name: "Ladda upp" }).click();
    const fileInput = form.getByLabel("Fil");
    await form.getByText("Filtypen är inte tillåten").waitFor();
    await expect.poll(() => fileInput.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await fileInput.getAttribute("aria-invalid")).toBe("true");

    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });
});
