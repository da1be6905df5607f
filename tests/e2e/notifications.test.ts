/**
 * In-app notices in Chromium: the header's "Notiser" link says how many are unread in its name; a
 * kallelse shows up, opening it marks it read and leads to the meeting; "Markera alla som lästa";
 * the channel choices per kind, the daily digest and the put-up notice among them (the kallelse cannot
 * be turned off). axe on both pages.
 */
import type { Browser } from "playwright-core";
import { axeViolations, launchBrowser, logIn, newPage } from "../support/browser";
import { sessionCookie } from "../support/collab-client";
import { postForm } from "../support/form-posts";
import { styrgruppMinutes } from "../support/rights-fixture";
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

const unreadOf = (email: string) =>
  queryServerDatabase<{ n: number }>(
    server,
    "select count(*) as n from notifications n join people p on p.id = n.person_id where p.email = ? and n.read_at is null",
    email,
  )[0].n;

it("counts unread notices in the header, marks one read when opened, and all at once", async () => {
  const chairCookie = await sessionCookie(server, "sdd.skarholmen@example.se");
  const { groupId } = styrgruppMinutes(server);
  const created = await fetch(`${server.url}/grupper/${groupId}`, {
    method: "POST",
    body: new URLSearchParams({ title: "Notismöte", date: "2027-02-11", startTime: "09:00", endTime: "10:00", location: "Bredängen", videoLink: "" }),
    headers: { Origin: server.url, Cookie: chairCookie },
    redirect: "manual",
  });
  const meetingId = Number(created.headers.get("location")!.split("/").pop());
  expect((await postForm(server, `/moten/${meetingId}`, chairCookie, { intent: "send-kallelse" })).status).toBe(200);

  const email = "karl.ljung@example.se";
  const unread = unreadOf(email);
  expect(unread).toBeGreaterThan(0);
  const { page, errors } = await newPage(browser);
  await logIn(page, server.url, email);
  await page.getByRole("link", { name: `Notiser, ${unread} olästa` }).press("Enter");
  await page.getByRole("heading", { level: 1, name: "Notiser" }).waitFor();
  expect(await axeViolations(page)).toEqual([]);

  // An unread notice's link says so first ("Oläst: …"), and its underline starts at the title, not at a space.
  const kallelse = page.getByRole("link", { name: /^Oläst\b.*Kallelse: Notismöte/ });
  expect(await kallelse.evaluate((link) => [...link.childNodes].some((node) => node.nodeType === Node.TEXT_NODE && /^\s/.test(node.textContent!)))).toBe(false);
  await kallelse.click();
  await page.waitForURL(new RegExp(`/moten/${meetingId}$`));
  await page.getByRole("link", { name: `Notiser, ${unread - 1} olästa` }).waitFor();
  expect(unreadOf(email)).toBe(unread - 1);

  await page.getByRole("link", { name: /^Notiser,/ }).press("Enter");
  await page.getByRole("button", { name: "Markera alla som lästa" }).click();
  await page.getByRole("status").filter({ hasText: "Alla notiser är markerade som lästa." }).waitFor();
  await page.getByRole("link", { name: "Notiser, inga olästa" }).waitFor();
  expect(unreadOf(email)).toBe(0);
  expect(errors).toEqual([]);
  await page.close();
});

it("keeps each person's channel per kind; the kallelse has no 'Av'", async () => {
  const { page, errors } = await newPage(browser);
  await logIn(page, server.url, "tove.hedlund@example.se");
  await page.goto(`${server.url}/notiser/installningar`);
  expect(await axeViolations(page)).toEqual([]);
  const kallelse = page.getByRole("group", { name: "Kallelse till möte" });
  await expect(kallelse.getByRole("radio").count()).resolves.toBe(2);
  await expect(kallelse.getByRole("radio", { name: "E-post och i appen" }).isChecked()).resolves.toBe(true);
  await page.getByRole("group", { name: "Protokoll justerat" }).getByRole("radio", { name: "Bara i appen" }).check();
  await page.getByRole("group", { name: "Protokoll att justera" }).getByRole("radio", { name: "Av" }).check();
  // The daily digest and the put-up notice are chosen like the others.
  await expect(page.getByRole("group", { name: "Lägesbild eller åtgärdsplan för beslut" }).getByRole("radio").count()).resolves.toBe(3);
  await page
    .getByRole("group", { name: /^Daglig påminnelse om uppdrag/ })
    .getByRole("radio", { name: "Bara i appen" })
    .check();
  await page.getByRole("button", { name: "Spara" }).click();
  await page.getByRole("status").filter({ hasText: "Dina val är sparade." }).waitFor();
  const rows = queryServerDatabase<{ kind: string; channel: string }>(
    server,
    "select kind, channel from notification_preferences np join people p on p.id = np.person_id where p.email = 'tove.hedlund@example.se' and channel != 'email' order by kind",
  );
  expect(rows).toEqual([
    { kind: "justering_requested", channel: "off" },
    { kind: "protocol_justerat", channel: "in_app" },
    { kind: "uppdrag_due", channel: "in_app" },
  ]);
  // A crafted post cannot turn the kallelse off.
  const refused = await postForm(server, "/notiser/installningar", await sessionCookie(server, "tove.hedlund@example.se"), { kallelse: "off" });
  expect(refused.body).toContain("Kallelser kan inte stängas av.");
  expect(errors).toEqual([]);
  await page.close();
});
