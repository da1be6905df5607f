import { createCookie } from "@remix-run/node";
import { getDb } from "../../db/client";
import { KNOWN_DEVICE_TTL_MS } from "../../db/queries/known-devices";
import { LOGIN_CHALLENGE_TTL_MS } from "../../db/queries/login-challenges";
import { OIDC_STATE_TTL_MS } from "../../db/queries/oidc-logins";
import { findSession, SESSION_TTL_MS, type Viewer } from "../../db/queries/sessions";

/**
 * The session and known-device cookies, read and written on the server side: the
 * pages (app/utils/session.server.ts) and the collaboration server (through the
 * `authenticate` function server/index.ts gives it) read the same session.
 */
type Cookie = ReturnType<typeof createCookie>;

/**
 * A signed, HttpOnly cookie of ours. On https the __Host- prefix makes browsers insist on
 * Secure, Path=/ and no Domain, so no other host under the same domain (or a plain-http page)
 * can set or overwrite it. Created lazily: the server sets SESSION_SECRET (generated if unset)
 * and PUBLIC_ORIGIN before the first request.
 */
function ownCookie(name: string, maxAgeMs: number): Cookie {
  const secret = process.env.SESSION_SECRET;
  if (!secret) throw new Error("SESSION_SECRET saknas: servern sätter den vid start.");
  const https = (process.env.PUBLIC_ORIGIN ?? "").startsWith("https:");
  return createCookie(https ? `__Host-${name}` : name, {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secure: https,
    secrets: [secret],
    maxAge: maxAgeMs / 1000,
  });
}

let cookie: Cookie | undefined;
export function sessionCookie(): Cookie {
  cookie ??= ownCookie("samverkan_session", SESSION_TTL_MS);
  return cookie;
}

/** Marks a browser the person has logged in from before (see db/queries/known-devices.ts); outlives logout on purpose. */
let knownDevice: Cookie | undefined;
export function knownDeviceCookie(): Cookie {
  knownDevice ??= ownCookie("samverkan_device", KNOWN_DEVICE_TTL_MS);
  return knownDevice;
}

/**
 * The half-way state of a login (db/queries/login-challenges.ts): lives as long as the challenge, so
 * it is gone from the browser when the challenge is gone from the database.
 */
let loginChallenge: Cookie | undefined;
export function loginChallengeCookie(): Cookie {
  loginChallenge ??= ownCookie("samverkan_login", LOGIN_CHALLENGE_TTL_MS);
  return loginChallenge;
}

export async function readLoginChallengeToken(request: Request): Promise<string | null> {
  const value = await loginChallengeCookie().parse(request.headers.get("Cookie"));
  return typeof value === "string" && value.length > 0 ? value : null;
}

export async function readKnownDeviceToken(request: Request): Promise<string | null> {
  const value = await knownDeviceCookie().parse(request.headers.get("Cookie"));
  return typeof value === "string" && value.length > 0 ? value : null;
}

export async function readSessionToken(request: Request): Promise<string | null> {
  const value = await sessionCookie().parse(request.headers.get("Cookie"));
  return typeof value === "string" && value.length > 0 ? value : null;
}

/**
 * The viewer with the stored hash of their session: long-lived connections
 * (live documents, event streams) keep the hash and end when the session does.
 */
export async function getSession(request: Request): Promise<{ viewer: Viewer; tokenHash: string; adminWithoutSecondFactor: boolean } | null> {
  const token = await readSessionToken(request);
  return token ? findSession(getDb(), token) : null;
}

/**
 * The state of the login this browser started at an identity provider: the callback must come back
 * to the same browser (no one can finish their own login in someone else's browser). SameSite=Lax
 * still sends it with the provider's redirect back, a top-level navigation.
 */
let oidcState: Cookie | undefined;
export function oidcStateCookie(): Cookie {
  oidcState ??= ownCookie("samverkan_oidc", OIDC_STATE_TTL_MS);
  return oidcState;
}
