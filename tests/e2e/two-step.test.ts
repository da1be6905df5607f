/**
 * Issue 15 in Chromium: two-step verification with an authenticator app. The test is the phone: it reads
 * the secret shown as text on the page and computes the codes (otpauth). A member turns it on on Mitt
 * konto, logs in with password and code, and with a recovery code; an administrator without an app is
 * sent to set one up at login and cannot reach the administration before. axe on every new page.
 */
import { spawnSync } from "node:child_process";
import type { Browser, Page } from "playwright-core";
import { axeViolations, launchBrowser, logIn, newPage, tabOrder } from "../support/browser";
import { queryServerDatabase, startServer, type RunningServer } from "../support/server";
import { demoPassword } from "../support/temp";
import { freshTotpCode, rememberTotpSecret } from "../support/two-step";

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function expectAxeClean(page: Page) {
  expect(await axeViolations(page)).toEqual([]);
}

async function logOut(page: Page) {
  await Promise.all([page.waitForURL((url) => url.pathname === "/login"), page.getByRole("button", { name: "Logga ut", exact: true }).click()]);
}

async function passwordStep(page: Page, email: string) {
  await page.goto(`${server.url}/login`);
  await page.getByLabel("E-postadress").fill(email);
  await page.getByLabel("Lösenord").fill(demoPassword);
  await Promise.all([page.waitForURL((url) => url.pathname !== "/login"), page.getByRole("button", { name: "Logga in" }).click()]);
}

/** The message next to a field: the element its aria-describedby names that holds the error. */
async function fieldError(page: Page, label: string): Promise<string> {
  const field = page.getByLabel(label);
  await page.locator(".field-error").first().waitFor();
  expect(await field.getAttribute("aria-invalid")).toBe("true");
  const ids = (await field.getAttribute("aria-describedby"))!.split(" ");
  const texts = await Promise.all(ids.map((id) => page.locator(`[id="${id}"]`).textContent()));
  return texts.join(" ");
}

describe("two-step verification for a member", () => {
  const email = "lpo.skarholmen@example.se";
  let recoveryCodes: string[] = [];

  it("is turned on on Mitt konto with a QR code and the secret as text, confirmed with a code, and shows ten recovery codes once", async () => {
    const { page, errors } = await newPage(browser);
    await logIn(page, server.url, email);
    await page.goto(`${server.url}/mitt-konto`);
    await page.getByRole("heading", { name: "Tvåstegsverifiering" }).waitFor();
    await page.getByRole("button", { name: "Aktivera tvåstegsverifiering" }).click();
    const secret = (await page.locator(".totp-secret").innerText()).trim();
    expect(secret).toMatch(/^([A-Z2-7]{4} ){7}[A-Z2-7]{4}$/);
    rememberTotpSecret(server.url, email, secret);
    expect(await page.getByRole("img", { name: `QR-kod för Samverkan, kontot ${email}` }).getAttribute("src")).toMatch(/^data:image\/png;base64,/);
    await expectAxeClean(page);

    await page.getByLabel("Kod från appen").fill("000000");
    await page.getByRole("button", { name: "Bekräfta och aktivera" }).click();
    expect(await fieldError(page, "Kod från appen")).toContain("Koden stämmer inte");

    await page.getByLabel("Kod från appen").fill(await freshTotpCode(server.url, email));
    await page.getByRole("button", { name: "Bekräfta och aktivera" }).click();
    await page.getByRole("heading", { name: "Dina återställningskoder" }).waitFor();
    recoveryCodes = await page.locator(".recovery-codes code").allInnerTexts();
    expect(recoveryCodes).toHaveLength(10);
    await expectAxeClean(page);
    await page.getByRole("link", { name: "Jag har sparat koderna" }).click();
    await page.getByText("På sedan").waitFor();
    expect(await page.locator(".recovery-codes").count()).toBe(0);
    expect(await page.getByText("10 återställningskoder kvar").count()).toBe(1);
    await expectAxeClean(page);
    expect(errors).toEqual([]);
  });

  it("then asks for the code after the password; a wrong code shows its error next to the field; the page works by keyboard", async () => {
    const { page, errors } = await newPage(browser);
    await passwordStep(page, email);
    expect(new URL(page.url()).pathname).toBe("/login/kod");
    await page.getByRole("heading", { level: 1, name: "Ange kod" }).waitFor();
    await expectAxeClean(page);
    const field = page.getByLabel("Kod från appen");
    expect(await field.getAttribute("autocomplete")).toBe("one-time-code");
    expect(await field.getAttribute("inputmode")).toBe("numeric");
    const order = await tabOrder(page);
    expect(order).toEqual(expect.arrayContaining(["input:code", "button:Logga in", "a:Använd en återställningskod"]));

    await field.fill("123456");
    await page.getByRole("button", { name: "Logga in" }).click();
    expect(await fieldError(page, "Kod från appen")).toMatch(/Koden stämmer inte.*4 försök kvar/);
    await expectAxeClean(page);

    // By keyboard: the field, the code, Enter.
    await page.getByLabel("Kod från appen").focus();
    await page.keyboard.press("Control+A");
    await page.keyboard.type(await freshTotpCode(server.url, email));
    await Promise.all([page.waitForURL((url) => url.pathname === "/"), page.keyboard.press("Enter")]);
    await page.getByRole("button", { name: "Logga ut", exact: true }).waitFor();
    const [session] = queryServerDatabase<{ auth_method: string }>(
      server,
      "select s.auth_method from sessions s join people p on p.id = s.person_id where p.email = ? order by s.created_at desc limit 1",
      email,
    );
    expect(session.auth_method).toBe("password+totp");
    expect(errors).toEqual([]);
  });

  it("takes a recovery code instead, once", async () => {
    const { page, errors } = await newPage(browser);
    await passwordStep(page, email);
    await page.getByRole("link", { name: "Använd en återställningskod" }).click();
    await page.getByLabel("Återställningskod").waitFor();
    await expectAxeClean(page);
    await page.getByLabel("Återställningskod").fill(recoveryCodes[0]);
    await Promise.all([page.waitForURL((url) => url.pathname === "/"), page.getByRole("button", { name: "Logga in" }).click()]);
    await page.goto(`${server.url}/mitt-konto`);
    expect(await page.getByText("9 återställningskoder kvar").count()).toBe(1);
    await logOut(page);

    await passwordStep(page, email);
    await page.getByRole("link", { name: "Använd en återställningskod" }).click();
    await page.getByLabel("Återställningskod").fill(recoveryCodes[0]);
    await page.getByRole("button", { name: "Logga in" }).click();
    expect(await fieldError(page, "Återställningskod")).toContain("har redan använts");
    expect(errors).toEqual([]);
  });
});

describe("an administrator without an app", () => {
  const email = "ny.admin@example.se";

  it("is sent to set one up after the password and cannot reach the administration before finishing", async () => {
    const created = spawnSync(
      process.execPath,
      ["--import", "tsx", "server/cli/admin.ts", "create-admin", "--email", email, "--name", "Ny Admin", "--password", "tre ord som inte hör ihop"],
      { env: { ...process.env, DATABASE_PATH: server.databasePath }, encoding: "utf8" },
    );
    expect(created.stderr).toBe("");
    const { page, errors } = await newPage(browser);
    await page.goto(`${server.url}/login?redirectTo=${encodeURIComponent("/admin")}`);
    await page.getByLabel("E-postadress").fill(email);
    await page.getByLabel("Lösenord").fill("tre ord som inte hör ihop");
    await Promise.all([page.waitForURL((url) => url.pathname === "/login/aktivera-kod"), page.getByRole("button", { name: "Logga in" }).click()]);
    await page.getByRole("heading", { level: 1, name: "Aktivera tvåstegsverifiering" }).waitFor();
    await expectAxeClean(page);
    const secret = await page.locator(".totp-secret").innerText();

    // Half-way is no session: the administration sends to the login page.
    await page.goto(`${server.url}/admin`);
    expect(new URL(page.url()).pathname).toBe("/login");
    // The enrolment is still there, with the same secret.
    await page.goto(`${server.url}/login/aktivera-kod`);
    expect(await page.locator(".totp-secret").innerText()).toBe(secret);

    rememberTotpSecret(server.url, email, secret);
    await page.getByLabel("Kod från appen").fill(await freshTotpCode(server.url, email));
    await page.getByRole("button", { name: "Aktivera och logga in" }).click();
    await page.getByRole("heading", { name: "Dina återställningskoder" }).waitFor();
    expect(await page.locator(".recovery-codes code").count()).toBe(10);
    await expectAxeClean(page);
    await Promise.all([page.waitForURL((url) => url.pathname === "/admin"), page.getByRole("link", { name: "Jag har sparat koderna" }).click()]);
    await page.getByRole("heading", { level: 1 }).waitFor();
    expect(await page.title()).not.toContain("Logga in");

    // On Mitt konto an administrator can replace the app but not turn it off.
    await page.goto(`${server.url}/mitt-konto`);
    await page.getByText("På sedan").waitFor();
    expect(await page.getByRole("button", { name: "Stäng av" }).count()).toBe(0);
    expect(await page.getByRole("button", { name: "Byt till en ny app" }).count()).toBe(1);
    expect(errors).toEqual([]);
  });
});

describe("name and title on Mitt konto", () => {
  it("are edited by their owner, with errors next to the fields", async () => {
    const { page, errors } = await newPage(browser);
    await logIn(page, server.url, "karl.ljung@example.se");
    await page.goto(`${server.url}/mitt-konto`);
    await page.getByLabel("Namn", { exact: true }).fill(" ");
    await page.getByRole("button", { name: "Spara namn och befattning" }).click();
    expect(await fieldError(page, "Namn")).toContain("Ange ett namn.");
    await page.getByLabel("Namn", { exact: true }).fill("Karl Ljung Andersson");
    await page.getByLabel("Befattning").fill("Områdeschef");
    await page.getByRole("button", { name: "Spara namn och befattning" }).click();
    await page.getByRole("status").filter({ hasText: "Namn och befattning är sparade." }).waitFor();
    await expectAxeClean(page);
    // The message comes with the action's answer; the header's name with the page's data reloaded just after it.
    await page.locator(".site-header__user", { hasText: "Karl Ljung Andersson" }).waitFor();
    expect(await page.locator(".site-header__user").innerText()).toContain("Karl Ljung Andersson");
    const [person] = queryServerDatabase<{ name: string; title: string }>(server, "select name, title from people where email = ?", "karl.ljung@example.se");
    expect(person).toEqual({ name: "Karl Ljung Andersson", title: "Områdeschef" });
    expect(errors).toEqual([]);
  });
});
