/**
 * Issue 16 in Chromium: the styrgrupp's chair shares a meeting with the beredningsgrupp by keyboard
 * ("Dela med beredningsgruppen", asked first in a dialog), and a member of the beredningsgrupp finds it on
 * the group's page and reads it, its live documents read-only. axe on the pages this changed.
 */
import type { Browser, Locator } from "playwright-core";
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

const isFocused = (locator: Locator) => locator.evaluate((el) => el === document.activeElement);

it("the chair shares a meeting by keyboard, and the beredningsgrupp's member reads it from the group's page", async () => {
  const [meeting] = queryServerDatabase<{ id: number }>(
    server,
    "select m.id from meetings m join groups g on g.id = m.group_id where g.name = 'Lokal styrgrupp Skärholmen' and m.status = 'planerat' order by m.starts_at limit 1",
  );
  const [beredning] = queryServerDatabase<{ id: number }>(server, "select id from groups where name = 'Lokal beredningsgrupp Skärholmen'");

  const chair = await newPage(browser);
  await logIn(chair.page, server.url, "sdd.skarholmen@example.se");
  await chair.page.goto(`${server.url}/moten/${meeting!.id}`);
  await chair.page.locator('[data-collab-editable="true"]').first().waitFor();
  const shareButton = chair.page.getByRole("button", { name: "Dela med beredningsgruppen" });
  expect(await axeViolations(chair.page)).toEqual([]);

  // Keyboard only: focus the button, Enter asks first, Shift+Tab from Avbryt to the confirming button, Enter shares.
  await shareButton.focus();
  await chair.page.keyboard.press("Enter");
  const dialog = chair.page.getByRole("dialog", { name: "Dela mötet med Lokal beredningsgrupp Skärholmen?" });
  await dialog.waitFor();
  expect(await isFocused(dialog.getByRole("button", { name: "Avbryt" }))).toBe(true);
  expect(await axeViolations(chair.page)).toEqual([]);
  await chair.page.keyboard.press("Shift+Tab");
  expect(await isFocused(dialog.getByRole("button", { name: "Ja, dela mötet" }))).toBe(true);
  await chair.page.keyboard.press("Enter");
  await chair.page.locator(".meeting-result .notice").getByText("Mötet är delat med beredningsgruppen.").waitFor();
  await chair.page.getByRole("button", { name: "Sluta dela med Lokal beredningsgrupp Skärholmen" }).waitFor();
  expect(queryServerDatabase(server, "select id from meeting_shares where meeting_id = ? and revoked_at is null", meeting!.id)).toHaveLength(1);
  expect(await axeViolations(chair.page)).toEqual([]);
  expect(chair.errors).toEqual([]);
  await chair.page.context().close();

  const preparer = await newPage(browser);
  await logIn(preparer.page, server.url, "daniel.lund@example.se");
  await preparer.page.goto(`${server.url}/grupper/${beredning!.id}`);
  const shared = preparer.page.getByRole("region", { name: "Möten som styrgruppen har delat" });
  const link = shared.getByRole("link", { name: /Styrgruppsmöte – Lokal styrgrupp Skärholmen/ });
  expect(await axeViolations(preparer.page)).toEqual([]);
  await link.focus();
  await preparer.page.keyboard.press("Enter");
  await preparer.page.waitForURL(`${server.url}/moten/${meeting!.id}`);
  await preparer.page.locator("[data-read-through-share]").getByText("Du kan läsa det, men inte ändra något.").waitFor();
  // The live documents open read-only; nothing to run, add or share.
  await preparer.page.locator('[data-collab-editable="false"]').first().waitFor();
  expect(await preparer.page.locator('[data-collab-editable="true"]').count()).toBe(0);
  expect(await preparer.page.getByRole("button", { name: "Lägg till ärende" }).count()).toBe(0);
  expect(await preparer.page.getByRole("button", { name: "Dela med beredningsgruppen" }).count()).toBe(0);
  // The way back leads to the reader's own group, not the styrgrupp they are not in.
  expect(await preparer.page.getByRole("navigation", { name: "Brödsmulor" }).getByRole("link", { name: "Lokal beredningsgrupp Skärholmen" }).count()).toBe(1);
  expect(await axeViolations(preparer.page)).toEqual([]);
  expect(preparer.errors).toEqual([]);
  await preparer.page.context().close();
});
