/**
 * Issue 16 in Chromium: the police's co-chair of Skärholmen's styrgrupp opens the medborgarlöften register
 * from the agreement page, adds an activity under the demo's löfte, reports its follow-up at the styrgrupp's
 * next meeting ("Uppföljning av medborgarlöften"), and the register shows it, with the meeting, in the
 * activity's history. The city's co-chair, responsible for one of the löfte's activities, finds it under
 * "Det här väntar på dig" on the home page. axe on the register, the meeting page with its new section and the home page.
 */
import type { Browser } from "playwright-core";
import { axeViolations, launchBrowser, logIn, newPage } from "../support/browser";
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

const activity = "Informationsmöte för boende om medborgarlöftet";

it("the chair adds an activity, reports its follow-up at a styrgrupp meeting, and the register shows it", async () => {
  const { page, errors } = await newPage(browser);
  await logIn(page, server.url, "lpo.skarholmen@example.se");
  await page.goto(`${server.url}/overenskommelser/skarholmen`);
  await page.getByRole("link", { name: "Medborgarlöften" }).click();
  await page.getByRole("heading", { level: 1, name: /^Medborgarlöften \d{4}$/ }).waitFor();
  const löfte = page.getByRole("region", { name: /Medborgarlöfte/ });
  await löfte.getByRole("rowheader", { name: "Gemensamma trygghetsvandringar på plats A och plats B" }).waitFor();
  expect(await axeViolations(page)).toEqual([]);

  const add = löfte.getByRole("group", { name: /Lägg till en aktivitet under/ });
  await add.getByLabel("Aktivitet").fill(activity);
  await add.getByLabel("Ansvarig").selectOption({ label: "Linnea Holmberg" });
  await add.getByLabel("Från").fill("2026-12-01");
  await add.getByLabel("Till").fill("2027-02-28");
  await add.getByRole("button", { name: "Lägg till aktiviteten" }).click();
  await page.getByRole("status").filter({ hasText: "Aktiviteten är tillagd." }).waitFor();
  await löfte.getByRole("rowheader", { name: activity }).waitFor();

  const [next] = queryServerDatabase<{ id: number }>(
    server,
    "select m.id from meetings m join groups g on g.id = m.group_id where g.name = 'Lokal styrgrupp Skärholmen' and m.status = 'planerat' and m.starts_at > ? order by m.starts_at limit 1",
    new Date().toISOString(),
  );
  await page.goto(`${server.url}/moten/${next.id}`);
  const section = page.getByRole("region", { name: "Uppföljning av medborgarlöften" });
  const item = section.locator(`[data-promise-activity="${activity}"]`);
  await item.getByText("Ej uppföljd").waitFor();
  expect(await axeViolations(page)).toEqual([]);
  // The report form is closed under its activity until the chair opens it.
  expect(await item.getByLabel("Status").isVisible()).toBe(false);
  await item.locator("summary", { hasText: `Rapportera uppföljning: ${activity}` }).click();
  await item.getByLabel("Status").selectOption({ label: "Pågår" });
  await item.getByLabel("Grönt").check();
  await item.getByLabel("Kommentar").fill("Inbjudan är skickad till de boende.");
  await item.getByRole("button", { name: "Rapportera" }).click();
  await page.getByRole("status").filter({ hasText: "Uppföljningen av aktiviteten är rapporterad." }).waitFor();
  await item.getByText("Inbjudan är skickad till de boende.").waitFor();
  // The status and the RAG mark are two words, the mark drawn as a badge (the åtgärdsplan's styles are loaded here too).
  expect(await item.textContent()).toContain("Senast: Pågår Mål: grönt");
  expect(await item.locator(".rag").evaluate((el) => getComputedStyle(el).borderTopStyle)).toBe("solid");
  const [stored] = queryServerDatabase<{ meeting_id: number; status: string; rag: string }>(
    server,
    "select f.meeting_id, f.status, f.rag from citizen_promise_follow_ups f join citizen_promise_activities a on a.id = f.activity_id where a.title = ?",
    activity,
  );
  expect(stored).toEqual({ meeting_id: next.id, status: "pagar", rag: "gront" });

  await page.goto(`${server.url}/overenskommelser/skarholmen/medborgarloften`);
  const row = page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: activity }) });
  await row.getByText("Pågår").waitFor();
  await row.getByText("Mål: grönt").waitFor();
  await row.getByText("Inbjudan är skickad till de boende.").waitFor();
  const history = page.locator(`[data-activity-history="${activity}"]`);
  await history.locator("summary").click();
  await history.getByText(/vid mötet \d+ \p{L}+ \d{4}/u).waitFor();
  expect(errors).toEqual([]);
});

it("the home page of the city's co-chair shows what waits for her, with the löfte activity she is responsible for", async () => {
  const { page, errors } = await newPage(browser);
  await logIn(page, server.url, "sdd.skarholmen@example.se");
  await page.goto(`${server.url}/`);
  const waiting = page.getByRole("region", { name: "Det här väntar på dig" });
  await waiting.getByRole("heading", { name: "Aktiviteter under medborgarlöften som du ansvarar för" }).waitFor();
  // Only the kinds with something waiting have a heading; the six kinds' others are named together in one line.
  const shown = await waiting.getByRole("heading", { level: 3 }).allTextContents();
  const nothing = (await waiting.locator("[data-nothing-waiting]").textContent())!;
  expect(nothing).toMatch(/^Inget just nu: .+\.$/);
  expect(shown.length + nothing.split(", ").length).toBe(6);
  expect(await waiting.getByText("Inget just nu.", { exact: true }).count()).toBe(0);
  await waiting.getByRole("link", { name: "Fler vuxna på plats kvällstid vid plats B" }).click();
  await page.getByRole("heading", { level: 1, name: /^Medborgarlöften \d{4}$/ }).waitFor();
  await page.goto(`${server.url}/`);
  expect(await axeViolations(page)).toEqual([]);
  expect(errors).toEqual([]);
});
