import type { Request, RequestHandler } from "express";

const safeMethods = new Set(["GET", "HEAD", "OPTIONS"]);

/** The origin the browser must be on: PUBLIC_ORIGIN, or the one the request was made to. */
export function expectedOrigin(req: Pick<Request, "protocol" | "headers">, publicOrigin: string | undefined): string {
  return publicOrigin ?? `${req.protocol}://${req.headers.host}`;
}

/**
 * Refuses state-changing requests that a browser sent from another site
 * (cross-site request forgery). Requests without browser headers (curl, the
 * CLI) carry no ambient credentials from another site and pass.
 */
export function refuseCrossSitePosts(publicOrigin: string | undefined): RequestHandler {
  return (req, res, next) => {
    if (safeMethods.has(req.method)) return next();
    const fetchSite = req.headers["sec-fetch-site"];
    const origin = req.headers.origin;
    const crossSiteByFetchMetadata = fetchSite !== undefined && fetchSite !== "same-origin" && fetchSite !== "none";
    const crossSiteByOrigin = origin !== undefined && origin !== expectedOrigin(req, publicOrigin);
    if (crossSiteByFetchMetadata || crossSiteByOrigin) {
      res.status(403).type("text/plain; charset=utf-8").send("Förfrågan nekades: den kom från en annan webbplats.");
      return;
    }
    next();
  };
}
