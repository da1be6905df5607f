import type { Browser, Page } from "playwright-core";
import { axeViolations, launchBrowser, logIn, newPage } from "../support/browser";
import { addressesOf, linkInCapturedMail, startServerWithMail } from "../support/captured-mail";
import { queryServerDatabase, type RunningServer } from "../support/server";
import { startSmtpCapture, type CapturedSmtp } from "../support/smtp";
import { demoPassword } from "../support/temp";

let server: RunningServer;
let browser: Browser;
let smtp: CapturedSmtp;

beforeAll(async () => {
  smtp = await startSmtpCapture();
  [server, browser] = await Promise.all([startServerWithMail(smtp), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await smtp?.close();
});

/** The "captured e-mail": the message the real SMTP server received, and the link in its text. */
const linkInNewestMail = (to: string, path: "aterstall" | "inbjudan", count = 1) => linkInCapturedMail(smtp, to, path, count);

async function expectNoAxeViolations(page: Page) {
  expect(await axeViolations(page)).toEqual([]);
}

async function choosePassword(page: Page, link: string, password: string) {
  await page.goto(link);
  await page.getByLabel("Nytt lösenord").fill(password);
  await page.getByRole("button", { name: "Spara lösenordet" }).click();
  await page.getByText("Lösenordet är sparat").waitFor();
}

describe("forgot password", () => {
  it("e-mails a one-time link; the new password logs in, the old one and the used link do not", async () => {
    const email = "helena.sjoberg@example.se";
    const { page, errors } = await newPage(browser);
    await page.goto(`${server.url}/login`);
    await page.getByRole("link", { name: "Glömt lösenordet?" }).click();
    await page.getByRole("heading", { level: 1, name: "Glömt lösenordet" }).waitFor();
    await expectNoAxeViolations(page);
    await page.getByLabel("E-postadress").fill(email);
    await page.getByRole("button", { name: "Skicka länk" }).click();
    const answer = await page.getByRole("status").textContent();
    expect(answer).toContain("Om adressen finns hos oss");

    // An unknown address gets the very same answer.
    await page.getByLabel("E-postadress").fill("ingen.alls@example.se");
    await page.getByRole("button", { name: "Skicka länk" }).click();
    await page.waitForLoadState("networkidle");
    expect(await page.getByRole("status").textContent()).toBe(answer);

    const link = await linkInNewestMail(email, "aterstall");
    // The unknown address got nothing.
    expect(smtp.messages.flatMap(addressesOf)).not.toContain("ingen.alls@example.se");
    // Opening the link changes nothing and logs nobody in; no request from the page repeats its URL (the token).
    const response = await page.goto(link);
    expect(response?.headers()["referrer-policy"]).toBe("strict-origin");
    await page.getByRole("heading", { level: 1, name: "Välj ett nytt lösenord" }).waitFor();
    await expectNoAxeViolations(page);
    await page.getByLabel("Nytt lösenord").fill("kort");
    await page.getByRole("button", { name: "Spara lösenordet" }).click();
    await page.getByText("Lösenordet måste ha minst 12 tecken.").waitFor();
    await page.getByLabel("Nytt lösenord").fill("vinterns blåa spårvagn klockan sju");
    await page.getByRole("button", { name: "Spara lösenordet" }).click();
    await page.getByText("Lösenordet är sparat").waitFor();
    await expectNoAxeViolations(page);

    await logIn(page, server.url, email, "vinterns blåa spårvagn klockan sju");
    await page.getByRole("heading", { level: 1, name: "Mina grupper" }).waitFor();

    const other = (await newPage(browser)).page;
    await other.goto(link);
    await other.getByText("Länken går inte att använda").waitFor();
    expect(await other.getByLabel("Nytt lösenord").count()).toBe(0);
    await other.goto(`${server.url}/login`);
    await other.getByLabel("E-postadress").fill(email);
    await other.getByLabel("Lösenord").fill(demoPassword);
    await other.getByRole("button", { name: "Logga in" }).click();
    await other.getByRole("alert").waitFor();
    expect(errors).toEqual([]);
  });
});

describe("my account", () => {
  it("shows the person and their sessions, refuses a wrong current password next to its field, and changes the password", async () => {
    const email = "ida.gustafsson@example.se";
    const { page } = await newPage(browser);
    await logIn(page, server.url, email);
    await page.getByRole("link", { name: /Mitt konto/ }).click();
    await page.getByRole("heading", { level: 1, name: "Mitt konto" }).waitFor();
    expect(await page.locator(".facts").textContent()).toContain(email);
    expect(await page.getByRole("table").textContent()).toContain("Chrome på Linux (den här)");
    await expectNoAxeViolations(page);

    await page.getByLabel("Nuvarande lösenord").fill("inte mitt lösenord alls");
    await page.getByLabel("Nytt lösenord").fill("sommarens gröna cykel vid sjön");
    await page.getByRole("button", { name: "Byt lösenord" }).click();
    const currentField = page.getByLabel("Nuvarande lösenord");
    await page.getByText("Det nuvarande lösenordet stämmer inte.").waitFor();
    expect(await currentField.getAttribute("aria-invalid")).toBe("true");
    expect(await currentField.getAttribute("aria-describedby")).toBeTruthy();
    const failures = queryServerDatabase<{ n: number }>(server, "select count(*) as n from login_failures where email = ?", email);
    expect(failures[0].n).toBe(1);

    await page.getByLabel("Nuvarande lösenord").fill(demoPassword);
    await page.getByLabel("Nytt lösenord").fill("sommarens gröna cykel vid sjön");
    await page.getByRole("button", { name: "Byt lösenord" }).click();
    await page.getByText("Lösenordet är bytt").waitFor();
    // This session stays.
    await page.goto(`${server.url}/mitt-konto`);
    await page.getByRole("heading", { level: 1, name: "Mitt konto" }).waitFor();
  });

  it("'Logga ut överallt' ends another browser's session: its next navigation goes to the login page", async () => {
    const email = "jonas.hedberg@example.se";
    const first = (await newPage(browser)).page;
    const second = (await newPage(browser)).page;
    await logIn(first, server.url, email);
    await logIn(second, server.url, email);
    await first.goto(`${server.url}/mitt-konto`);
    expect(await first.getByRole("row").count()).toBe(3);
    await first.getByRole("button", { name: "Logga ut överallt" }).click();
    await first.waitForURL((url) => url.pathname === "/login");
    await second.goto(`${server.url}/uppdrag`);
    expect(new URL(second.url()).pathname).toBe("/login");
  });
});

describe("invitations", () => {
  it("an administrator adds a person without a password; the invitation's link lets them choose one and log in", async () => {
    const { page, errors } = await newPage(browser);
    await logIn(page, server.url, "admin@example.se");
    await page.goto(`${server.url}/admin`);
    await page.getByLabel("Namn").fill("Nora Inbjuden");
    await page.getByLabel("E-postadress").fill("nora.inbjuden@example.se");
    await Promise.all([page.waitForURL(/\/admin\/personer\/\d+$/), page.getByRole("button", { name: "Lägg till person" }).click()]);
    await page.getByText(/Skickad \d{4}-\d{2}-\d{2}, länken gäller/).waitFor();
    await expectNoAxeViolations(page);

    // A new invitation voids the first one's link.
    const firstLink = await linkInNewestMail("nora.inbjuden@example.se", "inbjudan");
    await page.getByRole("button", { name: "Skicka ny inbjudan" }).click();
    await page.getByText("En inbjudan är skickad till nora.inbjuden@example.se.").waitFor();
    const link = await linkInNewestMail("nora.inbjuden@example.se", "inbjudan", 2);
    expect(link).not.toBe(firstLink);

    const invited = (await newPage(browser)).page;
    await invited.goto(firstLink);
    await invited.getByText("Länken går inte att använda").waitFor();
    await invited.goto(link);
    await invited.getByRole("heading", { level: 1, name: "Välkommen till Samverkan" }).waitFor();
    await expectNoAxeViolations(invited);
    await choosePassword(invited, link, "höstens röda lykta på bron");
    await logIn(invited, server.url, "nora.inbjuden@example.se", "höstens röda lykta på bron");
    await invited.getByRole("heading", { level: 1, name: "Mina grupper" }).waitFor();
    await page.reload();
    await page.getByText(/Skickad \d{4}-\d{2}-\d{2}, antagen/).waitFor();
    expect(errors).toEqual([]);
  });
});
