/**
 * Issue 14 in a real browser: an administrator adds an organisation (a wrong org.nr is refused next
 * to its field), imports people from an Excel-style CSV with one bad row (the preview shows the
 * error and writes nothing; the import creates the two good ones), finds one with the search, and
 * saves a group's form unchanged without losing the agreement's wording of its functions. Every
 * page passes axe (WCAG 2.1 A/AA) in each state.
 */
import type { Browser, Page } from "playwright-core";
import { axeViolations, launchBrowser, logIn, newPage } from "../support/browser";
import { queryServerDatabase, startServer, type RunningServer } from "../support/server";

let server: RunningServer;
let browser: Browser;
let admin: Page;
let errors: string[];

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  ({ page: admin, errors } = await newPage(browser));
  await logIn(admin, server.url, "admin@example.se");
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function expectAxeClean(where: string) {
  expect(await axeViolations(admin), where).toEqual([]);
}

const peopleNamed = (name: string) =>
  queryServerDatabase<{ email: string; password_hash: string | null }>(server, "SELECT email, password_hash FROM people WHERE name = ?", name);

describe("organisations, people import and search, the group form", () => {
  it("adds an organisation, refusing a wrong org.nr next to its field", async () => {
    await admin.goto(`${server.url}/admin`);
    await admin.getByRole("link", { name: "Organisationer" }).click();
    await admin.getByRole("heading", { level: 1, name: "Organisationer" }).waitFor();
    await expectAxeClean("organisation list");
    await admin.getByRole("link", { name: "Lägg till organisation" }).click();
    await admin.getByRole("heading", { level: 1, name: "Lägg till organisation" }).waitFor();
    await expectAxeClean("new organisation");

    await admin.getByLabel("Namn").fill("Bostadsbolag A");
    await admin.getByLabel("Typ").selectOption({ label: "Bolag" });
    await admin.getByLabel("Organisationsnummer").fill("559900-0007");
    await admin.getByRole("button", { name: "Lägg till organisation" }).click();
    await admin.getByText("kontrollsiffran (den sista) är fel").waitFor();
    expect(await admin.getByLabel("Organisationsnummer").getAttribute("aria-invalid")).toBe("true");
    await expectAxeClean("new organisation with an error");

    await admin.getByLabel("Organisationsnummer").fill("5599000006");
    await admin.getByRole("button", { name: "Lägg till organisation" }).click();
    await admin.getByRole("heading", { level: 1, name: "Bostadsbolag A" }).waitFor();
    await expect(admin.getByLabel("Organisationsnummer").inputValue()).resolves.toBe("559900-0006");
    await expectAxeClean("organisation page");
  });

  it("imports two people from a CSV with one bad row: the preview shows the error and writes nothing", async () => {
    await admin.goto(`${server.url}/admin`);
    await admin.getByRole("link", { name: "Importera personer från en CSV-fil" }).click();
    await admin.getByRole("heading", { level: 1, name: "Importera personer" }).waitFor();
    await expectAxeClean("import page");

    const csv =
      "\uFEFFnamn;e-post;titel;organisation\r\nAsta Importsson;asta.import@example.se;Fastighetschef;Bostadsbolag A\r\nBirger Importsson;birger.import@example.se;;\r\nCarl Fel;carl-utan-snabel-a;;\r\n";
    await admin.getByLabel("CSV-fil").setInputFiles({ name: "personer.csv", mimeType: "text/csv", buffer: Buffer.from(csv, "utf8") });
    await admin.getByRole("button", { name: "Förhandsgranska" }).click();
    await admin.getByRole("status").filter({ hasText: "2 av 3 rader kan importeras" }).waitFor();
    await admin.getByRole("cell", { name: "Ogiltig e-postadress." }).waitFor();
    expect(peopleNamed("Asta Importsson")).toEqual([]);
    await expectAxeClean("import preview");

    await admin.getByRole("button", { name: "Importera 2 personer" }).click();
    await admin.getByRole("status").filter({ hasText: "2 personer har lagts till; 1 rad hoppades över" }).waitFor();
    await expectAxeClean("import done");
    expect(peopleNamed("Asta Importsson")).toEqual([{ email: "asta.import@example.se", password_hash: null }]);
    expect(peopleNamed("Birger Importsson")).toHaveLength(1);
    expect(peopleNamed("Carl Fel")).toEqual([]);

    await admin.goto(`${server.url}/admin/organisationer`);
    await admin.getByRole("link", { name: "Bostadsbolag A" }).click();
    await admin.getByRole("link", { name: "Asta Importsson" }).waitFor();
  });

  it("finds a person by part of the name and says how many match", async () => {
    await admin.goto(`${server.url}/admin`);
    await admin.getByRole("searchbox", { name: "Sök person" }).fill("birger");
    await admin.getByRole("button", { name: "Sök", exact: true }).click();
    await admin.getByRole("status").filter({ hasText: "1 person matchar ”birger”." }).waitFor();
    const rows = admin.getByRole("region", { name: "Personer" }).getByRole("row");
    await expect(rows.count()).resolves.toBe(2);
    await admin.getByRole("link", { name: "Birger Importsson" }).waitFor();
    await expectAxeClean("people search");
  });

  it("saves a group's form unchanged without losing the wording of its required functions", async () => {
    const notes = () =>
      queryServerDatabase<{ function_id: number; note: string | null }>(
        server,
        "SELECT function_id, note FROM group_required_functions WHERE group_id = (SELECT id FROM groups WHERE name = ?) ORDER BY position",
        "Stadsövergripande styrgrupp",
      );
    const before = notes();
    expect(before.filter((fn) => fn.note).length).toBeGreaterThan(0);

    await admin.goto(`${server.url}/admin`);
    await admin.getByRole("link", { name: "Ändra Stadsövergripande styrgrupp" }).click();
    await admin.getByRole("heading", { level: 1, name: "Ändra Stadsövergripande styrgrupp" }).waitFor();
    await expect(admin.getByLabel("Formulering för funktion 1").inputValue()).resolves.toBe(
      "Styrgruppen ska för stadens del ledas av biträdande stadsdirektör.",
    );
    await expectAxeClean("group form");
    await admin.getByRole("button", { name: "Spara ändringarna" }).click();
    await admin.waitForURL(/\/grupper\/\d+$/);
    expect(notes()).toEqual(before);
    expect(errors).toEqual([]);
  });
});
