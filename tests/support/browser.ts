import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { chromium, type Browser, type Page } from "playwright-core";
import { chromiumPath } from "./chromium-path";
import { demoPassword } from "./temp";
import { freshTotpCode, rememberTotpSecret } from "./two-step";

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}

/**
 * A new page that records script errors and CSP violations, so a test can
 * assert the page hydrated cleanly under the real Content-Security-Policy.
 */
export async function newPage(browser: Browser): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ locale: "sv-SE" });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  return { page, errors };
}

/**
 * Logs in through the form; for an administrator also the code step (or, without an app yet, enrolment
 * with the secret read from the page, which tests/support/two-step.ts then remembers).
 */
export async function logIn(page: Page, baseUrl: string, email: string, password = demoPassword): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel("E-postadress").fill(email);
  await page.getByLabel("Lösenord").fill(password);
  await Promise.all([page.waitForURL((url) => url.pathname !== "/login"), page.getByRole("button", { name: "Logga in", exact: true }).click()]);
  const path = new URL(page.url()).pathname;
  if (path === "/login/kod") {
    await page.getByLabel("Kod från appen").fill(await freshTotpCode(baseUrl, email));
    await Promise.all([page.waitForURL((url) => url.pathname !== "/login/kod"), page.getByRole("button", { name: "Logga in" }).click()]);
  } else if (path === "/login/aktivera-kod") {
    rememberTotpSecret(baseUrl, email, await page.locator(".totp-secret").innerText());
    await page.getByLabel("Kod från appen").fill(await freshTotpCode(baseUrl, email));
    await page.getByRole("button", { name: "Aktivera och logga in" }).click();
    await Promise.all([page.waitForURL((url) => url.pathname !== "/login/aktivera-kod"), page.getByRole("link", { name: "Jag har sparat koderna" }).click()]);
  }
  // The URL changes before the client router has rendered the new page.
  await page.waitForFunction(() => !document.title.startsWith("Logga in") && !document.title.startsWith("Ange kod"));
}

/** Runs axe-core in the page against WCAG 2.1 A and AA and returns the violations, readable. */
export async function axeViolations(page: Page): Promise<string[]> {
  // evaluate() runs outside the page's CSP, unlike an injected <script>.
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run: (ctx: Document, opts: object) => Promise<{ violations: { id: string; help: string; nodes: { target: unknown[] }[] }[] }> };
      }
    ).axe;
    const result = await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
    return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => JSON.stringify(n.target)).join(", ")})`);
  });
  return violations;
}

/**
 * Tabs through the page, wrapping around, until focus comes back to an element already visited,
 * returning "tag:name" for each focused element (name: accessible text, or the
 * form field's name attribute).
 */
export async function tabOrder(page: Page, maxSteps = 80): Promise<string[]> {
  const order: string[] = [];
  await page.evaluate(() => {
    (document.activeElement as HTMLElement | null)?.blur();
    (window as unknown as { __tabSeen: Set<Element> }).__tabSeen = new Set();
  });
  for (let i = 0; i < maxSteps; i++) {
    await page.keyboard.press("Tab");
    const name = await page.evaluate(() => {
      const seen = (window as unknown as { __tabSeen: Set<Element> }).__tabSeen;
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return "";
      if (seen.has(el)) return null;
      seen.add(el);
      const label = el.getAttribute("aria-label") ?? el.getAttribute("name") ?? el.textContent ?? "";
      return `${el.tagName.toLowerCase()}:${label.trim()}`;
    });
    if (name === null) break;
    // Focus passing through the browser's own UI between the last and first element.
    if (name !== "") order.push(name);
  }
  return order;
}
