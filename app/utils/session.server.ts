import { redirect } from "@remix-run/node";
import { closeSession, openSession } from "../models/auth.server";
import type { Viewer } from "../models/db.server";
import { getSession, knownDeviceCookie, readSessionToken, sessionCookie } from "../../server/http/session-cookie";

export { getSession, readKnownDeviceToken } from "../../server/http/session-cookie";

export async function getViewer(request: Request): Promise<Viewer | null> {
  return (await getSession(request))?.viewer ?? null;
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
export async function requireSession(request: Request): Promise<{ viewer: Viewer; tokenHash: string; adminWithoutSecondFactor: boolean }> {
  const session = await getSession(request);
  if (session) return session;
  const url = new URL(request.url);
  const back = url.pathname + url.search;
  throw redirect(back === "/" ? "/login" : `/login?redirectTo=${encodeURIComponent(back)}`);
}

/**
 * An administrator in a session that ended with a second factor (Decision NN): a session from a login
 * without one (from before administrators needed it, or of someone made administrator since) is refused
 * with the way forward.
 */
export async function requireAdmin(request: Request): Promise<Viewer> {
  const { viewer, adminWithoutSecondFactor } = await requireSession(request);
  if (adminWithoutSecondFactor)
    throw new Response("Administrationen kräver inloggning med tvåstegsverifiering. Logga ut och logga in igen med koden från din app.", { status: 403 });
  if (!viewer.isAdmin) throw new Response("Endast administratörer har tillgång till den här sidan.", { status: 403 });
  return viewer;
}

/** The cookies of a new session (`authMethod`: how every factor was passed, "password+totp"). */
export async function sessionHeaders(request: Request, personId: number, authMethod: string, deviceToken?: string | null): Promise<Headers> {
  const token = openSession(personId, request.headers.get("user-agent"), authMethod);
  const headers = new Headers();
  headers.append("Set-Cookie", await sessionCookie().serialize(token));
  if (deviceToken) headers.append("Set-Cookie", await knownDeviceCookie().serialize(deviceToken));
  return headers;
}

/** Opens a session and goes on to `redirectTo`. Logins end here through `finishFirstFactor` (app/models/sign-in.server.ts). */
export async function startSession(request: Request, personId: number, redirectTo: string, deviceToken: string | null, authMethod: string): Promise<Response> {
  return redirect(redirectTo, { headers: await sessionHeaders(request, personId, authMethod, deviceToken) });
}

export async function endSession(request: Request): Promise<Response> {
  const token = await readSessionToken(request);
  if (token) closeSession(token);
  return redirect("/login", { headers: { "Set-Cookie": await clearedSessionCookie() } });
}

/** Ends the cookie's session too: after "log out everywhere" the browser must not keep a dead cookie. */
export async function clearedSessionCookie(): Promise<string> {
  return sessionCookie().serialize("", { maxAge: 0 });
}
