/**
 * First load of the meeting page on the meeting-room laptop profile: headless Chromium with its
 * CPU slowed 4× (DevTools `Emulation.setCPUThrottlingRate`), an empty cache each time, over
 * loopback. Prints, per run and as median/max: the page's HTML, DOMContentLoaded, the load
 * event, and the first live editor connected, synced and open for writing (the page usable for
 * writing: its Tiptap editor exists and is editable, not only its status line saying "Ansluten").
 * Issue 17's target: < 1 s. Run with `npm run bench:first-load` after `npx remix build`.
 */
import { launchBrowser, logIn } from "../support/browser";
import { styrgruppMinutes } from "../support/rights-fixture";
import { startServer } from "../support/server";

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const THROTTLE = 4;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main() {
  const server = await startServer();
  const browser = await launchBrowser();
  try {
    const { meetingId } = styrgruppMinutes(server);
    const context = await browser.newContext({ locale: "sv-SE" });
    const page = await context.newPage();
    await logIn(page, server.url, "sdd.skarholmen@example.se");
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: THROTTLE });
    const rows: { html: number; dom: number; load: number; editor: number }[] = [];
    for (let run = 0; run < RUNS; run++) {
      await cdp.send("Network.clearBrowserCache");
      await page.goto("about:blank");
      const start = Date.now();
      await page.goto(`${server.url}/moten/${meetingId}`, { waitUntil: "load" });
      // "connected" once its document has synced; the Tiptap editor, loaded on its own, is then editable.
      await page.waitForSelector('[data-collab-connection="connected"] [data-collab-content][contenteditable="true"]', { timeout: 30_000 });
      const editor = Date.now() - start;
      const timing = await page.evaluate(() => {
        const [nav] = performance.getEntriesByType("navigation") as PerformanceNavigationTiming[];
        return { html: nav.responseEnd, dom: nav.domContentLoadedEventEnd, load: nav.loadEventEnd };
      });
      rows.push({ ...timing, editor });
      console.log(
        `run ${run + 1}: HTML ${timing.html.toFixed(0)} ms, DOMContentLoaded ${timing.dom.toFixed(0)} ms, load ${timing.load.toFixed(0)} ms, editor synced and editable ${editor} ms`,
      );
    }
    const line = (label: string, key: keyof (typeof rows)[number]) => {
      const values = rows.map((r) => r[key]);
      return `| ${label} | ${median(values).toFixed(0)} | ${Math.max(...values).toFixed(0)} |`;
    };
    console.log(`\n### First load of the meeting page, CPU throttled ${THROTTLE}×, empty cache, ${RUNS} runs (${new Date().toISOString().slice(0, 10)})\n`);
    console.log("| milestone | median (ms) | max (ms) |\n|---|---:|---:|");
    console.log(line("HTML received", "html"));
    console.log(line("DOMContentLoaded", "dom"));
    console.log(line("load event", "load"));
    console.log(line("first live editor synced and editable (target < 1000)", "editor"));
  } finally {
    await browser.close();
    await server.stop();
  }
}

await main();
