import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { brotliCompress, constants, gzip } from "node:zlib";
import compression from "compression";
import type { RequestHandler } from "express";

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** What is worth compressing among the compiler's assets; fonts and images are compressed already. */
export const compressibleAsset = /\.(js|css|map|json|svg|txt)$/;

export type Encoding = "br" | "gzip";

/** The file name suffix of an asset's precompressed copy (written by `npm run build`). */
export const precompressedSuffix: Record<Encoding, string> = { br: ".br", gzip: ".gz" };

/** One asset compressed as the server sends it: brotli at its best quality, or gzip level 9. */
export function compressAsset(raw: Buffer, encoding: Encoding): Promise<Buffer> {
  return encoding === "br"
    ? brotli(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length } })
    : gzipAsync(raw, { level: 9 });
}

/** The copy `npm run build` wrote next to the asset, when it is there and not older than the asset; else null. */
async function precompressedCopy(file: string, encoding: Encoding): Promise<Buffer | null> {
  const copy = file + precompressedSuffix[encoding];
  try {
    const [source, compressed] = await Promise.all([stat(file), stat(copy)]);
    return compressed.mtimeMs >= source.mtimeMs ? await readFile(copy) : null;
  } catch {
    return null;
  }
}

/** The best encoding the client accepts, brotli before gzip; null for none (or a refusal with q=0). */
export function preferredEncoding(acceptEncoding: string | undefined): Encoding | null {
  const accepted = new Map(
    (acceptEncoding ?? "").split(",").map((part) => {
      const [name, ...params] = part.trim().toLowerCase().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      return [name, q ? Number(q.slice(2)) : 1] as const;
    }),
  );
  const wants = (name: string) => (accepted.get(name) ?? accepted.get("*") ?? 0) > 0;
  if (wants("br")) return "br";
  if (wants("gzip")) return "gzip";
  return null;
}

/**
 * The Remix compiler's assets (/build/*), compressed once per file and encoding and kept in
 * memory: their names carry a content hash, so a compressed copy never goes stale. `npm run build`
 * writes the compressed copies next to the assets (`server/cli/precompress-assets.ts`), so no
 * request waits for them; without those copies (a bare `remix build`) the first request for an asset
 * compresses it (brotli at quality 11 takes 0.85 s for the 591 KB editor chunk on this 2-core
 * machine). Requests the client cannot decode, and files not worth compressing, fall through to
 * express.static.
 */
export function compressedAssets(clientDir: string): RequestHandler {
  const root = path.resolve(clientDir);
  const cache = new Map<string, Promise<Buffer | null>>();
  const compress = (file: string, encoding: Encoding) => {
    const key = `${encoding}:${file}`;
    let entry = cache.get(key);
    if (!entry) {
      entry = readFile(file).then(
        async (raw) => (await precompressedCopy(file, encoding)) ?? compressAsset(raw, encoding),
        () => {
          // Not there: express.static answers 404 as before, and the miss is not kept (probes for
          // made-up names would otherwise grow the cache without end).
          cache.delete(key);
          return null;
        },
      );
      cache.set(key, entry);
    }
    return entry;
  };
  return (req, res, next) => {
    if (req.method !== "GET" && req.method !== "HEAD") return next();
    if (!compressibleAsset.test(req.path)) return next();
    const encoding = preferredEncoding(req.headers["accept-encoding"]);
    if (!encoding) return next();
    let relative: string;
    try {
      relative = decodeURIComponent(req.path);
    } catch {
      return next();
    }
    const file = path.join(root, relative);
    // Only files under the assets folder: a "../" in the path must not reach anything else.
    if (!file.startsWith(root + path.sep)) return next();
    compress(file, encoding).then((body) => {
      if (!body) return next();
      res.setHeader("Content-Type", contentType(file));
      res.setHeader("Content-Encoding", encoding);
      res.setHeader("Vary", "Accept-Encoding");
      res.setHeader("Cache-Control", "public, max-age=31536000, immutable");
      res.setHeader("Content-Length", body.length);
      res.end(req.method === "HEAD" ? undefined : body);
    }, next);
  };
}

function contentType(file: string): string {
  const types: Record<string, string> = {
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".map": "application/json; charset=utf-8",
    ".json": "application/json; charset=utf-8",
    ".svg": "image/svg+xml",
    ".txt": "text/plain; charset=utf-8",
  };
  return types[path.extname(file)] ?? "application/octet-stream";
}

/**
 * Compresses the app's own responses (pages, data requests) on the fly. Not the event streams:
 * a compressor holds back small writes, and a page must hear "something changed" at once. Not
 * PDFs: they are compressed inside already.
 */
export function compressedResponses(): RequestHandler {
  return compression({
    filter: (req, res) => {
      const type = String(res.getHeader("Content-Type") ?? "");
      if (type.startsWith("text/event-stream") || type.startsWith("application/pdf")) return false;
      return compression.filter(req, res);
    },
  });
}
