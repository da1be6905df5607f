/**
 * Without SMTP the queued mail stays in the outbox, and an administrator reads it at /admin/utkorg
 * (Chromium, axe); anyone else gets 403.
 */
import Database from "better-sqlite3";
import type { Browser } from "playwright-core";
import { axeViolations, launchBrowser, logIn, newPage } from "../support/browser";
import { sessionCookie } from "../support/collab-client";
import { getPath } from "../support/form-posts";
import { startServer, type RunningServer } from "../support/server";

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

it("lists a queued message with its status and shows its text, axe clean", async () => {
  const sqlite = new Database(server.databasePath);
  const now = new Date().toISOString();
  sqlite
    .prepare(
      "insert into mail_outbox (kind, person_id, to_address, subject, text, html, ics, dedupe_key, next_attempt_at, created_at) values ('kallelse', null, 'karl.ljung@example.se', 'Kallelse: testmöte', ?, '<p>x</p>', 'BEGIN:VCALENDAR', 'outbox-test', ?, ?)",
    )
    .run("Hej Karl!\nDu kallas till mötet.", now, now);
  sqlite.close();

  const { page, errors } = await newPage(browser);
  await logIn(page, server.url, "admin@example.se");
  await page.goto(`${server.url}/admin`);
  await page.getByRole("link", { name: "Utkorg" }).click();
  await page.waitForURL(/\/admin\/utkorg$/);
  const row = page.locator("tr", { hasText: "Kallelse: testmöte" });
  // The URL changes before the client router has rendered the page: wait for the row itself.
  await row.getByRole("cell", { name: "karl.ljung@example.se" }).waitFor();
  await expect(row.getByRole("cell", { name: "karl.ljung@example.se" }).count()).resolves.toBe(1);
  await expect(row.innerText()).resolves.toMatch(/Väntar/);
  await expect(page.getByText("Ingen e-postserver är inställd").count()).resolves.toBe(1);
  expect(await axeViolations(page)).toEqual([]);

  await row.getByRole("link", { name: "Kallelse: testmöte" }).click();
  // The URL changes before the client router has rendered the message.
  await page.getByRole("heading", { level: 2, name: "Kallelse: testmöte" }).waitFor();
  await expect(page.locator("pre").first().innerText()).resolves.toContain("Du kallas till mötet.");
  expect(await axeViolations(page)).toEqual([]);
  expect(errors).toEqual([]);
  await page.close();
});

it("is for administrators only", async () => {
  const answer = await getPath(server, "/admin/utkorg", await sessionCookie(server, "karl.ljung@example.se"));
  expect(answer.status).toBe(403);
});
