/**
 * Issue 14, in Chromium: a city starting with an empty database (no demo data) is made ready by its
 * administrator, who is created with the admin CLI. In the browser the administrator enters the two
 * organisations, the city-wide agreement and Skärholmen's lokal agreement under it (after a refused end
 * date), its two parties, a signatory and a bilaga row, revises it, and reads the earlier version; then
 * creates the styrgrupp under the agreement with the functions it requires, adds its chair, attaches an
 * amendment's signed document and a bilaga. The chair calls a meeting with a handling attached to an
 * ärende and adopts a decision with a bilaga; the agreement page and the protocol list the files, and a
 * person outside the group gets 404 for a file's URL. axe on every page on the way.
 */
import { spawnSync } from "node:child_process";
import type { Browser, Locator, Page } from "playwright-core";
import { axeViolations, launchBrowser, logIn, newPage } from "../support/browser";
import { sessionCookie } from "../support/collab-client";
import { readPdf, squash } from "../support/pdf-text";
import { samplePdf, samplePng } from "../support/sample-files";
import { queryServerDatabase, startServer, type RunningServer } from "../support/server";
import { tempDatabasePath } from "../support/temp";

const email = "stadens.admin@example.se";
const chairEmail = "ordforande.skarholmen@example.se";
const outsiderEmail = "utan.grupp@example.se";
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
  // Someone with an account who is in no group: files are 404 to them.
  const outsider = spawnSync(
    process.execPath,
    ["--import", "tsx", "server/cli/admin.ts", "create-person", "--email", outsiderEmail, "--name", "Utan Grupp", "--password", password],
    { env: { ...process.env, DATABASE_PATH: databasePath }, encoding: "utf8" },
  );
  expect(outsider.stderr).toBe("");
  [server, browser] = await Promise.all([startServer({ SEED_DEMO: "false", DATABASE_PATH: databasePath }), launchBrowser()]);
  ({ page, errors } = await newPage(browser));
  await logIn(page, server.url, email, password);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function expectAxeCleanOn(on: Page) {
  expect(await axeViolations(on)).toEqual([]);
}
const expectAxeClean = () => expectAxeCleanOn(page);

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

describe("a city starting empty is made ready in the browser", () => {
  it("enters the organisations", async () => {
    await page.goto(`${server.url}/admin`);
    await page.getByRole("link", { name: "Organisationer" }).click();
    for (const [name, kind] of [
      ["Skärholmens stadsdelsförvaltning", "Stadsdelsförvaltning"],
      ["Lokalpolisområde Skärholmen", "Lokalpolisområde"],
    ]) {
      await page.getByRole("link", { name: "Lägg till organisation" }).click();
      await page.getByRole("heading", { level: 1, name: "Lägg till organisation" }).waitFor();
      await page.getByLabel("Namn").fill(name);
      await page.getByLabel("Typ").selectOption({ label: kind });
      await page.getByRole("button", { name: "Lägg till organisation" }).click();
      await page.getByRole("heading", { level: 1, name }).waitFor();
      await expectAxeClean();
      await page.goto(`${server.url}/admin/organisationer`);
    }
    expect(queryServerDatabase<{ name: string }>(server, "select name from organisations order by id").map((o) => o.name)).toEqual([
      "Skärholmens stadsdelsförvaltning",
      "Lokalpolisområde Skärholmen",
    ]);
  });

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
    // The bilagor's files are kept on the agreement page; groups are made under the agreement.
    expect(await page.getByRole("link", { name: "Handlingar på överenskommelsens sida" }).getAttribute("href")).toBe("/overenskommelser/skarholmen#handlingar");
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
  it("creates the styrgrupp under the agreement, its chair holds a meeting with a handling and a decision with a bilaga; the files are listed and 404 to outsiders", async () => {
    // The group, from the agreement's administration page: the agreement is already chosen.
    await page.goto(`${server.url}/admin/overenskommelser`);
    await page.getByRole("link", { name: "Lokal samverkansöverenskommelse Skärholmen" }).click();
    await page.getByRole("link", { name: "Ny grupp under denna överenskommelse" }).click();
    await page.getByRole("heading", { level: 1, name: "Skapa grupp" }).waitFor();
    expect(await page.getByLabel("Överenskommelse").locator("option:checked").textContent()).toBe("Lokal samverkansöverenskommelse Skärholmen");
    await page.getByLabel("Namn").fill("Lokal styrgrupp Skärholmen");
    await page.getByLabel("Typ").selectOption("styrgrupp");
    await page.getByLabel("Nivå").selectOption("local");
    await page.getByLabel("Minsta antal möten per år").fill("2");
    await page.getByLabel("Funktion 1", { exact: true }).fill("Stadsdelsdirektör");
    await page.getByLabel("Formulering för funktion 1").fill("Stadsdelsdirektör (ordförande eller vice ordförande)");
    await page.getByLabel("Funktion 2", { exact: true }).fill("Lokalpolisområdeschef");
    await expectAxeClean();
    await Promise.all([page.waitForURL(/\/grupper\/\d+$/), page.getByRole("button", { name: "Skapa grupp" }).click()]);
    expect(
      queryServerDatabase<{ name: string; note: string | null }>(
        server,
        "select f.name, r.note from group_required_functions r join functions f on f.id = r.function_id order by r.position",
      ),
    ).toEqual([
      { name: "Stadsdelsdirektör", note: "Stadsdelsdirektör (ordförande eller vice ordförande)" },
      { name: "Lokalpolisområdeschef", note: null },
    ]);

    // Its chair: a person with a start password, then a membership with role and function.
    await page.goto(`${server.url}/admin`);
    await page.getByLabel("Namn").fill("Sara Ordförande");
    await page.getByLabel("E-postadress").fill(chairEmail);
    await page.getByLabel("Organisation").selectOption({ label: "Skärholmens stadsdelsförvaltning" });
    await page.getByLabel("Startlösenord").fill(password);
    await Promise.all([page.waitForURL(/\/admin\/personer\/\d+$/), page.getByRole("button", { name: "Lägg till person" }).click()]);
    await page.getByRole("heading", { level: 1, name: "Sara Ordförande" }).waitFor();
    await page.getByLabel("Grupp", { exact: true }).selectOption({ label: "Lokal styrgrupp Skärholmen" });
    await page.getByLabel("Roll", { exact: true }).selectOption("ordforande");
    await page.getByLabel("Funktion", { exact: true }).fill("Stadsdelsdirektör");
    await page.getByRole("button", { name: "Lägg till medlemskap" }).click();
    await page.getByRole("cell", { name: "Ordförande", exact: true }).waitFor();
    expect(queryServerDatabase(server, "select 1 from memberships")).toHaveLength(1);
    await expectAxeClean();

    // An amendment with its signed document, and a bilaga as a file on the agreement page.
    await page.goto(`${server.url}/admin/overenskommelser`);
    await page.getByRole("link", { name: "Lokal samverkansöverenskommelse Skärholmen" }).click();
    await addRow(
      "andringar",
      async (form) => {
        await form.getByLabel("Vad").fill("Tillägg om kommunikationsplan");
        await form.getByLabel("Daterad").fill("2026-04-01");
      },
      "Lägg till ändring",
    );
    const signed = page.getByRole("group", { name: "Undertecknad handling: Tillägg om kommunikationsplan" });
    await signed.getByLabel("Fil").setInputFiles({ name: "Tillägg undertecknat.pdf", mimeType: "application/pdf", buffer: samplePdf() });
    await signed.getByRole("button", { name: "Ladda upp" }).click();
    await page.getByRole("link", { name: "Tillägg undertecknat.pdf" }).waitFor();
    await expectAxeClean();
    await page.goto(`${server.url}/overenskommelser/skarholmen`);
    const agreementUpload = page.getByRole("group", { name: "Lägg till handling till överenskommelsen" });
    await agreementUpload.getByLabel("Är bilagan").selectOption({ label: "Bilaga 1: Gemensam lokal lägesbild" });
    await agreementUpload.getByLabel("Fil").setInputFiles({ name: "lagesbild.pdf", mimeType: "application/pdf", buffer: samplePdf() });
    await agreementUpload.getByRole("button", { name: "Ladda upp" }).click();
    const agreementFiles = page.locator('section[aria-labelledby="handlingar"]');
    await agreementFiles.getByRole("link", { name: "Bilaga 1: Gemensam lokal lägesbild" }).waitFor();
    await agreementFiles.getByRole("link", { name: "Tillägg undertecknat.pdf" }).waitFor();
    await expectAxeClean();

    // The chair calls a meeting, attaches a handling to an ärende, starts it and adopts a decision with a bilaga.
    const { page: chair, errors: chairErrors } = await newPage(browser);
    await logIn(chair, server.url, chairEmail, password);
    await chair.getByRole("link", { name: "Lokal styrgrupp Skärholmen" }).first().click();
    await chair.getByText("Kalla till nytt möte").click();
    await chair.getByLabel("Datum").fill(new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Stockholm" }).format(new Date()));
    await chair.getByLabel("Börjar").fill("09:00");
    await Promise.all([chair.waitForURL(/\/moten\/\d+$/), chair.getByRole("button", { name: "Skapa möte" }).click()]);
    const meetingPath = new URL(chair.url()).pathname;
    const title = "Trygghetsvandring i centrum";
    const addItem = chair.locator("form", { has: chair.getByRole("button", { name: "Lägg till ärende" }) });
    await addItem.getByLabel("Rubrik").fill(title);
    await addItem.getByLabel("Typ av ärende").selectOption("beslut");
    await addItem.getByRole("button", { name: "Lägg till ärende" }).click();
    const item = chair.locator(`[data-agenda-item="${title}"]`);
    await item.locator("summary", { hasText: `Lägg till handling till ${title}` }).click();
    const handling = item.getByRole("group", { name: `Lägg till handling till ${title}` });
    await handling.getByLabel("Fil").setInputFiles({ name: "Underlag trygghetsvandring.pdf", mimeType: "application/pdf", buffer: samplePdf() });
    await handling.getByRole("button", { name: "Ladda upp" }).click();
    await item.getByRole("link", { name: "Underlag trygghetsvandring.pdf" }).waitFor();
    await expectAxeCleanOn(chair);

    await chair.getByRole("button", { name: "Starta mötet" }).click();
    await chair.locator(".meeting-result").getByText("Mötet har startat.").waitFor();
    const decisionEditor = item.locator('[data-collab-doc$="-decision"]').and(chair.locator('[data-collab-editable="true"]'));
    await decisionEditor.waitFor();
    await decisionEditor.locator("[data-collab-content]").click();
    await chair.keyboard.type("Styrgruppen ger beredningsgruppen i uppdrag att genomföra trygghetsvandringen enligt bilaga.");
    await chair.waitForTimeout(300);
    await item.getByLabel(`Beslutstyp för ${title}`).selectOption("ovrigt");
    await item.getByRole("button", { name: `Fatta beslut om ${title}` }).click();
    await chair
      .locator(".meeting-result")
      .getByText(/Beslutet är fattat som § \d+\/\d{4}\./)
      .waitFor();
    const paragraph = (await item.locator("[data-paragraph]").getAttribute("data-paragraph"))!;
    await item.locator("summary", { hasText: `Lägg till bilaga till ${paragraph}` }).click();
    const bilaga = item.getByRole("group", { name: `Lägg till bilaga till ${paragraph}` });
    await bilaga.getByLabel("Fil").setInputFiles({ name: "Karta trygghetsvandring.png", mimeType: "image/png", buffer: samplePng() });
    await bilaga.getByRole("button", { name: "Ladda upp" }).click();
    await item.getByRole("link", { name: "Karta trygghetsvandring.png" }).waitFor();
    await expectAxeCleanOn(chair);

    // The protocol lists the ärende's handling and the decision's bilaga, each with its SHA-256.
    const files = queryServerDatabase<{ id: number; file_name: string; sha256: string }>(server, "select id, file_name, sha256 from stored_files order by id");
    const protocol = await chair.request.get(`${server.url}${meetingPath}/protokoll.pdf`);
    expect(protocol.status()).toBe(200);
    const text = squash((await readPdf(await protocol.body())).text);
    for (const name of ["Underlag trygghetsvandring.pdf", "Karta trygghetsvandring.png"]) {
      const file = files.find((f) => f.file_name === name)!;
      expect(text).toContain(name);
      expect(text).toContain(file.sha256.slice(0, 16));
    }

    // A file's URL: downloaded by a member, 404 to a person in no group.
    const handlingFile = files.find((f) => f.file_name === "Underlag trygghetsvandring.pdf")!;
    const download = await chair.request.get(`${server.url}/filer/${handlingFile.id}`);
    expect(download.status()).toBe(200);
    expect(Buffer.from(await download.body()).equals(samplePdf())).toBe(true);
    const outsiderCookie = await sessionCookie(server, outsiderEmail, password);
    for (const file of files) {
      expect((await fetch(`${server.url}/filer/${file.id}`, { headers: { Cookie: outsiderCookie } })).status).toBe(404);
    }
    expect(chairErrors).toEqual([]);
    await chair.context().close();

    // Every change above is in the audit log, named and linked to what it is about.
    await page.goto(`${server.url}/admin/handelselogg`);
    const log = page.getByRole("table");
    expect(await log.getByRole("link", { name: "Lokal samverkansöverenskommelse Skärholmen" }).first().getAttribute("href")).toMatch(
      /^\/admin\/overenskommelser\/\d+$/,
    );
    expect(await log.getByRole("link", { name: "Lokalpolisområde Skärholmen" }).first().getAttribute("href")).toMatch(/^\/admin\/organisationer\/\d+$/);
    await expectAxeClean();
    expect(errors).toEqual([]);
  });
});
