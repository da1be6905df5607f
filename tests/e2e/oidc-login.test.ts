import { createServer } from "node:net";
import type { Browser } from "playwright-core";
import { axeViolations, launchBrowser, logIn, newPage } from "../support/browser";
import { sessionCookie } from "../support/collab-client";
import { postForm } from "../support/form-posts";
import { CookieJar, send, signInAtProvider, startOidcProvider, type TestOidcProvider } from "../support/oidc-provider";
import { queryServerDatabase, startServer, type RunningServer } from "../support/server";
import { demoPassword } from "../support/temp";

/**
 * Login through OpenID Connect against real providers (oidc-provider) in this process: "stad", and
 * "falsk", whose metadata names another issuer than the one the app is configured with; "nere" is a
 * provider that does not answer at all.
 */
let stad: TestOidcProvider;
let falsk: TestOidcProvider;
let server: RunningServer;
let browser: Browser;
let downIssuer: string;

/** An address nothing listens on: a port just freed. */
async function closedPortUrl(): Promise<string> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return `http://127.0.0.1:${port}`;
}

const client = { clientId: "samverkan", clientSecret: "en-hemlighet-for-testerna" };

beforeAll(async () => {
  [stad, falsk, browser, downIssuer] = await Promise.all([
    startOidcProvider(),
    startOidcProvider({ issuerHost: "localhost" }),
    launchBrowser(),
    closedPortUrl(),
  ]);
  server = await startServer({
    // Plain http to a provider on this machine is allowed outside production only.
    NODE_ENV: "test",
    OIDC_PROVIDERS: JSON.stringify([
      { id: "stad", name: "Stockholms stad", issuer: stad.issuer, ...client },
      { id: "falsk", name: "Falska leverantören", issuer: falsk.url, ...client },
      { id: "nere", name: "Nere", issuer: downIssuer, ...client },
    ]),
  });
  const accounts = {
    ida: { email: "Ida.Gustafsson@example.se", email_verified: true },
    lena: { email: "lena.aberg@example.se", email_verified: true },
    okand: { email: "ingen.alls@example.se", email_verified: true },
    overifierad: { email: "helena.sjoberg@example.se", email_verified: false },
    admin: { email: "admin@example.se", email_verified: true },
  };
  stad.configure({ ...client, redirectUris: [`${server.url}/login/oidc/stad/callback`] }, accounts);
  falsk.configure({ ...client, redirectUris: [`${server.url}/login/oidc/falsk/callback`] }, accounts);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await Promise.all([stad?.close(), falsk?.close()]);
});

/** The login page's provider button, as a client without JavaScript posts it: the answer and the jar with the state cookie. */
async function pressProviderButton(jar: CookieJar, provider: string, redirectTo = "/") {
  return send(jar, `${server.url}/login/oidc/${provider}`, {
    method: "POST",
    body: new URLSearchParams({ redirectTo }),
    headers: { Origin: server.url },
  });
}

/** Signs in at "stad" as `login` and returns the callback URL the provider sends back to, not yet called. */
async function callbackAfterSignIn(jar: CookieJar, login: string, redirectTo = "/") {
  const started = await pressProviderButton(jar, "stad", redirectTo);
  if (started.status !== 302) throw new Error(`${started.status}: ${server.output().slice(-3000)}`);
  return signInAtProvider(jar, started.headers.get("location")!, login);
}

describe("login through an identity provider, over HTTP", () => {
  it("maps the verified e-mail to the person, links the identity and opens a session; a replayed callback is refused", async () => {
    const jar = new CookieJar();
    const callback = await callbackAfterSignIn(jar, "ida", "/uppdrag");
    expect(callback).toMatch(new RegExp(`^${server.url}/login/oidc/stad/callback\\?`));
    const answer = await send(jar, callback);
    expect(answer.status).toBe(302);
    expect(answer.headers.get("location")).toBe("/uppdrag");
    const page = await send(jar, `${server.url}/uppdrag`);
    expect(page.status).toBe(200);

    const [identity] = queryServerDatabase<{ email: string; provider: string; issuer: string; subject: string }>(
      server,
      "select p.email, i.provider, i.issuer, i.subject from person_identities i join people p on p.id = i.person_id",
    );
    expect(identity).toEqual({ email: "ida.gustafsson@example.se", provider: "stad", issuer: stad.issuer, subject: "ida" });
    const audit = queryServerDatabase<{ payload: string }>(server, "select payload from audit_log where action = 'person.logged_in_oidc'");
    expect(audit.map((row) => JSON.parse(row.payload))).toEqual([{ provider: "stad", issuer: stad.issuer, linked: true }]);

    // The same code and state again, even with the browser's state cookie as it was before the first call.
    const replayJar = new CookieJar();
    const again = await callbackAfterSignIn(replayJar, "ida");
    const cookieBefore = replayJar.header();
    expect((await send(replayJar, again)).status).toBe(302);
    const replayed = await fetch(again, { headers: { Cookie: cookieBefore }, redirect: "manual" });
    expect(replayed.status).toBe(403);
    expect(await replayed.text()).toContain("Inloggningen är redan genomförd");
    expect(replayed.headers.getSetCookie().some((c) => c.startsWith("samverkan_session="))).toBe(false);
  });

  it("asks an administrator for the app's code after the provider, as after a password: no session before it", async () => {
    const jar = new CookieJar();
    const answer = await send(jar, await callbackAfterSignIn(jar, "admin", "/admin"));
    expect(answer.status).toBe(302);
    expect(answer.headers.get("location")).toBe("/login/kod");
    expect(jar.has("samverkan_session")).toBe(false);
    expect((await send(jar, `${server.url}/admin`)).status).toBe(302);
  });

  it("refuses an unknown e-mail address with a page saying so, and creates nobody", async () => {
    const jar = new CookieJar();
    const answer = await send(jar, await callbackAfterSignIn(jar, "okand"));
    expect(answer.status).toBe(403);
    expect(await answer.text()).toContain("Ingen användare med adressen ingen.alls@example.se finns i Samverkan; be en administratör lägga till dig.");
    expect(queryServerDatabase(server, "select id from people where email = 'ingen.alls@example.se'")).toEqual([]);
    expect(jar.has("samverkan_session")).toBe(false);
  });

  it("refuses an e-mail address the provider has not verified", async () => {
    const jar = new CookieJar();
    const answer = await send(jar, await callbackAfterSignIn(jar, "overifierad"));
    expect(answer.status).toBe(403);
    expect(await answer.text()).toContain("Stockholms stad har inte bekräftat din e-postadress");
    expect(queryServerDatabase(server, "select id from person_identities where subject = 'overifierad'")).toEqual([]);
  });

  it("refuses a provider whose metadata names another issuer than the configured one", async () => {
    const jar = new CookieJar();
    const answer = await pressProviderButton(jar, "falsk");
    expect(answer.status).toBe(503);
    expect(await answer.text()).toContain("Inloggning via Falska leverantören fungerar inte just nu.");
    expect(jar.has("samverkan_oidc")).toBe(false);
    expect(server.output()).toContain("discovered metadata issuer does not match the expected issuer");
  });

  it("refuses a response brought to another provider's callback, and a callback in a browser that did not start the login", async () => {
    const jar = new CookieJar();
    const callback = new URL(await callbackAfterSignIn(jar, "ida"));
    const elsewhere = await send(jar, `${server.url}/login/oidc/falsk/callback${callback.search}`);
    expect(elsewhere.status).toBe(403);
    expect(await elsewhere.text()).toContain("Inloggningen går inte att slutföra");

    const otherBrowser = await fetch(callback, { redirect: "manual" });
    expect(otherBrowser.status).toBe(403);
    expect(await otherBrowser.text()).toContain("påbörjades i en annan webbläsare");
  });

  it("with password login off for an organisation, refuses its people's passwords like a wrong one, sends no reset link, and lets them in through the provider", async () => {
    const admin = await sessionCookie(server, "admin@example.se");
    const [organisation] = queryServerDatabase<{ id: number }>(server, "select organisation_id as id from people where email = 'lena.aberg@example.se'");
    const off = await postForm(server, `/admin/organisationer/${organisation.id}`, admin, { intent: "password-login", enabled: "false" });
    expect(off.status).toBe(200);
    expect(off.body).toContain("Inloggning med lösenord är avstängd.");
    expect(queryServerDatabase(server, "select password_login from organisations where id = ?", organisation.id)).toEqual([{ password_login: 0 }]);

    const password = await postForm(server, "/login", "", { email: "lena.aberg@example.se", password: demoPassword });
    expect(password.status).toBe(200);
    expect(password.body).toContain("Fel e-postadress eller lösenord.");

    const mailsBefore = queryServerDatabase(server, "select id from mail_outbox where to_address = 'lena.aberg@example.se'").length;
    const reset = await postForm(server, "/glomt-losenord", "", { email: "lena.aberg@example.se" });
    expect(reset.body).toContain("Om adressen finns hos oss");
    expect(queryServerDatabase(server, "select id from mail_outbox where to_address = 'lena.aberg@example.se'")).toHaveLength(mailsBefore);

    // An invitation tells her to sign in through the provider: no link to choose a password.
    const [lena] = queryServerDatabase<{ id: number }>(server, "select id from people where email = 'lena.aberg@example.se'");
    const invited = await postForm(server, `/admin/personer/${lena.id}`, admin, { intent: "invite" });
    expect(invited.body).toContain("En inbjudan är skickad till lena.aberg@example.se.");
    const [mail] = queryServerDatabase<{ text: string }>(
      server,
      "select text from mail_outbox where to_address = 'lena.aberg@example.se' order by id desc limit 1",
    );
    expect(mail.text).toContain("Din organisation loggar in med sin egen inloggningstjänst");
    expect(mail.text).toContain(`${server.url.replace("127.0.0.1", "localhost")}/login`);
    expect(queryServerDatabase(server, "select id from account_tokens where person_id = ?", lena.id)).toEqual([]);

    const jar = new CookieJar();
    const answer = await send(jar, await callbackAfterSignIn(jar, "lena", "/uppdrag"));
    expect(answer.status).toBe(302);
    expect(answer.headers.get("location")).toBe("/uppdrag");
    expect(jar.has("samverkan_session")).toBe(true);
  });

  it("lets the login page's forms post to the providers' origins and nowhere else (the CSP's form-action)", async () => {
    const page = await fetch(`${server.url}/login`);
    const csp = page.headers.get("content-security-policy") ?? "";
    expect(csp).toContain(`form-action 'self' ${stad.url} ${falsk.url} ${downIssuer};`);
  });
});

describe("login through an identity provider, in Chromium", () => {
  it("the provider button leads through the provider's login back to the page the person was headed for, logged in as the mapped person", async () => {
    const { page, errors } = await newPage(browser);
    await page.goto(`${server.url}/login?redirectTo=${encodeURIComponent("/uppdrag")}`);
    const button = page.getByRole("button", { name: "Logga in med Stockholms stad" });
    await button.waitFor();
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await Promise.all([page.waitForURL((url) => url.origin === stad.url), button.click()]);
    // The provider's own page fetches a web font it cannot get here: not the app's error.
    await page.waitForLoadState("load");
    errors.length = 0;
    await page.locator('input[name="login"]').fill("ida");
    await page.locator('input[name="password"]').fill("vad som helst");
    await Promise.all([page.waitForURL(`${server.url}/uppdrag`), page.getByRole("button", { name: "Sign-in" }).click()]);
    await page.getByRole("heading", { level: 1, name: "Mina uppdrag" }).waitFor();
    await page.goto(`${server.url}/mitt-konto`);
    expect(await page.locator(".facts").textContent()).toContain("ida.gustafsson@example.se");
    expect(errors).toEqual([]);
  });

  it("without JavaScript, the button's post is redirected to the provider (the CSP allows it)", async () => {
    const context = await browser.newContext({ locale: "sv-SE", javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      const refused: string[] = [];
      page.on("console", (message) => {
        if (message.text().includes("Content Security Policy")) refused.push(message.text());
      });
      await page.goto(`${server.url}/login`);
      await Promise.all([page.waitForURL((url) => url.origin === stad.url), page.getByRole("button", { name: "Logga in med Stockholms stad" }).click()]);
      await page.locator('input[name="login"]').waitFor();
      expect(refused).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("a provider that does not answer gives a Swedish error on the login page, which keeps where the person was headed", async () => {
    const { page, errors } = await newPage(browser);
    await page.goto(`${server.url}/login?redirectTo=${encodeURIComponent("/uppdrag")}`);
    await page.getByRole("button", { name: "Logga in med Nere" }).click();
    const alert = page.getByRole("alert");
    await alert.waitFor();
    expect(await alert.textContent()).toBe("Inloggning via Nere fungerar inte just nu. Försök igen om en stund.");
    expect(await axeViolations(page)).toEqual([]);
    // The password still works, and still goes where the person was headed.
    await page.getByLabel("E-postadress").fill("erik.sandberg@example.se");
    await page.getByLabel("Lösenord").fill(demoPassword);
    await Promise.all([page.waitForURL(`${server.url}/uppdrag`), page.getByRole("button", { name: "Logga in", exact: true }).click()]);
    // The provider's answer (503) is the one console error.
    expect(errors).toEqual(["Failed to load resource: the server responded with a status of 503 (Service Unavailable)"]);
  });

  it("an administrator turns password login off and on again on the organisation's page", async () => {
    const { page, errors } = await newPage(browser);
    await logIn(page, server.url, "admin@example.se");
    const [organisation] = queryServerDatabase<{ id: number }>(server, "select id from organisations where name = 'Polisregion Stockholm'");
    await page.goto(`${server.url}/admin/organisationer/${organisation.id}`);
    await page.getByRole("heading", { level: 2, name: "Inloggning med lösenord" }).waitFor();
    expect(await page.getByText("Stockholms stad, Falska leverantören, Nere").count()).toBe(1);
    await page.getByRole("button", { name: "Stäng av inloggning med lösenord" }).click();
    await page.getByText("Inloggning med lösenord är avstängd.").waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole("button", { name: "Slå på inloggning med lösenord" }).click();
    await page.getByText("Inloggning med lösenord är påslagen.").waitFor();
    const audit = queryServerDatabase<{ payload: string }>(
      server,
      "select payload from audit_log where action = 'organisation.password_login' and subject = ?",
      `organisation:${organisation.id}`,
    );
    expect(audit.map((row) => JSON.parse(row.payload))).toEqual([{ enabled: false }, { enabled: true }]);

    // The person page lists the accounts linked at a first login, and removes one.
    const [ida] = queryServerDatabase<{ id: number }>(server, "select id from people where email = 'ida.gustafsson@example.se'");
    await page.goto(`${server.url}/admin/personer/${ida.id}`);
    const linked = page.getByRole("table", { name: "Inloggningstjänster" });
    expect(await linked.getByRole("cell", { name: "Stockholms stad", exact: true }).count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole("button", { name: "Ta bort kopplingen till Stockholms stad" }).click();
    await page.getByText("Kopplingen är borttagen.").waitFor();
    await page.getByText("Personen har inte loggat in via någon inloggningstjänst.").waitFor();
    expect(queryServerDatabase(server, "select id from person_identities where person_id = ?", ida.id)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it("an unknown e-mail address ends on the login page with the reason, focused, and the other ways to log in", async () => {
    const { page, errors } = await newPage(browser);
    await page.goto(`${server.url}/login`);
    await Promise.all([page.waitForURL((url) => url.origin === stad.url), page.getByRole("button", { name: "Logga in med Stockholms stad" }).click()]);
    await page.waitForLoadState("load");
    errors.length = 0;
    await page.locator('input[name="login"]').fill("okand");
    await page.locator('input[name="password"]').fill("vad som helst");
    await Promise.all([page.waitForURL((url) => url.pathname === "/login/oidc/stad/callback"), page.getByRole("button", { name: "Sign-in" }).click()]);
    const alert = page.getByRole("alert");
    await alert.waitFor();
    expect(await alert.textContent()).toBe("Ingen användare med adressen ingen.alls@example.se finns i Samverkan; be en administratör lägga till dig.");
    await page.waitForFunction(() => document.activeElement?.getAttribute("role") === "alert");
    expect(await page.getByLabel("E-postadress").count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    // The refusal page's own status (403) is the one console error.
    expect(errors).toEqual(["Failed to load resource: the server responded with a status of 403 (Forbidden)"]);
  });
});
