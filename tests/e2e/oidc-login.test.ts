import type { Browser } from "playwright-core";
import { axeViolations, launchBrowser, logIn, newPage } from "../support/browser";
import { CookieJar, send, signInAtProvider, startOidcProvider, type TestOidcProvider } from "../support/oidc-provider";
import { queryServerDatabase, startServer, type RunningServer } from "../support/server";
import { demoPassword } from "../support/temp";

/**
 * Login through OpenID Connect against real providers (oidc-provider) in this process: "stad", and
 * "falsk", whose metadata names another issuer than the one the app is configured with.
 */
let stad: TestOidcProvider;
let falsk: TestOidcProvider;
let server: RunningServer;
let browser: Browser;

const client = { clientId: "samverkan", clientSecret: "en-hemlighet-for-testerna" };

beforeAll(async () => {
  [stad, falsk, browser] = await Promise.all([startOidcProvider(), startOidcProvider({ issuerHost: "localhost" }), launchBrowser()]);
  server = await startServer({
    // Plain http to a provider on this machine is allowed outside production only.
    NODE_ENV: "test",
    OIDC_PROVIDERS: JSON.stringify([
      { id: "stad", name: "Stockholms stad", issuer: stad.issuer, ...client },
      { id: "falsk", name: "Falska leverantören", issuer: falsk.url, ...client },
    ]),
  });
  const accounts = {
    ida: { email: "Ida.Gustafsson@example.se", email_verified: true },
    lena: { email: "lena.aberg@example.se", email_verified: true },
    okand: { email: "ingen.alls@example.se", email_verified: true },
    overifierad: { email: "helena.sjoberg@example.se", email_verified: false },
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
});
