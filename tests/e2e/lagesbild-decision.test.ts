/**
 * Issue 13, the lägesbild's lifecycle in Chromium: the chair of Lokal styrgrupp Skärholmen puts the
 * lägesbild 2025 on a styrgrupp meeting from the lägesbild page, runs the meeting and adopts it with a §;
 * the § links its bilaga, the agreement page's Bilagor list the dated version with its PDF/A (the stored
 * bytes, as an attachment), and the live sections stay editable while the decided version does not change.
 * A beredningsgrupp chair is offered no put-up, and a crafted post for a beredningsgrupp meeting is refused.
 */
import Database from "better-sqlite3";
import type { Browser } from "playwright-core";
import { axeViolations, launchBrowser, logIn, newPage } from "../support/browser";
import { appendParagraph, connectClient, sessionCookie, waitFor, waitForSync } from "../support/collab-client";
import { styrgruppMinutes } from "../support/rights-fixture";
import { startServer, type RunningServer } from "../support/server";

let server: RunningServer;
let browser: Browser;
let chairCookie: string;
let meetingId: number;
const lagesbildUrl = () => `${server.url}/overenskommelser/skarholmen/lagesbild/2025`;

function query<T>(sql: string, ...params: unknown[]): T[] {
  const db = new Database(server.databasePath, { readonly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

/** A new meeting of a group, made as its chair makes one on the group page. */
async function newMeeting(cookie: string, groupId: number, date: string): Promise<number> {
  const response = await fetch(`${server.url}/grupper/${groupId}`, {
    method: "POST",
    body: new URLSearchParams({ title: "Möte om lägesbilden", date, startTime: "09:00", endTime: "10:00", location: "Skärholmen", videoLink: "" }),
    headers: { Origin: server.url, Cookie: cookie },
    redirect: "manual",
  });
  return Number(response.headers.get("location")!.split("/").pop());
}

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  chairCookie = await sessionCookie(server, "sdd.skarholmen@example.se");
  meetingId = await newMeeting(chairCookie, styrgruppMinutes(server).groupId, "2026-12-10");
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("the lägesbild decided by the lokal styrgrupp", () => {
  it("is put up from its page, adopted with a §, linked from the § and listed with its PDF under the agreement's Bilagor", async () => {
    const { page, errors } = await newPage(browser);
    await logIn(page, server.url, "sdd.skarholmen@example.se");
    await page.goto(lagesbildUrl());
    const panel = page.getByRole("region", { name: "Beslut och överlämnande" });
    expect(await panel.textContent()).toContain("Status: Utkast");
    expect(await axeViolations(page)).toEqual([]);
    await panel.getByLabel("Möte i Lokal styrgrupp Skärholmen").selectOption(String(meetingId));
    await panel.getByRole("button", { name: "Lägg lägesbild 2025 för beslut" }).click();
    await panel.getByText("Lagd för beslut: Lägesbild 2025 – för beslut 10 december 2026.").waitFor();
    await panel.getByText("Status: För beslut").waitFor();
    expect(await axeViolations(page)).toEqual([]);

    // The meeting: started, then the chair adopts the ärende as proposed.
    const started = await fetch(`${server.url}/moten/${meetingId}`, {
      method: "POST",
      body: new URLSearchParams({ intent: "status", to: "pagar", confirm: "ja" }),
      headers: { Origin: server.url, Cookie: chairCookie },
    });
    expect(started.status).toBe(200);
    const title = "Fastställande av gemensam lokal lägesbild 2025";
    const [{ id: itemId, version_id: versionId }] = query<{ id: number; version_id: number }>(
      "select id, version_id from agenda_items where meeting_id = ? and title = ?",
      meetingId,
      title,
    );
    await page.goto(`${server.url}/moten/${meetingId}`);
    const item = page.locator(`[data-agenda-item="${title}"]`);
    await item.locator(`[data-collab-doc="item-${itemId}-decision"][data-collab-editable="true"]`).waitFor();
    expect(await item.getByRole("link", { name: "Lägesbild 2025 – för beslut 10 december 2026 (PDF)" }).getAttribute("href")).toBe(
      `/versioner/${versionId}.pdf`,
    );
    expect(await item.getByRole("radio", { name: "Fastställ versionen" }).isChecked()).toBe(true);
    await item.getByRole("button", { name: `Fatta beslut om ${title}` }).click();
    await page
      .locator(".meeting-result")
      .getByText(/Beslutet är fattat som § \d+\/2026\. Versionen ”Lägesbild 2025 – för beslut 10 december 2026” är fastställd och arkiverad som PDF\/A\./)
      .waitFor();
    const bilaga = item.locator("[data-paragraph]").getByRole("link", { name: "Lägesbild 2025 (PDF)" });
    expect(await bilaga.getAttribute("href")).toBe(`/versioner/${versionId}.pdf`);
    expect(await axeViolations(page)).toEqual([]);
    const [decision] = query<{ id: number; number: number; kind: string }>("select id, number, kind from decisions where agenda_item_id = ?", itemId);
    expect(decision.kind).toBe("lagesbild");

    // The agreement's Bilagor: the dated version under the lägesbild bilaga, its § linked, its PDF the stored bytes.
    await page.goto(`${server.url}/overenskommelser/skarholmen`);
    const listed = page.locator(".decided-versions li").filter({ hasText: "Lägesbild 2025" });
    const [{ pdf, pdf_sha256: pdfSha256 }] = query<{ pdf: Buffer; pdf_sha256: string }>(
      "select pdf, pdf_sha256 from document_versions where id = ?",
      versionId,
    );
    expect(await listed.textContent()).toMatch(new RegExp(`Lägesbild 2025, fastställd \\d{4}-\\d{2}-\\d{2}, § ${decision.number}/2026`));
    expect(await listed.getByRole("link", { name: `§ ${decision.number}/2026 (Lokal styrgrupp Skärholmen)` }).getAttribute("href")).toBe(
      `/moten/${meetingId}#beslut-${decision.id}`,
    );
    const href = await listed.getByRole("link", { name: "PDF/A" }).getAttribute("href");
    expect(href).toBe(`/versioner/${versionId}.pdf`);
    expect(await axeViolations(page)).toEqual([]);
    const download = await fetch(`${server.url}${href}`, { headers: { Cookie: chairCookie } });
    expect(download.status).toBe(200);
    expect(download.headers.get("content-disposition")).toMatch(/^attachment; /);
    expect(download.headers.get("x-content-type-options")).toBe("nosniff");
    const bytes = Buffer.from(await download.arrayBuffer());
    expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(bytes.equals(pdf)).toBe(true);
    expect(pdfSha256).toMatch(/^[0-9a-f]{64}$/);
    const docx = await fetch(`${server.url}/versioner/${versionId}.docx`, { headers: { Cookie: chairCookie } });
    expect(
      Buffer.from(await docx.arrayBuffer())
        .subarray(0, 2)
        .toString("latin1"),
    ).toBe("PK");
    // The chair of Östermalm's styrgrupp gets the same 404 as for a version that does not exist.
    const outsider = await sessionCookie(server, "cecilia.wahlberg@example.se");
    expect((await fetch(`${server.url}${href}`, { headers: { Cookie: outsider } })).status).toBe(404);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("keeps the live sections editable for the next version while the decided version stays as it was, also against a stock client's edit", async () => {
    const [{ version_id: versionId }] = query<{ version_id: number }>(
      "select current_version_id as version_id from situation_pictures where year = 2025 and agreement_id = (select id from agreements where slug = 'skarholmen')",
    );
    const partsBefore = query<{ plain_text: string; state: Buffer }>(
      "select plain_text, state from document_version_parts where version_id = ? order by position",
      versionId,
    );
    const [{ id: sectionId }] = query<{ id: number }>(
      "select s.id from situation_sections s join situation_pictures p on p.id = s.picture_id where p.year = 2025 and p.agreement_id = (select id from agreements where slug = 'skarholmen') and s.key = 'gemensam-analys'",
    );
    const writer = connectClient(server, `avsnitt-${sectionId}`, chairCookie);
    const witness = connectClient(server, `avsnitt-${sectionId}`, chairCookie);
    try {
      await Promise.all([waitForSync(writer), waitForSync(witness)]);
      appendParagraph(writer.doc, "Text till nästa års lägesbild.");
      await waitFor(() => witness.text().includes("Text till nästa års lägesbild."), 10_000, "the edit relayed");
    } finally {
      writer.destroy();
      witness.destroy();
    }
    const partsAfter = query<{ plain_text: string; state: Buffer }>(
      "select plain_text, state from document_version_parts where version_id = ? order by position",
      versionId,
    );
    expect(partsAfter).toEqual(partsBefore);
    expect(partsAfter.map((p) => p.plain_text).join("\n")).not.toContain("Text till nästa års lägesbild.");

    // The decided version itself, opened by name with the stock client: its text arrives, an edit is refused (4423).
    const [{ position, plain_text: decidedText }] = query<{ position: number; plain_text: string }>(
      "select position, plain_text from document_version_parts where version_id = ? and document_name = ?",
      versionId,
      `avsnitt-${sectionId}`,
    );
    const decided = connectClient(server, `version-${versionId}-${position}`, chairCookie);
    try {
      await waitForSync(decided);
      const firstLine = decidedText.split("\n").find((line) => line.trim() !== "");
      if (firstLine) expect(decided.text()).toContain(firstLine);
      appendParagraph(decided.doc, "Ändring i den fastställda versionen.");
      await waitFor(() => decided.closeEvents.some((e) => e.code === 4423), 10_000, "the edit to the decided version refused");
    } finally {
      decided.destroy();
    }
    expect(query("select plain_text from document_version_parts where version_id = ? order by position", versionId)).toEqual(
      partsBefore.map((p) => ({ plain_text: p.plain_text })),
    );
  });

  it("offers a beredningsgrupp chair no put-up, and refuses a crafted one for a beredningsgrupp meeting", async () => {
    // Ahmed Yusuf chairs the beredningsgrupp (and writes the lägesbild) but does not run the styrgrupp's meetings.
    const email = "ahmed.yusuf@example.se";
    const cookie = await sessionCookie(server, email);
    const [{ id: beredningId }] = query<{ id: number }>("select id from groups where name = 'Lokal beredningsgrupp Skärholmen'");
    const beredningMeeting = await newMeeting(cookie, beredningId, "2026-12-15");
    const { page, errors } = await newPage(browser);
    await logIn(page, server.url, email);
    await page.goto(lagesbildUrl());
    const panel = page.getByRole("region", { name: "Beslut och överlämnande" });
    await panel.waitFor();
    expect(await panel.getByRole("button", { name: /för beslut/ }).count()).toBe(0);
    expect(await panel.getByRole("combobox").count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.context().close();

    const versionsBefore = query("select id from document_versions");
    const crafted = await fetch(lagesbildUrl(), {
      method: "POST",
      body: new URLSearchParams({ intent: "put-up", meetingId: String(beredningMeeting) }),
      headers: { Origin: server.url, Cookie: cookie },
    });
    expect(crafted.status).toBe(200);
    expect(await crafted.text()).toContain("fastställs bara av den lokala styrgruppen (Lokal styrgrupp Skärholmen)");
    expect(query("select id from document_versions")).toEqual(versionsBefore);
    expect(query("select id from agenda_items where meeting_id = ? and version_id is not null", beredningMeeting)).toEqual([]);
  });

  it("is handed over by the chair, after a confirmation, and the stadsövergripande beredningsgrupp then lists it and reads its PDF", async () => {
    const [{ id: versionId }] = query<{ id: number }>(
      "select current_version_id as id from situation_pictures where year = 2025 and agreement_id = (select id from agreements where slug = 'skarholmen')",
    );
    const cityWide = await sessionCookie(server, "ingrid.falk@example.se");
    expect((await fetch(`${server.url}/versioner/${versionId}.pdf`, { headers: { Cookie: cityWide } })).status).toBe(404);

    const { page, errors } = await newPage(browser);
    await logIn(page, server.url, "sdd.skarholmen@example.se");
    await page.goto(lagesbildUrl());
    const panel = page.getByRole("region", { name: "Beslut och överlämnande" });
    await panel.getByRole("button", { name: "Överlämna till stadsövergripande beredningsgruppen" }).click();
    const dialog = page.getByRole("dialog", { name: "Överlämna lägesbild 2025?" });
    await dialog.waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await dialog.getByRole("button", { name: "Ja, överlämna" }).click();
    await panel.getByText("Status: Överlämnad").waitFor();
    expect(errors).toEqual([]);
    await page.context().close();

    const reader = await newPage(browser);
    await logIn(reader.page, server.url, "ingrid.falk@example.se");
    const [{ id: groupId }] = query<{ id: number }>("select id from groups where name = 'Stadsövergripande beredningsgrupp'");
    await reader.page.goto(`${server.url}/grupper/${groupId}`);
    const list = reader.page.getByRole("region", { name: "Överlämnade lägesbilder och åtgärdsplaner" });
    expect(await list.textContent()).toMatch(/Skärholmen: Lägesbild 2025, fastställd \d{4}-\d{2}-\d{2}, § \d+\/2026 \(Lokal styrgrupp Skärholmen\)/);
    // The demo has handed over this year's lägesbilder of Skärholmen and Hässelby-Vällingby too.
    const item = list.getByRole("listitem").filter({ hasText: "Lägesbild 2025" });
    expect(await item.getByRole("link", { name: "PDF/A" }).getAttribute("href")).toBe(`/versioner/${versionId}.pdf`);
    expect(await axeViolations(reader.page)).toEqual([]);
    expect(reader.errors).toEqual([]);
    await reader.page.context().close();
    const download = await fetch(`${server.url}/versioner/${versionId}.pdf`, { headers: { Cookie: cityWide } });
    expect(download.status).toBe(200);
    expect(
      Buffer.from(await download.arrayBuffer())
        .subarray(0, 5)
        .toString("latin1"),
    ).toBe("%PDF-");
  });
});
