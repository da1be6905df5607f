/**
 * Issue 16 in the real server and Chromium: the samordnare of the stadsövergripande beredningsgrupp opens the
 * city-wide overview from the home page (three districts, charts with text alternatives, a year filter) and
 * downloads it as CSV and PDF; a lokal styrgrupp member reads the city-wide styrgrupp's protocol delivered to
 * their group page (läst); and everyone else meets the one 404: the overview for a Skärholmen member, the
 * protocol for an arbetsgrupp member, the city-wide meeting itself, a protocol not yet justerat.
 */
import Database from "better-sqlite3";
import type { Browser } from "playwright-core";
import { axeViolations, launchBrowser, logIn, newPage } from "../support/browser";
import { sessionCookie, thisYear } from "../support/collab-client";
import { getPath, postForm } from "../support/form-posts";
import { readPdf } from "../support/pdf-text";
import { startServer, type RunningServer } from "../support/server";

let server: RunningServer;
let browser: Browser;
let samordnare: string;

function query<T>(sql: string, ...params: unknown[]): T[] {
  const db = new Database(server.databasePath, { readonly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}
const groupId = (name: string) => query<{ id: number }>("select id from groups where name = ?", name)[0]!.id;
const cityMeetings = (status: "justerat" | "avslutat") =>
  query<{ id: number }>(
    "select m.id from meetings m join groups g on g.id = m.group_id where g.name = 'Stadsövergripande styrgrupp' and m.status = ? order by m.starts_at desc",
    status,
  ).map((m) => m.id);
const readsOf = (email: string) =>
  query<{ meeting_id: number }>("select r.meeting_id from protocol_reads r join people p on p.id = r.person_id where p.email = ?", email).map(
    (r) => r.meeting_id,
  );

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  samordnare = await sessionCookie(server, "samordnare.stad@example.se");
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("the city-wide overview", () => {
  it("is opened by the samordnare from the home page: three districts, charts with text alternatives and tables, a year filter used from the keyboard", async () => {
    const { page, errors } = await newPage(browser);
    await logIn(page, server.url, "samordnare.stad@example.se");
    await page.getByRole("link", { name: "Stadsövergripande översikt" }).click();
    await page.getByRole("heading", { level: 1, name: `Stadsövergripande översikt ${thisYear}` }).waitFor();

    const summary = page.getByRole("table", { name: `Sammanställning per område ${thisYear}` });
    expect(await summary.getByRole("rowheader").allTextContents()).toEqual(["Hässelby-Vällingby", "Skärholmen", "Östermalm"]);
    const charts = page.locator('svg[role="img"]');
    expect(await charts.count()).toBe(5);
    for (const label of await charts.evaluateAll((svgs) => svgs.map((svg) => svg.getAttribute("aria-label") ?? ""))) {
      expect(label.length).toBeGreaterThan(20);
    }
    const meetings = page.getByRole("figure", { name: `Möten ${thisYear} mot minimum` });
    expect(await meetings.locator("figcaption").textContent()).toContain("Samma siffror i tabellform");
    expect(await meetings.getByRole("img").getAttribute("aria-label")).toContain("mot minimum per år");
    expect(await page.getByRole("table", { name: /Möten som hållits/ }).textContent()).toContain("Lokal styrgrupp Östermalm");
    // No chart code reaches the browser: the SVG came with the HTML.
    expect(await page.evaluate(() => [...document.scripts].some((s) => s.src.includes("plot")))).toBe(false);
    expect(await axeViolations(page)).toEqual([]);

    await page.getByLabel("År", { exact: true }).selectOption(String(thisYear - 1));
    await page.getByRole("button", { name: "Visa året" }).focus();
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { level: 1, name: `Stadsövergripande översikt ${thisYear - 1}` }).waitFor();
    expect(new URL(page.url()).searchParams.get("ar")).toBe(String(thisYear - 1));
    expect(await page.getByRole("link", { name: "CSV för Excel" }).getAttribute("href")).toBe(`/stad/oversikt.csv?ar=${thisYear - 1}`);
    expect(await axeViolations(page)).toEqual([]);

    // Reflow at 320 CSS pixels: the charts shrink with the page, the tables scroll in their own region.
    await page.setViewportSize({ width: 320, height: 800 });
    const { scrollWidth, clientWidth } = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      clientWidth: document.documentElement.clientWidth,
    }));
    expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("is exported as CSV for Swedish Excel and as a PDF of its tables", async () => {
    const csv = await fetch(`${server.url}/stad/oversikt.csv?ar=${thisYear}`, { headers: { Cookie: samordnare } });
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(decodeURIComponent(csv.headers.get("content-disposition")!)).toContain(`Stadsövergripande översikt ${thisYear} DEMO.csv`);
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes.subarray(3));
    const lines = text.split("\r\n");
    expect(lines[0]).toBe(`Stadsövergripande översikt ${thisYear}`);
    expect(lines).toContain("Område;Grupp;Typ;Hållna möten;Minimum per år;Minimum uppnått");
    expect(lines.some((l) => /^Skärholmen;Lokal styrgrupp Skärholmen;Styrgrupp;\d+;2;(Ja|Nej)$/.test(l))).toBe(true);
    expect(lines.some((l) => l.startsWith("Skärholmen;Behandlat;Saknas;Saknas;Saknas;Ej aktuellt;Saknas;"))).toBe(true);

    const pdf = await fetch(`${server.url}/stad/oversikt.pdf?ar=${thisYear}`, { headers: { Cookie: samordnare } });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    const { text: pdfText, info } = await readPdf(new Uint8Array(await pdf.arrayBuffer()));
    expect(info.Title).toBe(`Stadsövergripande översikt ${thisYear} (DEMO)`);
    for (const expected of [
      `Sammanställning per område ${thisYear}`,
      "Hässelby-Vällingby",
      "Skärholmen",
      "Östermalm",
      "Unga i risk för kriminalitet: Behandlat",
    ]) {
      expect(pdfText).toContain(expected);
    }
    // A year the overview does not offer has no export.
    expect((await fetch(`${server.url}/stad/oversikt.csv?ar=1999`, { headers: { Cookie: samordnare } })).status).toBe(404);
    expect((await fetch(`${server.url}/stad/oversikt.pdf?ar=tva`, { headers: { Cookie: samordnare } })).status).toBe(404);
  });

  it("answers 404 to a Skärholmen member, page and exports alike, and sends a logged-out tab to the login", async () => {
    const skarholmen = await sessionCookie(server, "sdd.skarholmen@example.se");
    for (const path of ["/stad/oversikt", "/stad/oversikt.csv", "/stad/oversikt.pdf"]) {
      expect((await getPath(server, path, skarholmen)).status, path).toBe(404);
      const anonymous = await fetch(`${server.url}${path}`, { redirect: "manual" });
      expect(anonymous.status, path).toBe(302);
      expect(anonymous.headers.get("location"), path).toContain("/login");
    }
    expect((await getPath(server, "/", skarholmen)).body).not.toContain("/stad/oversikt");
  });
});

describe("city-wide protocols delivered to a lokal styrgrupp", () => {
  it("are listed on the group page, marked läst when opened, and the secretary sees who has read them", async () => {
    const [latest, earlier] = cityMeetings("justerat");
    const { page, errors } = await newPage(browser);
    await logIn(page, server.url, "karl.ljung@example.se");
    await page.goto(`${server.url}/grupper/${groupId("Lokal styrgrupp Skärholmen")}`);
    const list = page.getByRole("region", { name: "Protokoll från stadsövergripande styrgruppen" });
    expect(await list.getByRole("listitem").count()).toBe(3);
    const item = list.locator(`[data-delivered-protocol="${latest}"]`);
    expect(await item.textContent()).toContain("Oläst");
    expect(await axeViolations(page)).toEqual([]);

    const link = item.getByRole("link", { name: /^Protokoll .* \(PDF\)$/ });
    expect(await link.getAttribute("href")).toBe(`/moten/${latest}/protokoll.pdf`);
    const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
    expect(download.suggestedFilename()).toMatch(/\.pdf$/);
    expect(readsOf("karl.ljung@example.se")).toEqual([latest]);
    await page.reload();
    expect(await item.textContent()).toMatch(/Läst \d{4}-\d{2}-\d{2}/);

    // "Markera som läst" without opening it, from the keyboard.
    const other = list.locator(`[data-delivered-protocol="${earlier}"]`);
    await other.getByRole("button", { name: /Markera som läst/ }).focus();
    await page.keyboard.press("Enter");
    await other.getByText(/Läst \d{4}-\d{2}-\d{2}/).waitFor();
    expect(readsOf("karl.ljung@example.se").sort()).toEqual([latest, earlier].sort());
    expect(errors).toEqual([]);
    await page.context().close();

    const secretary = await sessionCookie(server, "linnea.holmberg@example.se");
    const page2 = await getPath(server, `/grupper/${groupId("Lokal styrgrupp Skärholmen")}`, secretary);
    expect(page2.body.replaceAll("<!-- -->", "")).toContain("Läst av 1 av 5 medlemmar");
  });

  it("give the protocol PDF only, to the lokal styrgrupp only, and never one not yet justerat", async () => {
    const [justerat] = cityMeetings("justerat");
    const [awaiting] = cityMeetings("avslutat");
    const member = await sessionCookie(server, "karl.ljung@example.se");
    expect((await getPath(server, `/moten/${justerat}`, member)).status).toBe(404);
    expect((await getPath(server, `/moten/${awaiting}/protokoll.pdf`, member)).status).toBe(404);
    const [decision] = query<{ id: number }>("select id from decisions where meeting_id = ?", justerat);
    expect((await getPath(server, `/moten/${justerat}/protokoll.pdf?paragraf=${decision!.id}`, member)).status).toBe(404);
    const awaitingListed = await getPath(server, `/grupper/${groupId("Lokal styrgrupp Skärholmen")}`, member);
    expect(awaitingListed.body).not.toContain(`/moten/${awaiting}/protokoll.pdf`);

    // An arbetsgrupp member of the same agreement (Daniel Lund: beredningsgrupp and arbetsgrupp) gets the one 404, and nothing is stored.
    const worker = await sessionCookie(server, "daniel.lund@example.se");
    expect((await getPath(server, `/moten/${justerat}/protokoll.pdf`, worker)).status).toBe(404);
    const crafted = await postForm(server, `/grupper/${groupId("Lokal styrgrupp Skärholmen")}`, worker, {
      intent: "protocol-read",
      meetingId: String(justerat),
    });
    expect(crafted.status).toBe(404);
    expect(readsOf("daniel.lund@example.se")).toEqual([]);

    // An Östermalm styrgrupp member receives the city-wide protocol, but nothing of Skärholmen's own.
    const ostermalm = await sessionCookie(server, "annika.berglund@example.se");
    const [skarholmens] = query<{ id: number }>(
      "select m.id from meetings m join groups g on g.id = m.group_id where g.name = 'Lokal styrgrupp Skärholmen' and m.status = 'justerat'",
    );
    expect((await getPath(server, `/moten/${skarholmens!.id}/protokoll.pdf`, ostermalm)).status).toBe(404);
    const craftedOnSkarholmen = await postForm(server, `/grupper/${groupId("Lokal styrgrupp Skärholmen")}`, ostermalm, {
      intent: "protocol-read",
      meetingId: String(justerat),
    });
    expect(craftedOnSkarholmen.status).toBe(404);
    expect(readsOf("annika.berglund@example.se")).toEqual([]);
    expect((await getPath(server, `/moten/${justerat}/protokoll.pdf`, ostermalm)).status).toBe(200);
    expect(readsOf("annika.berglund@example.se")).toEqual([justerat]);
  });
});
