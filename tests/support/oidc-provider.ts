import { createServer, type RequestListener, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import Provider, { type Configuration, type KoaContextWithOIDC } from "oidc-provider";

/** An account at the test provider: what its ID token and userinfo say about the person. */
export interface ProviderAccount {
  email: string;
  email_verified: boolean;
}

export interface ProviderClient {
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
}

export interface TestOidcProvider {
  /** The issuer the provider states in its metadata and tokens. */
  issuer: string;
  /** The provider's address on 127.0.0.1 (differs from `issuer` for a provider started with issuerHost "localhost"). */
  url: string;
  /** Configures the provider once the app's address (the redirect URI) is known; until then it answers 503. */
  configure: (client: ProviderClient, accounts: Record<string, ProviderAccount>) => void;
  close: () => Promise<void>;
}

/**
 * A real OpenID Connect provider (oidc-provider) in the test process, on 127.0.0.1 and a free port.
 * It listens before it is configured: the app needs the issuer at its start, the provider needs the
 * app's callback URL. Its login page (devInteractions) takes an account id in "login" and any
 * password; consent is granted at once, as for a first-party app. `issuerHost` "localhost" makes a
 * provider whose metadata names another issuer than the address the app is given.
 */
export async function startOidcProvider({ issuerHost = "127.0.0.1" }: { issuerHost?: "127.0.0.1" | "localhost" } = {}): Promise<TestOidcProvider> {
  let handler: RequestListener | null = null;
  const server: Server = createServer((req, res) => {
    // Browsers ask for it after the login page has loaded; a 404 would show as a console error on the next page.
    if (req.url === "/favicon.ico") return res.writeHead(204).end();
    if (handler) return handler(req, res);
    res.statusCode = 503;
    res.end("not configured yet");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const issuer = `http://${issuerHost}:${port}`;

  return {
    issuer,
    url: `http://127.0.0.1:${port}`,
    configure(client, accounts) {
      const configuration: Configuration = {
        clients: [
          {
            client_id: client.clientId,
            client_secret: client.clientSecret,
            redirect_uris: client.redirectUris,
            grant_types: ["authorization_code"],
            response_types: ["code"],
            token_endpoint_auth_method: "client_secret_basic",
          },
        ],
        claims: { openid: ["sub"], email: ["email", "email_verified"] },
        cookies: { keys: ["test-cookie-key-0123456789abcdef"] },
        features: { devInteractions: { enabled: true } },
        pkce: { required: () => true },
        async findAccount(_ctx: KoaContextWithOIDC, id: string) {
          const account = accounts[id];
          if (!account) return undefined;
          return { accountId: id, claims: async () => ({ sub: id, ...account }) };
        },
        // A first-party app: the person is not asked to consent, the grant is given at once.
        async loadExistingGrant(ctx: KoaContextWithOIDC) {
          const { Grant } = ctx.oidc.provider;
          const existing = ctx.oidc.result?.consent?.grantId ?? ctx.oidc.session!.grantIdFor(ctx.oidc.client!.clientId);
          if (existing) return Grant.find(existing);
          const grant = new Grant({ clientId: ctx.oidc.client!.clientId, accountId: ctx.oidc.session!.accountId });
          grant.addOIDCScope("openid email profile");
          await grant.save();
          return grant;
        },
      };
      const provider = new Provider(issuer, configuration);
      // A provider whose metadata names "localhost" must still answer on 127.0.0.1.
      provider.proxy = false;
      handler = provider.callback();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Cookies of a client that is not a browser: every cookie is sent to both the app and the provider (both on 127.0.0.1). */
export class CookieJar {
  private cookies = new Map<string, string>();

  store(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(";");
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a) || /^\s*expires=Thu, 01 Jan 1970/i.test(a));
      if (expired || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }

  has(name: string): boolean {
    return this.cookies.has(name);
  }
}

/** One request without following redirects, with the jar's cookies and keeping the new ones. */
export async function send(jar: CookieJar, url: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  if (jar.header()) headers.set("Cookie", jar.header());
  const response = await fetch(url, { ...init, headers, redirect: "manual" });
  jar.store(response);
  return response;
}

/**
 * Signs in at the provider as a client without a browser would: follows the authorization URL to
 * the login form, posts the account id and returns the URL the provider sends the browser back to
 * (the app's callback with code and state), without calling it.
 */
export async function signInAtProvider(jar: CookieJar, authorizationUrl: string, login: string): Promise<string> {
  let location = authorizationUrl;
  for (let step = 0; step < 10; step++) {
    const response = await send(jar, location);
    if (response.status === 200) {
      // The login form: post the account id to the interaction's own URL.
      await response.text();
      const posted = await send(jar, location, {
        method: "POST",
        body: new URLSearchParams({ prompt: "login", login, password: "vad som helst" }),
      });
      if (posted.status !== 303 && posted.status !== 302) throw new Error(`provider login refused: ${posted.status} ${await posted.text()}`);
      location = new URL(posted.headers.get("location")!, location).href;
      continue;
    }
    if (response.status < 300 || response.status >= 400) throw new Error(`provider answered ${response.status}: ${await response.text()}`);
    const next = new URL(response.headers.get("location")!, location);
    if (next.origin !== new URL(authorizationUrl).origin) return next.href;
    location = next.href;
  }
  throw new Error("too many redirects at the provider");
}
