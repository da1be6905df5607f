/**
 * Issue 16 in Chromium: a police member of Skärholmen records an event of significant importance from the
 * agreement page; the city's chair sees the notice in the header, opens it, lands on the event and
 * acknowledges it by keyboard; the list shows "kvitterad". The kontaktuppgifter list the other party's
 * people, and the own phone is saved on Mitt konto. axe on every new page.
 */
import type { Browser } from "playwright-core";
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

const unreadOf = (email: string) =>
  queryServerDatabase<{ n: number }>(
    server,
    "select count(*) as n from notifications n join people p on p.id = n.person_id where p.email = ? and n.read_at is null",
    email,
  )[0].n;

const title = "Avspärrning vid idrottsplatsen under lördagen";

it("a police member records an event; the city's chair opens the notice and acknowledges it; the list says kvitterad", async () => {
  const police = await newPage(browser);
  await logIn(police.page, server.url, "karl.ljung@example.se");
  await police.page.goto(`${server.url}/overenskommelser/skarholmen`);
  await police.page.getByRole("link", { name: "Händelser av väsentlig betydelse" }).click();
  await police.page.getByRole("heading", { level: 1, name: "Händelser av väsentlig betydelse" }).waitFor();
  // The agreement's own clause, and who will be told, before anything is posted.
  await police.page.getByText("ska delges den andra partens beslutfattare i styrgruppen").waitFor();
  await police.page.getByText(/Underrättas direkt i Samverkan och med e-post: Sara Lindqvist/).waitFor();
  expect(await axeViolations(police.page)).toEqual([]);

  const today = new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Stockholm" }).format(new Date());
  await police.page.getByLabel("Vad har hänt (rubrik)").fill(title);
  await police.page.getByLabel("Datum").fill(today);
  await police.page.getByLabel("Plats (om den ska anges)").fill("Idrottsplatsen (plats B)");
  await police.page.getByLabel("Beskrivning").fill("Polisen spärrar av området runt idrottsplatsen under lördagen.");
  await police.page.getByRole("button", { name: "Registrera och underrätta" }).press("Enter");
  await police.page.getByRole("status").filter({ hasText: "Sara Lindqvist har underrättats" }).waitFor();
  const card = police.page.getByRole("listitem").filter({ has: police.page.getByRole("heading", { name: title }) });
  await card.getByText("ej kvitterad").waitFor();
  // The form is emptied for the next one.
  expect(await police.page.getByLabel("Vad har hänt (rubrik)").inputValue()).toBe("");
  expect(police.errors).toEqual([]);

  const email = "sdd.skarholmen@example.se";
  const unread = unreadOf(email);
  const chair = await newPage(browser);
  await logIn(chair.page, server.url, email);
  await chair.page.getByRole("link", { name: `Notiser, ${unread} olästa` }).press("Enter");
  await chair.page.getByRole("heading", { level: 1, name: "Notiser" }).waitFor();
  await chair.page.getByRole("link", { name: new RegExp(title) }).press("Enter");
  await chair.page.waitForURL(/\/overenskommelser\/skarholmen\/vasentliga-handelser#handelse-\d+$/);
  const chairCard = chair.page.getByRole("listitem").filter({ has: chair.page.getByRole("heading", { name: title }) });
  await chairCard.getByText("Idrottsplatsen (plats B)").waitFor();
  await chairCard.getByText(/Karl Ljung, Biträdande lokalpolisområdeschef \(för Polisregion Stockholm\)/).waitFor();
  expect(await axeViolations(chair.page)).toEqual([]);

  // By keyboard: Tab reaches "Kvittera", Enter acknowledges.
  const button = chairCard.getByRole("button", { name: /^Kvittera/ });
  await button.focus();
  await chair.page.keyboard.press("Enter");
  await chair.page.getByRole("status").filter({ hasText: "Du har kvitterat händelsen." }).waitFor();
  await chairCard.getByText(/kvitterad \d{4}-\d{2}-\d{2} \d{2}:\d{2}/).waitFor();
  expect(await chairCard.getByRole("button", { name: /^Kvittera/ }).count()).toBe(0);
  expect(unreadOf(email)).toBe(unread - 1);

  // The reporter's list says so too.
  await police.page.reload();
  await card.getByText(/kvitterad \d{4}-\d{2}-\d{2} \d{2}:\d{2}/).waitFor();
  expect(chair.errors).toEqual([]);
});

it("lists the other party's people on the kontaktuppgifter, with a vCard link, axe-clean and reachable by keyboard", async () => {
  const { page, errors } = await newPage(browser);
  await logIn(page, server.url, "sdd.skarholmen@example.se");
  await page.goto(`${server.url}/overenskommelser/skarholmen`);
  await page.getByRole("link", { name: "Kontaktuppgifter" }).press("Enter");
  await page.getByRole("heading", { level: 1, name: "Kontaktuppgifter" }).waitFor();
  const police = page.getByRole("table", { name: "Polisregion Stockholm i Lokal styrgrupp Skärholmen" });
  await police.getByRole("rowheader", { name: /Johan Bergström/ }).waitFor();
  await police.getByRole("link", { name: "070-000 00 02" }).waitFor();
  expect(await police.getByRole("link", { name: "070-000 00 02" }).getAttribute("href")).toBe("tel:0700000002");
  expect(await page.getByRole("link", { name: /vCard/ }).getAttribute("href")).toBe("/overenskommelser/skarholmen/kontakter.vcf");
  expect(await axeViolations(page)).toEqual([]);
  expect(errors).toEqual([]);
});

it("saves the own phone on Mitt konto, with a refusal at the field first", async () => {
  const { page, errors } = await newPage(browser);
  await logIn(page, server.url, "daniel.lund@example.se");
  await page.goto(`${server.url}/mitt-konto`);
  const field = page.getByLabel("Telefonnummer (arbete)");
  await field.fill("ring mig");
  await field.press("Enter");
  await page.getByText("Använd siffror, mellanslag").waitFor();
  expect(await field.getAttribute("aria-invalid")).toBe("true");
  await field.fill("070-000 00 42");
  await field.press("Enter");
  await page.getByRole("status").filter({ hasText: "Telefonnumret 070-000 00 42 är sparat." }).waitFor();
  expect(await axeViolations(page)).toEqual([]);
  // The form's own page (where a post without JavaScript lands).
  await page.goto(`${server.url}/mitt-konto/telefon`);
  expect(await page.getByLabel("Telefonnummer (arbete)").inputValue()).toBe("070-000 00 42");
  expect(await axeViolations(page)).toEqual([]);
  expect(errors).toEqual([]);
});
