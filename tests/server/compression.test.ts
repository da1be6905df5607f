/**
 * Issue 17 (page weight): the compiler's assets go out brotli- or gzip-compressed to a browser
 * that takes it, pages gzip-compressed on the fly; event streams and PDFs never, so a page
 * still hears every change at once.
 */
import { readFileSync } from "node:fs";
import { request } from "node:http";
import path from "node:path";
import { brotliCompressSync, brotliDecompressSync, gunzipSync } from "node:zlib";
import { preferredEncoding } from "../../server/http/compression";
import { sessionCookie } from "../support/collab-client";
import { styrgruppMinutes } from "../support/rights-fixture";
import { startServer, type RunningServer } from "../support/server";

let server: RunningServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
});

/** The raw response, undecoded (fetch would decode it). */
function get(
  pathname: string,
  headers: Record<string, string>,
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(`${server.url}${pathname}`, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on("error", reject);
    req.end();
  });
}

async function largestScript(): Promise<string> {
  const html = await (await fetch(`${server.url}/login`)).text();
  const scripts = [...html.matchAll(/(?:src|href)="(\/build\/[^"]+\.js)"/g)].map((m) => m[1]);
  expect(scripts.length).toBeGreaterThan(0);
  return scripts
    .sort(
      (a, b) =>
        readFileSync(path.join("build/client", a.slice("/build".length))).length - readFileSync(path.join("build/client", b.slice("/build".length))).length,
    )
    .at(-1)!;
}

describe("compressed responses", () => {
  it("sends the compiler's scripts brotli- or gzip-compressed by what the browser takes, the same bytes when decoded", async () => {
    const script = await largestScript();
    const raw = readFileSync(path.join("build/client", script.slice("/build".length)));
    const br = await get(script, { "Accept-Encoding": "gzip, deflate, br" });
    expect(br.status).toBe(200);
    expect(br.headers["content-encoding"]).toBe("br");
    expect(br.headers["vary"]).toContain("Accept-Encoding");
    expect(br.headers["content-type"]).toContain("javascript");
    expect(brotliDecompressSync(br.body).equals(raw)).toBe(true);
    expect(br.body.length).toBeLessThan(raw.length / 2);

    const gz = await get(script, { "Accept-Encoding": "gzip" });
    expect(gz.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(gz.body).equals(raw)).toBe(true);

    const plain = await get(script, {});
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body.equals(raw)).toBe(true);
    // A path that leaves the assets folder is not served from it.
    expect((await get("/build/..%2f..%2fpackage.json", { "Accept-Encoding": "br" })).status).toBe(404);
  });

  it("compresses pages, but neither the event stream nor a PDF", async () => {
    const page = await get("/login", { "Accept-Encoding": "gzip" });
    expect(page.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(page.body).toString()).toContain("<html");

    const { meetingId } = styrgruppMinutes(server);
    const cookie = await sessionCookie(server, "sdd.skarholmen@example.se");
    const pdf = await fetch(`${server.url}/moten/${meetingId}/kallelse.pdf`, { headers: { Cookie: cookie, "Accept-Encoding": "gzip, br" } });
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    expect(pdf.headers.get("content-encoding")).toBeNull();
    // The event stream comes unencoded (fetch asks for gzip and br by default; the event stream tests show its events arrive at once).
    const stream = await fetch(`${server.url}/moten/${meetingId}/handelser`, { headers: { Cookie: cookie } });
    expect(stream.headers.get("content-type")).toContain("text/event-stream");
    expect(stream.headers.get("content-encoding")).toBeNull();
    await stream.body?.cancel();
  });

  it("reads Accept-Encoding as RFC 9110 says: q=0 refuses, * stands for the rest", () => {
    expect(preferredEncoding("gzip, deflate, br")).toBe("br");
    expect(preferredEncoding("br;q=0, gzip")).toBe("gzip");
    expect(preferredEncoding("*")).toBe("br");
    expect(preferredEncoding("identity")).toBeNull();
    expect(preferredEncoding(undefined)).toBeNull();
  });
});

describe("precompressed assets", () => {
  it("sends the copy npm run build wrote next to an asset, and compresses the asset itself when the copy is older", async () => {
    const express = (await import("express")).default;
    const { compressedAssets } = await import("../../server/http/compression");
    const { mkdtempSync, writeFileSync, utimesSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const dir = mkdtempSync(path.join(tmpdir(), "assets-"));
    const asset = path.join(dir, "chunk-ABC.js");
    writeFileSync(asset, "export const a = 1;\n".repeat(200));
    // A marker copy: were the server to compress the asset itself, it would not send these bytes.
    writeFileSync(`${asset}.br`, brotliCompressSync(Buffer.from("/* precompressed */")));
    const app = express();
    app.use("/build", compressedAssets(dir));
    const listener = app.listen(0, "127.0.0.1");
    await new Promise((resolve) => listener.once("listening", resolve));
    const origin = `http://127.0.0.1:${(listener.address() as { port: number }).port}`;
    try {
      const fetchBr = async () => {
        const response = await fetch(`${origin}/build/chunk-ABC.js`, { headers: { "Accept-Encoding": "br" } });
        expect(response.headers.get("content-encoding")).toBe("br");
        return response;
      };
      // fetch decodes brotli itself: the text is what the copy holds.
      expect(await (await fetchBr()).text()).toBe("/* precompressed */");
      // An asset newer than its copy (a copy left from another build) is compressed afresh.
      const later = new Date(Date.now() + 60_000);
      utimesSync(asset, later, later);
      const fresh = express();
      fresh.use("/build", compressedAssets(dir));
      const second = fresh.listen(0, "127.0.0.1");
      await new Promise((resolve) => second.once("listening", resolve));
      try {
        const response = await fetch(`http://127.0.0.1:${(second.address() as { port: number }).port}/build/chunk-ABC.js`, {
          headers: { "Accept-Encoding": "br" },
        });
        expect(await response.text()).toBe("export const a = 1;\n".repeat(200));
      } finally {
        second.close();
      }
    } finally {
      listener.close();
    }
  });
});
