/**
 * Page weight: the bytes a browser downloads for a page and its JavaScript, uncompressed (as the
 * server sent everything before) and as served now (brotli for the compiler's assets, gzip for the
 * page), per route. Run with `npm run bench:pages` after `npx remix build`; prints a Markdown table.
 */
import { request } from "node:http";
import { sessionCookie } from "../support/collab-client";
import { styrgruppMinutes } from "../support/rights-fixture";
import { startServer, type RunningServer } from "../support/server";

/** The response's size on the wire with and without an Accept-Encoding, undecoded. */
function wireBytes(server: RunningServer, pathname: string, cookie: string, acceptEncoding: string | null): Promise<{ bytes: number; body: string }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { Cookie: cookie };
    if (acceptEncoding) headers["Accept-Encoding"] = acceptEncoding;
    const req = request(`${server.url}${pathname}`, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => {
        const body = Buffer.concat(chunks);
        resolve({ bytes: body.length, body: res.headers["content-encoding"] ? "" : body.toString() });
      });
    });
    req.on("error", reject);
    req.end();
  });
}

const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;

async function main() {
  const server = await startServer();
  try {
    const cookie = await sessionCookie(server, "sdd.skarholmen@example.se");
    const { meetingId } = styrgruppMinutes(server);
    const year = new Date().getFullYear();
    // The login page as someone logged out sees it; the rest as a chair.
    const routes: [string, string][] = [
      ["login", "/login"],
      ["start page", "/"],
      ["meeting page", `/moten/${meetingId}`],
      ["lägesbild", `/overenskommelser/skarholmen/lagesbild/${year}`],
    ];
    console.log("| route | HTML raw | HTML gzip | JS files | JS raw | JS brotli | JS gzip |");
    console.log("|---|---:|---:|---:|---:|---:|---:|");
    for (const [label, path] of routes) {
      const asWho = path === "/login" ? "" : cookie;
      const page = await wireBytes(server, path, asWho, null);
      const pageGzip = await wireBytes(server, path, asWho, "gzip");
      const scripts = [...new Set([...page.body.matchAll(/(?:src|href)="(\/build\/[^"]+\.js)"/g)].map((m) => m[1]))];
      let raw = 0;
      let br = 0;
      let gz = 0;
      for (const script of scripts) {
        raw += (await wireBytes(server, script, "", null)).bytes;
        br += (await wireBytes(server, script, "", "br")).bytes;
        gz += (await wireBytes(server, script, "", "gzip")).bytes;
      }
      console.log(`| ${label} | ${kb(page.bytes)} | ${kb(pageGzip.bytes)} | ${scripts.length} | ${kb(raw)} | ${kb(br)} | ${kb(gz)} |`);
    }
  } finally {
    await server.stop();
  }
}

await main();
