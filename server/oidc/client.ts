import * as client from "openid-client";
import { isLoopbackIssuer, oidcSettings, type OidcProvider } from "./providers";

/** A provider slower than this to answer is treated as down: the login page must not hang. */
const REQUEST_TIMEOUT_SECONDS = 10;

/**
 * The provider's discovered configuration, fetched on first use and kept for the life of the
 * process: one request per provider, not one per login. A failed discovery is not kept, so the
 * next login tries again once the provider is back.
 */
const configurations = new Map<string, Promise<client.Configuration>>();

/** Plain http only to a provider on this machine and never in production (server/env.ts refuses the rest at start). */
function allowsInsecureRequests(provider: OidcProvider): boolean {
  return oidcSettings().allowLoopbackHttp && isLoopbackIssuer(provider.issuer) && new URL(provider.issuer).protocol === "http:";
}

export function providerConfiguration(provider: OidcProvider): Promise<client.Configuration> {
  const cached = configurations.get(provider.id);
  if (cached) return cached;
  // discovery() refuses metadata whose issuer differs from the configured one (mix-up, a wrong URL).
  const discovered = client
    .discovery(new URL(provider.issuer), provider.clientId, provider.clientSecret, client.ClientSecretBasic(provider.clientSecret), {
      timeout: REQUEST_TIMEOUT_SECONDS,
      execute: allowsInsecureRequests(provider) ? [client.allowInsecureRequests] : [],
    })
    .then((configuration) => {
      // The login page's CSP allows form posts to end at the issuer's origin only (server/http/security-headers.ts).
      const endpoint = configuration.serverMetadata().authorization_endpoint;
      if (!endpoint || new URL(endpoint).origin !== new URL(provider.issuer).origin) {
        throw new Error(`the authorization endpoint ${endpoint} is not on the issuer's origin ${new URL(provider.issuer).origin}`);
      }
      return configuration;
    });
  configurations.set(provider.id, discovered);
  discovered.catch(() => configurations.delete(provider.id));
  return discovered;
}

/** What the browser must bring back: kept server-side (oidc_login_states) until the callback. */
export interface LoginSecrets {
  state: string;
  nonce: string;
  codeVerifier: string;
}

export function newLoginSecrets(): LoginSecrets {
  return { state: client.randomState(), nonce: client.randomNonce(), codeVerifier: client.randomPKCECodeVerifier() };
}

/** Where to send the browser: the provider's authorization endpoint with state, nonce and the PKCE challenge. */
export async function authorizationUrl(provider: OidcProvider, secrets: LoginSecrets, redirectUri: string): Promise<URL> {
  const configuration = await providerConfiguration(provider);
  return client.buildAuthorizationUrl(configuration, {
    redirect_uri: redirectUri,
    scope: "openid email profile",
    state: secrets.state,
    nonce: secrets.nonce,
    code_challenge: await client.calculatePKCECodeChallenge(secrets.codeVerifier),
    code_challenge_method: "S256",
  });
}

/** The verified facts of a login at the provider. */
export interface ProviderIdentity {
  issuer: string;
  subject: string;
  email: string | null;
  emailVerified: boolean;
}

/** The provider answered the login with an error (the person cancelled, or was not allowed to use the app there). */
export function isProviderRefusal(error: unknown): boolean {
  return error instanceof client.AuthorizationResponseError;
}

/**
 * Exchanges the callback's code for tokens and checks them: the state, the ID token's signature,
 * issuer, audience and nonce, and the PKCE verifier (the token endpoint checks that one). E-mail
 * claims missing from the ID token are read from the userinfo endpoint for the same subject.
 * Throws on anything that does not check out.
 */
export async function verifyCallback(provider: OidcProvider, callbackUrl: URL, secrets: LoginSecrets): Promise<ProviderIdentity> {
  const configuration = await providerConfiguration(provider);
  const tokens = await client.authorizationCodeGrant(configuration, callbackUrl, {
    expectedState: secrets.state,
    expectedNonce: secrets.nonce,
    pkceCodeVerifier: secrets.codeVerifier,
    idTokenExpected: true,
  });
  const claims = tokens.claims();
  if (!claims) throw new Error("no ID token in the token response");
  // openid-client compared iss with the discovered metadata; this compares it with what the operator configured.
  if (new URL(claims.iss).href !== new URL(provider.issuer).href) throw new Error(`ID token from issuer ${claims.iss}, expected ${provider.issuer}`);
  const info =
    claims.email === undefined || claims.email_verified === undefined ? await client.fetchUserInfo(configuration, tokens.access_token, claims.sub) : {};
  const email = claims.email ?? (info as { email?: unknown }).email;
  const emailVerified = claims.email_verified ?? (info as { email_verified?: unknown }).email_verified;
  return {
    issuer: claims.iss,
    subject: claims.sub,
    email: typeof email === "string" ? email : null,
    emailVerified: emailVerified === true,
  };
}
