import { randomBytes } from "node:crypto";
import type { Request, RequestHandler } from "express";
import { expectedOrigin } from "./same-origin";

const oneTimeLinkPage = /^\/(aterstall|inbjudan)\//;

/** Two years, the value HSTS preload lists ask for; no `preload`, that is the operator's decision. */
const HSTS = "max-age=63072000; includeSubDomains";
// The origin comes from the Host header when PUBLIC_ORIGIN is unset: only a plain host[:port] may go into the policy.
const plainOrigin = /^(https?):\/\/([A-Za-z0-9.-]+(?::\d{1,5})?|\[[0-9A-Fa-f:.]+\](?::\d{1,5})?)$/;

/** The app's own WebSocket origin (wss://host for https) for connect-src, or null for a Host header that is not a plain host. */
function ownWebSocketOrigin(req: Request, publicOrigin: string | undefined): string | null {
  const match = plainOrigin.exec(expectedOrigin(req, publicOrigin));
  return match ? `${match[1] === "https" ? "wss" : "ws"}://${match[2]}` : null;
}

/**
 * Sets a per-request CSP nonce (read by entry.server.tsx through the load context) and the
 * security headers every page, data request, PDF and calendar file carries. Nothing the app
 * renders may be kept by a browser or proxy cache (`no-store`): pages show people's meetings
 * and minutes, and a shared computer's cache outlives the session.
 * `loginProviderOrigins`: the identity providers' origins (OIDC_PROVIDERS' issuers). The login page's
 * provider buttons post to the app, which redirects to the provider; browsers check that redirect
 * against `form-action` as well, so those origins are allowed there and nowhere else.
 */
export function securityHeaders(publicOrigin: string | undefined, loginProviderOrigins: string[] = []): RequestHandler {
  const https = publicOrigin?.startsWith("https:") ?? false;
  const formAction = ["'self'", ...new Set(loginProviderOrigins)].join(" ");
  return (req, res, next) => {
    const nonce = randomBytes(16).toString("base64");
    res.locals.cspNonce = nonce;
    const webSocket = ownWebSocketOrigin(req, publicOrigin);
    res.setHeader(
      "Content-Security-Policy",
      [
        "default-src 'self'",
        `script-src 'nonce-${nonce}' 'strict-dynamic'`,
        // Tiptap positions collaboration carets with inline style attributes.
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        // The live editor's WebSocket, to this app only ('self' does not cover ws: in every browser).
        `connect-src 'self'${webSocket ? ` ${webSocket}` : ""}`,
        "font-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        `form-action ${formAction}`,
        "frame-ancestors 'none'",
      ].join("; "),
    );
    if (https) res.setHeader("Strict-Transport-Security", HSTS);
    res.setHeader("Cache-Control", "no-store");
    res.setHeader("X-Content-Type-Options", "nosniff");
    // A one-time link's page carries its token in the URL: no request from it may repeat that URL.
    // Not "no-referrer": then the browser sends "Origin: null" with the page's own post, which the
    // cross-site check (same-origin.ts) rightly refuses. "strict-origin" sends the origin only.
    res.setHeader("Referrer-Policy", oneTimeLinkPage.test(req.path) ? "strict-origin" : "same-origin");
    res.setHeader("X-Frame-Options", "DENY");
    res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
    res.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
    next();
  };
}
