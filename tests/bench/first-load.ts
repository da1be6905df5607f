/**
 * First load of the meeting page on the meeting-room laptop profile: headless Chromium with its
 * CPU slowed 4× (DevTools `Emulation.setCPUThrottlingRate`), an empty cache each time, over
 * loopback. Prints, per run and as median/min/max, each from navigation start: the page's HTML,
 * DOMContentLoaded, interactive (hydrated: the mark app/entry.client.tsx sets after hydration's first
 * commit; the parts of the page in HydrateLater hydrate after it, or at once when used), the whole page
 * hydrated (the mark "hydrated-all" of hydrate-later.tsx; none on a page without such parts), the load
 * event, and the first live editor connected, synced and open for writing (the page usable for writing:
 * its Tiptap editor exists and is editable, not only its status line saying "Ansluten"). Issue 17's target: < 1 s. Run with `npm run bench:first-load` after `npx remix build`;
 * `BENCH_RUNS` sets the runs (5). `BENCH_FROM=start` measures the usual way in instead: the cache emptied, then the start
 * page loaded (its JavaScript, which the meeting page shares, is then cached), then the meeting page.
 * `BENCH_NETWORK=wifi` adds a meeting room's wifi to the loopback (DevTools network emulation: 40 ms round
 * trip, 20 Mbit/s down, 5 up; HTTP only, the WebSocket is not slowed).
 */
import { launchBrowser, logIn } from "../support/browser";
import { styrgruppMinutes } from "../support/rights-fixture";
import { startServer } from "../support/server";

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const FROM_START_PAGE = process.env.BENCH_FROM === "start";
if (process.env.BENCH_FROM !== undefined && !FROM_START_PAGE) throw new Error("BENCH_FROM: only 'start' is known");
const THROTTLE = 4;
const WIFI = process.env.BENCH_NETWORK === "wifi";
if (process.env.BENCH_NETWORK !== undefined && !WIFI) throw new Error("BENCH_NETWORK: only 'wifi' is known");

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
    if (WIFI)
      await cdp.send("Network.emulateNetworkConditions", {
        offline: false,
        latency: 40,
        downloadThroughput: (20_000_000 / 8) | 0,
        uploadThroughput: (5_000_000 / 8) | 0,
      });
    // Notes, from navigation start, the moment the first editor is synced and editable.
    // A string, not a function: the TypeScript loader would add helpers the page does not have.
    await page.addInitScript(`
      new MutationObserver((_, observer) => {
        if (document.querySelector('[data-collab-connection="connected"] [data-collab-content][contenteditable="true"]')) {
          window.benchEditor = performance.now();
          observer.disconnect();
        }
      }).observe(document, { subtree: true, childList: true, attributes: true });
    `);
    const rows: { html: number; dom: number; interactive: number; whole: number; load: number; editor: number }[] = [];
    for (let run = 0; run < RUNS; run++) {
      await cdp.send("Network.clearBrowserCache");
      await page.goto(FROM_START_PAGE ? server.url : "about:blank", { waitUntil: "load" });
      await page.goto(`${server.url}/moten/${meetingId}`, { waitUntil: "load" });
      // "connected" once its document has synced; the Tiptap editor, loaded on its own, is then editable.
      await page.waitForFunction(() => (window as unknown as { benchEditor?: number }).benchEditor !== undefined, null, { timeout: 30_000 });
      await page.waitForFunction(() => performance.getEntriesByName("hydrated", "mark").length > 0, null, { timeout: 30_000 });
      // The rest of the page hydrates at the lowest priority: give it a moment after the editor.
      await page.waitForFunction(() => performance.getEntriesByName("hydrated-all", "mark").length > 0, null, { timeout: 5_000 }).catch(() => undefined);
      const timing = await page.evaluate(() => {
        const [nav] = performance.getEntriesByType("navigation") as PerformanceNavigationTiming[];
        const [hydrated] = performance.getEntriesByName("hydrated", "mark");
        // Without later parts (earlier code) the page is whole when it is interactive.
        const [whole] = performance.getEntriesByName("hydrated-all", "mark");
        const editor = (window as unknown as { benchEditor: number }).benchEditor;
        return {
          html: nav.responseEnd,
          dom: nav.domContentLoadedEventEnd,
          interactive: hydrated.startTime,
          whole: (whole ?? hydrated).startTime,
          load: nav.loadEventEnd,
          editor,
        };
      });
      rows.push(timing);
      console.log(
        `run ${run + 1}: HTML ${timing.html.toFixed(0)} ms, DOMContentLoaded ${timing.dom.toFixed(0)} ms, interactive ${timing.interactive.toFixed(0)} ms, whole page hydrated ${timing.whole.toFixed(0)} ms, load ${timing.load.toFixed(0)} ms, editor synced and editable ${timing.editor.toFixed(0)} ms`,
      );
    }
    const line = (label: string, key: keyof (typeof rows)[number]) => {
      const values = rows.map((r) => r[key]);
      return `| ${label} | ${median(values).toFixed(0)} | ${Math.min(...values).toFixed(0)} | ${Math.max(...values).toFixed(0)} |`;
    };
    const cache = `${FROM_START_PAGE ? "coming from the start page (its JavaScript cached)" : "empty cache"}${WIFI ? ", wifi (40 ms, 20 Mbit/s)" : ""}`;
    console.log(`\n### First load of the meeting page, CPU throttled ${THROTTLE}×, ${cache}, ${RUNS} runs (${new Date().toISOString().slice(0, 10)})\n`);
    console.log("| milestone | median (ms) | min (ms) | max (ms) |\n|---|---:|---:|---:|");
    console.log(line("HTML received", "html"));
    console.log(line("DOMContentLoaded", "dom"));
    console.log(line("interactive: hydrated (target < 1000)", "interactive"));
    console.log(line("whole page hydrated", "whole"));
    console.log(line("load event", "load"));
    console.log(line("first live editor synced and editable", "editor"));
  } finally {
    await browser.close();
    await server.stop();
  }
}

await main();
