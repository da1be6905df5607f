import { createCookie, redirect } from "@remix-run/node";
import { getDb } from "../../db/client";
import { createSession, deleteSession, findSession, SESSION_TTL_MS, type Viewer } from "../../db/queries/sessions";

// Created lazily: the server sets SESSION_SECRET (generated if unset) before the first request.
let cookie: ReturnType<typeof createCookie> | undefined;
function sessionCookie() {
  if (cookie) return cookie;
  const secret = process.env.SESSION_SECRET;
  if (!secret) throw new Error("SESSION_SECRET saknas: servern sätter den vid start.");
  cookie = createCookie("samverkan_session", {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secure: (process.env.PUBLIC_ORIGIN ?? "").startsWith("https:"),
    secrets: [secret],
    maxAge: SESSION_TTL_MS / 1000,
  });
  return cookie;
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

/** Only same-site relative paths are followed after login (no open redirects). */
export function safeRedirectTarget(target: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (typeof target !== "string" || !target.startsWith("/") || target.startsWith("//") || target.startsWith("/\\")) {
    return fallback;
  }
  return target;
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

export async function startSession(personId: number, redirectTo: string): Promise<Response> {
  const token = createSession(getDb(), personId);
  return redirect(redirectTo, { headers: { "Set-Cookie": await sessionCookie().serialize(token) } });
}

export async function endSession(request: Request): Promise<Response> {
  const token = await readToken(request);
  if (token) deleteSession(getDb(), token);
  return redirect("/login", { headers: { "Set-Cookie": await sessionCookie().serialize("", { maxAge: 0 }) } });
}
