import { getDb } from "../../db/client";
import * as oidcLogins from "../../db/queries/oidc-logins";
import { oidcStateCookie } from "../../server/http/session-cookie";
import { authorizationUrl, isProviderRefusal, newLoginSecrets, verifyCallback } from "../../server/oidc/client";
import { oidcSettings, type OidcProvider } from "../../server/oidc/providers";
import { notFound } from "../utils/http.server";

/**
 * Login through an OpenID Connect provider (README: "Sign-in through identity providers" and "How a
 * login through an identity provider flows"): the button's post starts it (state, nonce and PKCE kept server-side, the state
 * also in a cookie of this browser), the provider's redirect back finishes it. Swedish answers for
 * every way it can fail; the details of a technical failure go to the server log only.
 */

/** The providers for the login page's buttons. */
export function loginProviders(): { id: string; name: string }[] {
  return oidcSettings().providers.map(({ id, name }) => ({ id, name }));
}

export function oidcProvidersConfigured(): boolean {
  return oidcSettings().providers.length > 0;
}

/** The provider a URL names, or the 404 page. */
export function requireProvider(id: string | undefined): OidcProvider {
  const provider = oidcSettings().providers.find((candidate) => candidate.id === id);
  if (!provider) throw notFound();
  return provider;
}

/**
 * The app's own origin for the callback URL registered at the provider: PUBLIC_ORIGIN, or in
 * development and tests the one the request came to (a forged Host header only makes the provider
 * refuse an unregistered redirect URI).
 */
function ownOrigin(request: Request): string {
  return process.env.PUBLIC_ORIGIN ?? new URL(request.url).origin;
}

export function callbackUrl(request: Request, provider: OidcProvider): string {
  return `${ownOrigin(request)}/login/oidc/${provider.id}/callback`;
}

export type OidcStart = { ok: true; location: string; cookie: string } | { ok: false; message: string };

/** Starts a login at the provider: where to send the browser, or why the provider cannot be used now. */
export async function startOidcLogin(request: Request, provider: OidcProvider, returnTo: string): Promise<OidcStart> {
  const secrets = newLoginSecrets();
  let location: URL;
  try {
    location = await authorizationUrl(provider, secrets, callbackUrl(request, provider));
  } catch (error) {
    console.error(`OIDC ${provider.id}: discovery failed:`, error);
    return { ok: false, message: `Inloggning via ${provider.name} fungerar inte just nu. Försök igen om en stund.` };
  }
  oidcLogins.saveOidcLoginState(getDb(), { provider: provider.id, ...secrets, returnTo });
  return { ok: true, location: location.href, cookie: await oidcStateCookie().serialize(secrets.state) };
}

export type OidcFinish = { ok: true; personId: number; returnTo: string | null } | { ok: false; message: string };

const stateMessages: Record<oidcLogins.OidcStateProblem, string> = {
  unknown: "Inloggningen går inte att slutföra: den är okänd eller påbörjades i en annan webbläsare. Börja om med knappen nedan.",
  expired: "Inloggningen tog för lång tid (mer än 10 minuter) och har gått ut. Börja om med knappen nedan.",
  used: "Inloggningen är redan genomförd och kan inte användas en gång till. Börja om med knappen nedan om du vill logga in.",
};

function refusalMessage(provider: OidcProvider, refusal: oidcLogins.OidcLoginRefusal): string {
  switch (refusal.reason) {
    case "used":
      return stateMessages.used;
    case "unverified":
      return `${provider.name} har inte bekräftat din e-postadress, så Samverkan kan inte veta vem du är. Be en administratör om hjälp.`;
    case "unknown_email":
      return `Ingen användare med adressen ${refusal.email} finns i Samverkan; be en administratör lägga till dig.`;
    case "linked_elsewhere":
      return `Ditt konto i Samverkan är redan kopplat till ett annat konto hos ${provider.name}. Be en administratör om hjälp.`;
    case "refused":
      return failedMessage(provider);
  }
}

/** One answer for tokens that do not check out and for a deactivated account, as for a wrong password. */
function failedMessage(provider: OidcProvider): string {
  return `Inloggningen via ${provider.name} gick inte att genomföra. Försök igen, eller be en administratör om hjälp om det inte går.`;
}

/**
 * Finishes a login at the provider's redirect back: the state must be this browser's, known,
 * unexpired and unused; the code is exchanged and the tokens checked (server/oidc/client.ts); then
 * the identity is mapped to a person, in the transaction that spends the state.
 */
export async function finishOidcLogin(request: Request, provider: OidcProvider): Promise<OidcFinish> {
  const db = getDb();
  const url = new URL(request.url);
  const state = url.searchParams.get("state") ?? "";
  const browserState = await oidcStateCookie().parse(request.headers.get("Cookie"));
  const pending = state && browserState === state ? oidcLogins.findOidcLoginState(db, provider.id, state) : ({ ok: false, problem: "unknown" } as const);
  if (!pending.ok) return { ok: false, message: stateMessages[pending.problem] };

  let identity: oidcLogins.VerifiedIdentity;
  try {
    // The URL the provider redirected to, at the origin registered with it (the request's own may be a proxy's view).
    identity = await verifyCallback(provider, new URL(url.pathname + url.search, ownOrigin(request)), { state, ...pending });
  } catch (error) {
    oidcLogins.abandonOidcLogin(db, provider.id, state);
    if (isProviderRefusal(error)) return { ok: false, message: `Inloggningen avbröts hos ${provider.name}.` };
    console.error(`OIDC ${provider.id}: callback refused:`, error);
    return { ok: false, message: failedMessage(provider) };
  }
  const outcome = oidcLogins.completeOidcLogin(db, { provider: provider.id, state, identity });
  if (!outcome.ok) return { ok: false, message: refusalMessage(provider, outcome) };
  return outcome;
}

/** Clears the login's state cookie once the callback has been answered, whatever the answer. */
export function clearedOidcStateCookie(): Promise<string> {
  return oidcStateCookie().serialize("", { maxAge: 0 });
}
