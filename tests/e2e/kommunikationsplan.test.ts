/**
 * Issue 16, the kommunikationsplan in Chromium and over HTTP: Skärholmen's plan page (the demo's text and
 * activities), an activity added from the keyboard, the live text shared by two browsers, axe clean; put up
 * on a lokal styrgrupp meeting from the page, fastställd by a §, and the decided version's PDF/A carrying its
 * SHA-256 and the activities. An Östermalm member, a läsare, a logged-out tab and the stock y-websocket
 * client as a läsare change nothing.
 */
import Database from "better-sqlite3";
import type { Browser, Page } from "playwright-core";
import { axeViolations, launchBrowser, logIn, newPage } from "../support/browser";
import { appendParagraph, connectClient, sessionCookie, waitFor, waitForSync } from "../support/collab-client";
import { getPath, postAction, postForm } from "../support/form-posts";
import { readPdf } from "../support/pdf-text";
import { styrgruppMinutes } from "../support/rights-fixture";
import { queryServerDatabase, startServer, type RunningServer } from "../support/server";

let server: RunningServer;
let browser: Browser;
let chairCookie: string;
let planId: number;
const path = "/overenskommelser/skarholmen/kommunikationsplan";
const docName = () => `kommunikationsplan-${planId}`;
const activityCount = () => queryServerDatabase<{ n: number }>(server, "select count(*) as n from communication_activities")[0].n;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  chairCookie = await sessionCookie(server, "sdd.skarholmen@example.se");
  [{ id: planId }] = queryServerDatabase<{ id: number }>(
    server,
    "select c.id from communication_plans c join agreements a on a.id = c.agreement_id where a.slug = 'skarholmen'",
  );
  // The Östermalm police area head, a läsare there, follows Skärholmen's beredningsgrupp as a läsare too.
  const db = new Database(server.databasePath);
  try {
    db.prepare(
      "insert into memberships (group_id, person_id, role, created_at) select g.id, p.id, 'lasare', '2026-01-01T00:00:00Z' from groups g, people p where g.name = 'Lokal beredningsgrupp Skärholmen' and p.email = 'henrik.lindstrom@example.se'",
    ).run();
  } finally {
    db.close();
  }
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const editorContent = (page: Page) => page.locator(`[data-collab-doc="${docName()}"] [data-collab-content]`);

async function openPlan(email: string): Promise<{ page: Page; errors: string[] }> {
  const opened = await newPage(browser);
  await logIn(opened.page, server.url, email);
  await opened.page.goto(`${server.url}${path}`);
  await opened.page.locator(`[data-collab-doc="${docName()}"][data-collab-connection="connected"]`).waitFor();
  await editorContent(opened.page).waitFor();
  return opened;
}

const fields = (what: string) => ({
  intent: "add-activity",
  what,
  audience: "",
  channel: "",
  timing: "",
  plannedOn: "",
  responsibleFunction: "",
  responsiblePersonId: "",
});

describe("the kommunikationsplan page", () => {
  it("shows the demo's plan; an activity is added from the keyboard; the text is shared live by two browsers; axe finds nothing", async () => {
    const writer = await openPlan("linnea.holmberg@example.se");
    const chair = await openPlan("sdd.skarholmen@example.se");
    const { page } = writer;
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Kommunikationsplan Skärholmen");
    expect(await page.locator("[data-activity-row]").count()).toBe(4);
    expect(await editorContent(page).textContent()).toContain("Parterna samordnar sina budskap");
    expect(await axeViolations(page)).toEqual([]);

    // Keyboard only: into "Vad", Tab through the fields, Enter submits.
    const addForm = page.locator("form").filter({ has: page.getByRole("heading", { name: "Lägg till aktivitet" }) });
    await addForm.getByLabel("Vad").focus();
    await page.keyboard.type("Information till skolorna");
    await page.keyboard.press("Tab");
    await page.keyboard.type("Skolledare i stadsdelen");
    await page.keyboard.press("Tab");
    await page.keyboard.type("E-post");
    await page.keyboard.press("Tab");
    await page.keyboard.type("Vecka 10");
    await page.keyboard.press("Enter");
    await page.getByText("Aktiviteten är tillagd.").waitFor();
    const row = page.locator("[data-activity-row]").filter({ hasText: "Information till skolorna" });
    // Remix shows the action's answer while it still reloads the page's data: the row comes a moment later.
    await row.waitFor();
    expect(await row.locator("td").allTextContents()).toEqual(["Skolledare i stadsdelen", "E-post", "Vecka 10", "–", expect.any(String)]);
    expect(await axeViolations(page)).toEqual([]);

    // The live text: written in one browser, read in the other.
    await editorContent(page).click();
    await page.keyboard.press("Control+End");
    await page.keyboard.press("Enter");
    await page.keyboard.type("Budskapen stäms av i beredningsgruppen.");
    await chair.page.waitForFunction(([selector, text]) => document.querySelector(selector)?.textContent?.includes(text) ?? false, [
      `[data-collab-doc="${docName()}"] [data-collab-content]`,
      "Budskapen stäms av i beredningsgruppen.",
    ] as const);
    expect(writer.errors).toEqual([]);
    expect(chair.errors).toEqual([]);
    await page.context().close();
    await chair.page.context().close();
  });

  it("is put up on a lokal styrgrupp meeting, fastställd by a §, and the version's PDF/A carries its SHA-256 and the activities", async () => {
    const { groupId } = styrgruppMinutes(server);
    const created = await fetch(`${server.url}/grupper/${groupId}`, {
      method: "POST",
      body: new URLSearchParams({
        title: "Möte om kommunikationsplanen",
        date: "2026-12-10",
        startTime: "09:00",
        endTime: "10:00",
        location: "Skärholmen",
        videoLink: "",
      }),
      headers: { Origin: server.url, Cookie: chairCookie },
      redirect: "manual",
    });
    const meetingId = Number(created.headers.get("location")!.split("/").pop());
    const { page, errors } = await openPlan("sdd.skarholmen@example.se");
    const panel = page.getByRole("region", { name: "Beslut och överlämnande" });
    await panel.getByLabel("Möte i Lokal styrgrupp Skärholmen").selectOption(String(meetingId));
    await panel.getByRole("button", { name: "Lägg kommunikationsplan för beslut" }).click();
    await panel.getByText("Lagd för beslut: Kommunikationsplan – för beslut 10 december 2026.").waitFor();
    expect(await axeViolations(page)).toEqual([]);

    const started = await postForm(server, `/moten/${meetingId}`, chairCookie, { intent: "status", to: "pagar", confirm: "ja" });
    expect(started.status).toBe(200);
    const title = "Fastställande av kommunikationsplan";
    const [{ id: itemId, version_id: versionId }] = queryServerDatabase<{ id: number; version_id: number }>(
      server,
      "select id, version_id from agenda_items where meeting_id = ? and title = ?",
      meetingId,
      title,
    );
    await page.goto(`${server.url}/moten/${meetingId}`);
    const item = page.locator(`[data-agenda-item="${title}"]`);
    await item.locator(`[data-collab-doc="item-${itemId}-decision"][data-collab-editable="true"]`).waitFor();
    await item.getByRole("button", { name: `Fatta beslut om ${title}` }).click();
    await page
      .locator(".meeting-result")
      .getByText(/Versionen ”Kommunikationsplan – för beslut 10 december 2026” är fastställd och arkiverad som PDF\/A\./)
      .waitFor();
    expect(await item.locator("[data-paragraph]").getByRole("link", { name: "Kommunikationsplan (PDF)" }).getAttribute("href")).toBe(
      `/versioner/${versionId}.pdf`,
    );
    expect(errors).toEqual([]);
    await page.context().close();

    const [version] = queryServerDatabase<{ sha256: string; pdf_sha256: string; kind: string }>(
      server,
      "select sha256, pdf_sha256, kind from document_versions where id = ?",
      versionId,
    );
    expect(version.kind).toBe("faststalld");
    expect(version.pdf_sha256).toMatch(/^[0-9a-f]{64}$/);
    const download = await fetch(`${server.url}/versioner/${versionId}.pdf`, { headers: { Cookie: chairCookie } });
    expect(download.status).toBe(200);
    const { text } = await readPdf(new Uint8Array(await download.arrayBuffer()));
    expect(text).toContain("Kommunikationsplan");
    expect(text).toContain(version.sha256);
    expect(text).toContain("Information till skolorna");
    expect(text).toContain("Medborgardialog om trygghet");
    expect(text).toContain("Budskapen stäms av i beredningsgruppen.");
    // The versions pages: the decided version with its activities; a later version compared with it lists the added activity.
    const versions = `${path}/versioner`;
    const versionPage = await getPath(server, `${versions}/${versionId}`, chairCookie);
    expect(versionPage.status).toBe(200);
    expect(versionPage.body).toContain("Medborgardialog om trygghet");
    expect((await postForm(server, path, chairCookie, fields("Uppföljande information"))).status).toBe(200);
    expect((await postForm(server, versions, chairCookie, { intent: "save-version", label: "Efter beslutet" })).status).toBe(200);
    const [{ id: laterId }] = queryServerDatabase<{ id: number }>(server, "select id from document_versions where label = 'Efter beslutet'");
    const compared = await getPath(server, `${versions}?a=${versionId}&b=${laterId}`, chairCookie);
    expect(compared.status).toBe(200);
    expect(compared.body).toContain("Ändrade aktiviteter");
    expect(compared.body).toContain("Aktivitet ”Uppföljande information”");
    // Listed among the agreement's decided bilagor, by its name.
    expect((await getPath(server, "/overenskommelser/skarholmen", chairCookie)).body).toMatch(
      /Kommunikationsplan(<!-- -->)?, fastställd (<!-- -->)?\d{4}-\d{2}-\d{2}/,
    );
  });
});

describe("who may change it", () => {
  it("answers an Östermalm member with the one 404 and a läsare with 403, and sends a logged-out tab to log in, storing nothing", async () => {
    const before = activityCount();
    const ostermalm = await sessionCookie(server, "cecilia.wahlberg@example.se");
    for (const post of [postForm, postAction]) expect((await post(server, path, ostermalm, fields("Smugglad"))).status).toBe(404);
    expect((await getPath(server, path, ostermalm)).status).toBe(404);
    expect((await getPath(server, `${path}/versioner`, ostermalm)).status).toBe(404);

    const reader = await sessionCookie(server, "henrik.lindstrom@example.se");
    const page = await getPath(server, path, reader);
    expect(page.status).toBe(200);
    expect(page.body).toContain("Du kan läsa kommunikationsplanen men inte ändra den.");
    expect((await postForm(server, path, reader, fields("Smugglad"))).status).toBe(403);

    for (const method of ["GET", "POST"]) {
      const response = await fetch(`${server.url}${path}`, {
        method,
        body: method === "POST" ? new URLSearchParams(fields("Smugglad")) : undefined,
        headers: { Origin: server.url },
        redirect: "manual",
      });
      expect(response.status, method).toBe(302);
      expect(response.headers.get("location")).toBe(`/login?redirectTo=${encodeURIComponent(path)}`);
    }
    expect(activityCount()).toBe(before);
  });

  it("never applies a läsare's edit from the stock y-websocket client", async () => {
    const reader = connectClient(server, docName(), await sessionCookie(server, "henrik.lindstrom@example.se"));
    const editor = connectClient(server, docName(), chairCookie);
    try {
      await Promise.all([waitForSync(reader), waitForSync(editor)]);
      appendParagraph(reader.doc, "Obehörig ändring från en läsare.");
      appendParagraph(editor.doc, "Tillåten ändring efteråt.");
      await waitFor(() => reader.text().includes("Tillåten ändring efteråt."), 10_000, "the läsare receives the editor's change");
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(editor.text()).not.toContain("Obehörig ändring");
      const [{ n }] = queryServerDatabase<{ n: number }>(
        server,
        "select count(*) as n from document_updates u join people p on p.id = u.person_id where p.email = 'henrik.lindstrom@example.se'",
      );
      expect(n).toBe(0);
    } finally {
      reader.destroy();
      editor.destroy();
    }
  });
});
