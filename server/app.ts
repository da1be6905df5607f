import path from "node:path";
import { pathToFileURL } from "node:url";
import express from "express";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import type { Sqlite } from "../db/client";
import type { Env } from "./env";
import { limitRequestBodies } from "./http/body-limit";
import { compressedAssets, compressedResponses } from "./http/compression";
import { securityHeaders } from "./http/security-headers";
import { refuseCrossSitePosts } from "./http/same-origin";

const buildDir = path.resolve("build");

/** The HTTP application: health check, static assets, then Remix for everything else. */
export async function createApp(env: Env, sqlite: Sqlite): Promise<express.Express> {
  const build = (await import(pathToFileURL(path.join(buildDir, "index.js")).href)) as ServerBuild;
  const app = express();
  app.disable("x-powered-by");
  // First: no route, not even /healthz or the assets, reads a body larger than it allows.
  app.use(limitRequestBodies());

  app.get("/healthz", (_req, res) => {
    try {
      sqlite.prepare("select 1").get();
      res.json({ status: "ok" });
    } catch (error) {
      res.status(503).json({ status: "error", message: "database unreachable" });
      console.error("healthz: database check failed", error);
    }
  });

  // Fingerprinted by the Remix compiler, so they can be cached for good.
  // Served brotli- or gzip-compressed when the browser takes it (the editor chunk is 591 KB raw, under 190 KB compressed).
  app.use("/build", compressedAssets(path.join(buildDir, "client")));
  app.use("/build", express.static(path.join(buildDir, "client"), { immutable: true, maxAge: "1y", index: false }));

  app.use(
    securityHeaders(
      env.PUBLIC_ORIGIN,
      env.OIDC_PROVIDERS.map((provider) => new URL(provider.issuer).origin),
    ),
  );
  app.use(refuseCrossSitePosts(env.PUBLIC_ORIGIN));
  app.use(compressedResponses());
  app.all(
    "*",
    createRequestHandler({
      build,
      mode: env.NODE_ENV,
      getLoadContext: (req, res) => ({
        cspNonce: String(res.locals.cspNonce),
        clientAddress: req.socket.remoteAddress ?? "unknown",
      }),
    }),
  );
  return app;
}
