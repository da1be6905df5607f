import { createCookie, redirect } from "@remix-run/node";
import { getDb } from "../../db/client";
import { KNOWN_DEVICE_TTL_MS } from "../../db/queries/known-devices";
import { createSession, deleteSession, findSession, SESSION_TTL_MS, type Viewer } from "../../db/queries/sessions";

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
function sessionCookie(): Cookie {
  cookie ??= ownCookie("samverkan_session", SESSION_TTL_MS);
  return cookie;
}

/** Marks a browser the person has logged in from before (see db/queries/known-devices.ts); outlives logout on purpose. */
let knownDevice: Cookie | undefined;
function knownDeviceCookie(): Cookie {
  knownDevice ??= ownCookie("samverkan_device", KNOWN_DEVICE_TTL_MS);
  return knownDevice;
}

export async function readKnownDeviceToken(request: Request): Promise<string | null> {
  const value = await knownDeviceCookie().parse(request.headers.get("Cookie"));
  return typeof value === "string" && value.length > 0 ? value : null;
}

async function readToken(request: Request): Promise<string | null> {
  const value = await sessionCookie().parse(request.headers.get("Cookie"));
  return typeof value === "string" && value.length > 0 ? value : null;
}

export async function getViewer(request: Request): Promise<Viewer | null> {
  return (await getSession(request))?.viewer ?? null;
}

/**
 * The viewer with the stored hash of their session: long-lived connections
 * (live documents, event streams) keep the hash and end when the session does.
 */
export async function getSession(request: Request): Promise<{ viewer: Viewer; tokenHash: string } | null> {
  const token = await readToken(request);
  return token ? findSession(getDb(), token) : null;
}

// Any origin will do: only whether the target stays on it matters.
const ownOrigin = "http://samverkan.invalid";
// Browsers drop tabs and newlines from URLs ("/\t/evil.example" becomes "//evil.example")
// and treat "\\" like "/"; a newline in a Location header is an invalid header (HTTP 500).
// Decoded, a space is fine ("?q=a%20b"), a control character or backslash is not.
const unsafeCharacter = /[\s\p{Cc}\\]/u;
const unsafeDecodedCharacter = /[\p{Cc}\\]/u;

/**
 * The path to go to after login: only a same-origin path ("/grupper/1?x=y"), never another
 * site and never something a browser could read as one. Anything else gives `fallback`.
 */
export function safeRedirectTarget(target: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (typeof target !== "string" || !target.startsWith("/") || target.startsWith("//")) return fallback;
  let decoded: string;
  try {
    decoded = decodeURIComponent(target);
  } catch {
    return fallback;
  }
  if (unsafeCharacter.test(target) || unsafeDecodedCharacter.test(decoded) || decoded.startsWith("//")) return fallback;
  const url = new URL(target, ownOrigin);
  if (url.origin !== ownOrigin) return fallback;
  return url.pathname + url.search + url.hash;
}

/** The logged-in person, or a redirect to the login page that returns here afterwards. */
export async function requireViewer(request: Request): Promise<Viewer> {
  return (await requireSession(request)).viewer;
}

/** Like `requireViewer`, with the session's stored hash for a long-lived response that must end with the session. */
export async function requireSession(request: Request): Promise<{ viewer: Viewer; tokenHash: string }> {
  const session = await getSession(request);
  if (session) return session;
  const url = new URL(request.url);
  const back = url.pathname + url.search;
  throw redirect(back === "/" ? "/login" : `/login?redirectTo=${encodeURIComponent(back)}`);
}

export async function requireAdmin(request: Request): Promise<Viewer> {
  const viewer = await requireViewer(request);
  if (!viewer.isAdmin) throw new Response("Endast administratörer har tillgång till den här sidan.", { status: 403 });
  return viewer;
}

export async function startSession(personId: number, redirectTo: string, deviceToken: string): Promise<Response> {
  const token = createSession(getDb(), personId);
  const headers = new Headers();
  headers.append("Set-Cookie", await sessionCookie().serialize(token));
  headers.append("Set-Cookie", await knownDeviceCookie().serialize(deviceToken));
  return redirect(redirectTo, { headers });
}

export async function endSession(request: Request): Promise<Response> {
  const token = await readToken(request);
  if (token) deleteSession(getDb(), token);
  return redirect("/login", { headers: { "Set-Cookie": await sessionCookie().serialize("", { maxAge: 0 }) } });
}
