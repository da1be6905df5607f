/**
 * Issue 14, in Chromium: a city starting with an empty database (no demo data) enters its agreements. An
 * administrator made with the admin CLI enters the city-wide agreement and Skärholmen's lokal agreement
 * under it (after a refused end date), its two parties, a signatory and a bilaga row, revises it, and reads
 * the earlier version; axe on every new page.
 */
import { spawnSync } from "node:child_process";
import type { Browser, Locator, Page } from "playwright-core";
import { closeDatabase, openDatabase } from "../../db/client";
import { organisations } from "../../db/schema";
import { axeViolations, launchBrowser, logIn, newPage } from "../support/browser";
import { queryServerDatabase, startServer, type RunningServer } from "../support/server";
import { tempDatabasePath } from "../support/temp";

const email = "stadens.admin@example.se";
const password = "tre ord som inte hör ihop";
let server: RunningServer;
let browser: Browser;
let page: Page;
let errors: string[];

beforeAll(async () => {
  const databasePath = tempDatabasePath();
  const created = spawnSync(
    process.execPath,
    ["--import", "tsx", "server/cli/admin.ts", "create-admin", "--email", email, "--name", "Stadens Admin", "--password", password],
    {
      env: { ...process.env, DATABASE_PATH: databasePath },
      encoding: "utf8",
    },
  );
  expect(created.stderr).toBe("");
  // Organisations are entered by another page (issue 14, organisations); here they are simply there.
  const { db } = openDatabase(databasePath);
  db.insert(organisations)
    .values([
      { name: "Skärholmens stadsdelsförvaltning", kind: "stadsdelsforvaltning" },
      { name: "Lokalpolisområde Skärholmen", kind: "lokalpolisomrade" },
    ])
    .run();
  closeDatabase();
  [server, browser] = await Promise.all([startServer({ SEED_DEMO: "false", DATABASE_PATH: databasePath }), launchBrowser()]);
  ({ page, errors } = await newPage(browser));
  await logIn(page, server.url, email, password);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function expectAxeClean() {
  expect(await axeViolations(page)).toEqual([]);
}

/** The add form of one of the lists: the last form of its section. */
const addForm = (headingId: string) => page.locator(`section[aria-labelledby="${headingId}"] form`).last();

async function addRow(headingId: string, fill: (form: Locator) => Promise<void>, button: string) {
  const rows = page.locator(`section[aria-labelledby="${headingId}"] tbody tr`);
  const before = await rows.count();
  const form = addForm(headingId);
  await fill(form);
  await form.getByRole("button", { name: button }).click();
  await expect.poll(() => rows.count()).toBe(before + 1);
}

describe("administrators enter the agreements of a city starting empty", () => {
  it("enters the city-wide and the Skärholmen agreement, its parties, a signatory and a bilaga, revises it and reads the old version", async () => {
    await page.goto(`${server.url}/admin`);
    await page.getByRole("link", { name: "Överenskommelser" }).click();
    await page.waitForURL(/\/admin\/overenskommelser$/);
    await expect.poll(() => page.getByText("Det finns inga överenskommelser ännu.").isVisible()).toBe(true);
    await expectAxeClean();

    // The city-wide agreement first: with none there, the form offers that.
    await page.getByRole("link", { name: "Lägg in överenskommelse" }).click();
    await page.waitForURL(/\/ny$/);
    await expectAxeClean();
    await page.getByLabel("Titel").fill("Stadsövergripande samverkansöverenskommelse");
    await page.getByLabel("Gäller från och med").fill("2024-01-01");
    await page.getByLabel("Revidering", { exact: true }).selectOption("when_needed");
    await page.getByLabel("Överenskommelsens formulering om revidering").fill("Dokumentet kan uppdateras genom beslut av den stadsövergripande styrgruppen.");
    await page.getByRole("button", { name: "Spara överenskommelsen" }).click();
    await page.waitForURL(/\/admin\/overenskommelser\/\d+$/);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Stadsövergripande samverkansöverenskommelse");
    await expectAxeClean();

    // Skärholmen's, under it; an end date before the start is refused next to its field.
    await page.goto(`${server.url}/admin/overenskommelser/ny`);
    await page.getByLabel("Titel").fill("Lokal samverkansöverenskommelse Skärholmen");
    await page.getByLabel("Typ").selectOption("local");
    await page.getByLabel("Utgår från (för lokala)").selectOption({ label: "Stadsövergripande samverkansöverenskommelse" });
    await page.getByLabel("Område (för lokala)").fill("Skärholmen");
    await page.getByLabel("Gäller från och med").fill("2024-12-05");
    await page.getByLabel("Gäller till och med").fill("2024-12-01");
    await page.getByLabel("Överenskommelsens formulering om revidering").fill("Överenskommelsen ska revideras vid behov efter samråd mellan Parterna.");
    await page.getByLabel("Antal exemplar").fill("4");
    await page.getByRole("button", { name: "Spara överenskommelsen" }).click();
    await expect.poll(() => page.getByText("Slutdatumet ska vara efter startdatumet.").isVisible()).toBe(true);
    expect(await page.getByLabel("Gäller till och med").getAttribute("aria-invalid")).toBe("true");
    await expectAxeClean();
    await page.getByLabel("Gäller till och med").fill("");
    await page.getByRole("button", { name: "Spara överenskommelsen" }).click();
    await page.waitForURL(/\/admin\/overenskommelser\/\d+$/);
    const agreementPath = new URL(page.url()).pathname;
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Lokal samverkansöverenskommelse Skärholmen");
    expect(await page.getByRole("link", { name: "/overenskommelser/skarholmen" }).count()).toBe(1);

    await addRow(
      "parter",
      async (form) => {
        await form.getByLabel("Organisation").selectOption({ label: "Skärholmens stadsdelsförvaltning" });
        await form.getByLabel("Benämning i överenskommelsen").fill("Kommunen");
        await form.getByLabel("Anmärkning").fill("samt Utbildningsförvaltningen och Trafikkontoret");
      },
      "Lägg till part",
    );
    await addRow(
      "parter",
      async (form) => {
        await form.getByLabel("Organisation").selectOption({ label: "Lokalpolisområde Skärholmen" });
        await form.getByLabel("Benämning i överenskommelsen").fill("Polisen");
      },
      "Lägg till part",
    );
    await addRow(
      "undertecknare",
      async (form) => {
        await form.getByLabel("Namn").fill("Anna Berg");
        await form.getByLabel("Befattning").fill("Stadsdelsdirektör");
        await form.getByLabel("Organisation").selectOption({ label: "Skärholmens stadsdelsförvaltning" });
        await form.getByLabel("Undertecknad").fill("2024-12-05");
      },
      "Lägg till undertecknare",
    );
    await addRow(
      "bilagor",
      async (form) => {
        await form.getByLabel("Beteckning").fill("1");
        await form.getByLabel("Titel").fill("Gemensam lokal lägesbild");
        await form.getByLabel("Vad bilagan är").selectOption("lagesbild");
      },
      "Lägg till bilaga",
    );
    // A place is left for the files of the bilagor and for groups made under the agreement.
    expect(await page.locator("#handlingar").count()).toBe(1);
    const agreementId = agreementPath.split("/").pop();
    expect(await page.getByRole("link", { name: "Ny grupp under denna överenskommelse" }).getAttribute("href")).toBe(
      `/admin/grupper/ny?overenskommelse=${agreementId}`,
    );
    await expectAxeClean();

    // Revise: asked in a dialog with its date and reason.
    await page.getByRole("button", { name: "Revidera överenskommelsen" }).click();
    const dialog = page.getByRole("dialog", { name: "Revidera överenskommelsen?" });
    await dialog.getByLabel("Reviderad den").fill("2026-03-01");
    await dialog.getByLabel("Skäl").fill("Ny lägesbild och åtgärdsplan");
    await expectAxeClean();
    await dialog.getByRole("button", { name: "Ja, revidera" }).click();
    await expect.poll(() => page.getByRole("status").filter({ hasText: "version 2" }).count()).toBe(1);
    expect(queryServerDatabase<{ version: number; reason: string }>(server, "select version, reason from agreement_versions")).toEqual([
      { version: 1, reason: "Ny lägesbild och åtgärdsplan" },
    ]);

    // The agreement page lists the earlier version; it still says what it said.
    await page.goto(`${server.url}/overenskommelser/skarholmen`);
    await expectAxeClean();
    await page.getByRole("link", { name: "Version 1" }).click();
    await page.waitForURL(/\/overenskommelser\/skarholmen\/version\/1$/);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Lokal samverkansöverenskommelse Skärholmen, version 1");
    const text = await page.locator("main, .page").first().textContent();
    for (const said of [
      "Skärholmens stadsdelsförvaltning",
      "”Kommunen”",
      "”Polisen”",
      "Anna Berg, Stadsdelsdirektör",
      "Bilaga 1: Gemensam lokal lägesbild",
      "Ny lägesbild och åtgärdsplan",
    ]) {
      expect(text).toContain(said);
    }
    await expectAxeClean();
    expect(errors).toEqual([]);
  });
});
