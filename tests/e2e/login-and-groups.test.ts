import type { Browser } from "playwright-core";
import { launchBrowser, logIn, newPage } from "../support/browser";
import { startServer, type RunningServer } from "../support/server";

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("logging in and finding one's groups", () => {
  it("shows the Skärholmen district director their styrgrupp, and its required functions when opened", async () => {
    const { page, errors } = await newPage(browser);
    await logIn(page, server.url, "sdd.skarholmen@example.se");
    await page.getByRole("heading", { level: 1, name: "Mina grupper" }).waitFor();
    const card = page.locator(".card", { has: page.getByRole("link", { name: "Lokal styrgrupp Skärholmen" }) });
    await expect(card.textContent()).resolves.toContain("Ordförande, Stadsdelsdirektör");
    await expect(card.textContent()).resolves.toMatch(/\d+ av 2 möten hållna \d{4}/);

    await page.getByRole("link", { name: "Lokal styrgrupp Skärholmen" }).click();
    await page.getByRole("heading", { level: 1, name: "Lokal styrgrupp Skärholmen" }).waitFor();
    const functions = page.locator("table", { has: page.getByRole("columnheader", { name: "Funktion" }) }).first();
    const text = await functions.textContent();
    expect(text).toContain("Stadsdelsdirektör");
    expect(text).toContain("Lokalpolisområdeschef");
    expect(text).toContain("Saknas");
    // The page hydrated under the real CSP: no blocked scripts, and the client router runs.
    expect(await page.evaluate(() => "__remixRouter" in window)).toBe(true);
    expect(errors).toEqual([]);
  });

  it("refuses the Östermalm kommunpolis on Skärholmen's group page", async () => {
    const { page } = await newPage(browser);
    await logIn(page, server.url, "kommunpolis.ostermalm@example.se");
    await page.getByRole("link", { name: "Lokal beredningsgrupp Östermalm" }).waitFor();
    expect(await page.getByText("Skärholmen").count()).toBe(0);

    const groupId = await skarholmenStyrgruppId();
    const response = await page.goto(`${server.url}/grupper/${groupId}`);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("Sidan finns inte");
    expect(await page.getByText("Funktioner som överenskommelsen kräver").count()).toBe(0);
  });

  it("shows the Swedish error message for a wrong password and stays on the login page", async () => {
    const { page } = await newPage(browser);
    await page.goto(`${server.url}/login`);
    await page.getByLabel("E-postadress").fill("lpo.skarholmen@example.se");
    await page.getByLabel("Lösenord").fill("fel-lösenord");
    await page.getByRole("button", { name: "Logga in" }).click();
    const alert = page.getByRole("alert");
    await alert.waitFor();
    expect(await alert.textContent()).toBe("Fel e-postadress eller lösenord.");
    expect(new URL(page.url()).pathname).toBe("/login");
  });

  it("logging out ends the session: the home page asks for a login again", async () => {
    const { page } = await newPage(browser);
    await logIn(page, server.url, "lpo.skarholmen@example.se");
    await page.getByRole("button", { name: "Logga ut" }).click();
    await page.waitForURL((url) => url.pathname === "/login");
    await page.goto(`${server.url}/`);
    expect(new URL(page.url()).pathname).toBe("/login");
  });
});

/** Finds the group id as its chair sees it, through the real pages. */
async function skarholmenStyrgruppId(): Promise<string> {
  const { page } = await newPage(browser);
  await logIn(page, server.url, "sdd.skarholmen@example.se");
  const href = await page.getByRole("link", { name: "Lokal styrgrupp Skärholmen" }).getAttribute("href");
  await page.context().close();
  return href!.split("/").pop()!;
}
