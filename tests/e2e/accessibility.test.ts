import type { Browser, Page } from "playwright-core";
import { axeViolations, launchBrowser, logIn, newPage, tabOrder } from "../support/browser";
import { thisYear } from "../support/collab-client";
import { startServer, type RunningServer } from "../support/server";

let server: RunningServer;
let browser: Browser;
let admin: Page;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  ({ page: admin } = await newPage(browser));
  await logIn(admin, server.url, "admin@example.se");
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function expectAccessible(page: Page, path: string) {
  const response = await page.goto(`${server.url}${path}`);
  expect(response?.ok(), `${path} answered ${response?.status()}`).toBe(true);
  expect(await axeViolations(page), path).toEqual([]);
  const statement = page.getByRole("contentinfo").getByRole("link", { name: "Tillgänglighetsredogörelse" });
  expect(await statement.getAttribute("href"), path).toBe("/tillganglighet");
}

describe("WCAG 2.1 A/AA (axe-core) and the accessibility statement link", () => {
  it("the login page and the accessibility statement", async () => {
    const { page } = await newPage(browser);
    await expectAccessible(page, "/login");
    await expectAccessible(page, "/tillganglighet");
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("Tillgänglighetsredogörelse");
  });

  it("the login page with validation errors shown", async () => {
    const { page } = await newPage(browser);
    await page.goto(`${server.url}/login`);
    await page.getByRole("button", { name: "Logga in" }).click();
    await page.getByText("Ange en e-postadress.").waitFor();
    expect(await page.getByLabel("E-postadress").getAttribute("aria-invalid")).toBe("true");
    expect(await axeViolations(page)).toEqual([]);
  });

  it("home, a group page and an agreement page for a member", async () => {
    const { page } = await newPage(browser);
    await logIn(page, server.url, "sdd.skarholmen@example.se");
    await expectAccessible(page, "/");
    const groupHref = await page.getByRole("link", { name: "Lokal styrgrupp Skärholmen" }).getAttribute("href");
    await expectAccessible(page, groupHref!);
    await expectAccessible(page, "/overenskommelser/skarholmen");
    await expectAccessible(page, "/overenskommelser/stadsovergripande");
  });

  it("an agreement made before the city-wide one in force, which says it is due for revision under it", async () => {
    await expectAccessible(admin, "/overenskommelser/ostermalm");
    const relation = admin.locator("dt", { hasText: "Stadsövergripande överenskommelse" }).locator("xpath=following-sibling::dd[1]");
    await expect(relation.textContent()).resolves.toMatch(
      /^Ingicks före Stadsövergripande samverkansöverenskommelse, som gäller från och med 1 januari 2024\. Ska revideras enligt den\.$/,
    );
    await expectAccessible(admin, "/overenskommelser/skarholmen");
    expect(await admin.locator("dt", { hasText: "Utgår från" }).count()).toBe(1);
  });

  it("the administration pages", async () => {
    await expectAccessible(admin, "/admin");
    const personHref = await admin.locator('a[href^="/admin/personer/"]').first().getAttribute("href");
    const groupHref = await admin.getByRole("link", { name: "Ändra Lokal styrgrupp Skärholmen" }).getAttribute("href");
    await expectAccessible(admin, personHref!);
    await expectAccessible(admin, "/admin/grupper/ny");
    // The example name is a priority area, not a real place (naming one would say it has high crime).
    expect(await admin.getByText("Till exempel Arbetsgrupp barn och unga.").count()).toBe(1);
    await expectAccessible(admin, groupHref!);
    await expectAccessible(admin, "/admin/handelselogg");
  });

  it("the page shown for an unknown address", async () => {
    const { page } = await newPage(browser);
    await logIn(page, server.url, "lpo.skarholmen@example.se");
    const response = await page.goto(`${server.url}/grupper/999999`);
    expect(response?.status()).toBe(404);
    expect(await axeViolations(page)).toEqual([]);
  });
});

describe("the demo banner", () => {
  const bannerText = "Demodata – fiktiva personer och händelser.";

  it("says on every page of the demo, as a named region, that people and events are invented", async () => {
    const { page } = await newPage(browser);
    await page.goto(`${server.url}/login`);
    const banner = page.getByRole("region", { name: "Demodata" });
    await expect(banner.textContent()).resolves.toContain(bannerText);
    // Read in the page's landmarks, not announced as an alert on every navigation.
    expect(await banner.getAttribute("role")).toBeNull();
    expect(await page.locator('[role="alert"], [aria-live]').filter({ hasText: "Demodata" }).count()).toBe(0);
    await logIn(page, server.url, "sdd.skarholmen@example.se");
    await expect(page.getByRole("region", { name: "Demodata" }).textContent()).resolves.toContain(bannerText);
    expect(await axeViolations(page)).toEqual([]);
  });

  it("is absent from a production database without demo data", async () => {
    const production = await startServer({ SEED_DEMO: "false" });
    try {
      const { page } = await newPage(browser);
      await page.goto(`${production.url}/login`);
      await page.getByRole("button", { name: "Logga in" }).waitFor();
      expect(await page.getByText("Demodata").count()).toBe(0);
    } finally {
      await production.stop();
    }
  });
});

describe("reflow at 320 CSS pixels (WCAG 1.4.10)", () => {
  /** The page scrolls only vertically; a wide table scrolls sideways inside its own focusable region. */
  async function expectReflows(page: Page, path: string) {
    const response = await page.goto(`${server.url}${path}`);
    expect(response?.ok(), `${path} answered ${response?.status()}`).toBe(true);
    const { scrollWidth, clientWidth } = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      clientWidth: document.documentElement.clientWidth,
    }));
    expect(scrollWidth, `${path} is ${scrollWidth} px wide at ${clientWidth} px`).toBeLessThanOrEqual(clientWidth);
    expect(await axeViolations(page), path).toEqual([]);
  }

  it("member and administration pages, the meeting page among them", async () => {
    const { page } = await newPage(browser);
    await page.setViewportSize({ width: 320, height: 800 });
    await logIn(page, server.url, "sdd.skarholmen@example.se");
    const groupHref = (await page.getByRole("link", { name: "Lokal styrgrupp Skärholmen" }).getAttribute("href"))!;
    await page.goto(`${server.url}${groupHref}`);
    const meetingHref = (await page.locator('a[href^="/moten/"]').first().getAttribute("href"))!;
    // The first listed meeting is the next one; the second an approved one with §§ and justering.
    const approvedHref = (await page.locator('a[href^="/moten/"]').nth(1).getAttribute("href"))!;
    const pages = [
      "/",
      groupHref,
      meetingHref,
      approvedHref,
      "/overenskommelser/skarholmen",
      `/overenskommelser/skarholmen/lagesbild/${thisYear}`,
      "/uppdrag",
      "/beslut",
      "/tillganglighet",
    ];
    for (const path of pages) await expectReflows(page, path);

    await admin.setViewportSize({ width: 320, height: 800 });
    try {
      for (const path of ["/admin", "/admin/handelselogg", "/admin/grupper/ny"]) await expectReflows(admin, path);
    } finally {
      await admin.setViewportSize({ width: 1280, height: 720 });
    }
  });
});

describe("keyboard only", () => {
  it("logs in with the keyboard: skip link first, then the form in reading order, Enter submits", async () => {
    const { page } = await newPage(browser);
    await page.goto(`${server.url}/login`);
    const order = await tabOrder(page);
    expect(order[0]).toBe("a:Hoppa till huvudinnehåll");
    const email = order.indexOf("input:email");
    expect(order.slice(email, email + 3)).toEqual(["input:email", "input:password", "button:Logga in"]);
    expect(order).toContain("a:Tillgänglighetsredogörelse");

    await page.reload();
    await page.keyboard.press("Tab"); // skip link
    await page.keyboard.press("Tab"); // brand link
    await page.keyboard.press("Tab");
    await page.keyboard.type("sdd.skarholmen@example.se");
    await page.keyboard.press("Tab");
    await page.keyboard.type("demo-password-for-tests");
    await Promise.all([page.waitForURL((url) => url.pathname === "/"), page.keyboard.press("Enter")]);
    await page.getByRole("heading", { level: 1, name: "Mina grupper" }).waitFor();
  });

  it("reaches every link and button of the home page and opens a group with Enter", async () => {
    const { page } = await newPage(browser);
    await logIn(page, server.url, "sdd.skarholmen@example.se");
    const order = await tabOrder(page);
    for (const expected of ["a:Mina grupper", "button:Logga ut", "a:Lokal styrgrupp Skärholmen", "a:Tillgänglighetsredogörelse"]) {
      expect(order).toContain(expected);
    }
    for (let i = 0; i < 80; i++) {
      await page.keyboard.press("Tab");
      if ((await page.evaluate(() => document.activeElement?.textContent)) === "Lokal styrgrupp Skärholmen") break;
    }
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { level: 1, name: "Lokal styrgrupp Skärholmen" }).waitFor();
  });

  it("shows a visible focus indicator on focused controls", async () => {
    const { page } = await newPage(browser);
    await page.goto(`${server.url}/login`);
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    expect(outline).toBe("solid");
  });
});
