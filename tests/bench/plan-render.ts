/**
 * An åtgärdsplan of 200 rows on the meeting-room laptop profile: Chromium with its CPU throttled 4×
 * (CDP Emulation.setCPUThrottlingRate), time from navigation start to every row rendered with the
 * live document synced. Five loads; prints p50 and max. Run with `npm run bench:plan` after
 * `npx remix build`.
 */
import { eq } from "drizzle-orm";
import { addPlanRow } from "../../app/components/plan/plan-doc";
import { openDatabase } from "../../db/client";
import { newRowUid } from "../../db/domain/action-plan-rows";
import { ensureActionPlan } from "../../db/queries/action-plans";
import { actionPlanRows, agreementParties, agreements, people } from "../../db/schema";
import { launchBrowser, logIn, newPage } from "../support/browser";
import { connectClient, sessionCookie, waitFor, waitForSync } from "../support/collab-client";
import { startServer } from "../support/server";

const ROWS = Number(process.env.BENCH_ROWS ?? 200);
const RUNS = 5;
const THROTTLE = Number(process.env.BENCH_THROTTLE ?? 4);

async function main() {
  const server = await startServer();
  const browser = await launchBrowser();
  try {
    const { db } = openDatabase(server.databasePath);
    const agreement = db.select().from(agreements).where(eq(agreements.slug, "skarholmen")).get()!;
    const planId = ensureActionPlan(db, agreement.id, null).id;
    const party = db.select().from(agreementParties).where(eq(agreementParties.agreementId, agreement.id)).get()!;
    const person = db.select().from(people).where(eq(people.email, "lpo.skarholmen@example.se")).get()!;

    const mirrored = () => db.select({ id: actionPlanRows.id }).from(actionPlanRows).where(eq(actionPlanRows.planId, planId)).all().length;
    // The demo's plan has a few rows already: the bench fills it up to ROWS.
    const demoRows = mirrored();

    // One transaction, so one update: the plan as a busy year's would look.
    const client = connectClient(server, `atgardsplan-${planId}`, await sessionCookie(server, "sdd.skarholmen@example.se"));
    await waitForSync(client);
    client.doc.transact(() => {
      for (let i = 1; i <= ROWS - demoRows; i++) {
        addPlanRow(client.doc, newRowUid(), {
          problem: `Otrygghet och öppen narkotikahandel vid plats ${i} kvällstid, särskilt fredagar och lördagar.`,
          cause: "Dålig belysning, få vuxna i rörelse, etablerad försäljning som lockar unga.",
          measure: `Gemensamma trygghetsvandringar och riktad närvaro vid plats ${i}`,
          goal: "Färre anmälda brott och högre upplevd trygghet enligt trygghetsmätningen.",
          indicator: "Antal anmälningar per kvartal; andel trygga i trygghetsmätningen.",
          startsOn: "2026-01-15",
          endsOn: "2026-12-31",
          responsiblePartyId: party.id,
          responsibleFunction: "Kommunpolis",
          responsiblePersonId: person.id,
          followUp: "Kvartalsvis i beredningsgruppen; årligen i styrgruppen.",
        });
      }
    });
    await waitFor(() => mirrored() === ROWS, 30_000, "the rows in SQL");
    client.destroy();

    const { page, errors } = await newPage(browser);
    await logIn(page, server.url, "sdd.skarholmen@example.se");
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: THROTTLE });
    // Notes the moment the page first shows every row with the document synced (from navigation start).
    // A string, not a function: the TypeScript loader would add helpers the page does not have.
    await page.addInitScript(`
      new MutationObserver(() => {
        if (window.planShell === undefined && document.querySelector('[data-plan-doc]')) window.planShell = performance.now();
        if (window.planConnected === undefined && document.querySelector('[data-plan-connection="connected"]')) window.planConnected = performance.now();
        if (window.planReady === undefined && document.querySelector('[data-plan-connection="connected"][data-plan-rows="${ROWS}"]')) {
          window.planReady = performance.now();
        }
      }).observe(document, { subtree: true, childList: true, attributes: true });
    `);

    if (process.env.BENCH_PROFILE) {
      await page.goto(`${server.url}/overenskommelser/skarholmen/atgardsplan`);
      await page.waitForFunction(() => (window as unknown as { planReady?: number }).planReady !== undefined, null, { timeout: 60_000 });
      await cdp.send("Profiler.enable");
      await cdp.send("Profiler.setSamplingInterval", { interval: 200 });
      await cdp.send("Profiler.start");
      await page.goto(`${server.url}/overenskommelser/skarholmen/atgardsplan`);
      await page.waitForFunction(() => (window as unknown as { planReady?: number }).planReady !== undefined, null, { timeout: 60_000 });
      const { profile } = await cdp.send("Profiler.stop");
      const self = new Map<string, number>();
      const dt = new Map<number, number>();
      profile.samples!.forEach((id, i) => dt.set(id, (dt.get(id) ?? 0) + (profile.timeDeltas![i] ?? 0)));
      for (const node of profile.nodes) {
        const key = `${node.callFrame.functionName || "(anon)"} ${node.callFrame.url.split("/").pop()}:${node.callFrame.lineNumber}`;
        self.set(key, (self.get(key) ?? 0) + (dt.get(node.id) ?? 0) / 1000);
      }
      console.log(
        [...self.entries()]
          .sort((a, b) => b[1] - a[1])
          .slice(0, 40)
          .map(([k, v]) => `${v.toFixed(0).padStart(6)} ms ${k}`)
          .join("\n"),
      );
      const nodes = await page.evaluate(() => document.querySelectorAll("*").length);
      console.log("DOM nodes", nodes);
      return;
    }
    const times: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      await page.goto(`${server.url}/overenskommelser/skarholmen/atgardsplan`);
      await page
        .waitForFunction(() => (window as unknown as { planReady?: number }).planReady !== undefined, null, { timeout: 60_000 })
        .catch(async (error) => {
          const state = await page.evaluate(() => document.querySelector("[data-plan-doc]")?.outerHTML.slice(0, 300));
          throw new Error(`${error}; page errors: ${errors.join("; ")}; plan: ${state}`);
        });
      const ready = await page.evaluate(() => (window as unknown as { planReady: number }).planReady);
      const rendered = await page.locator("[data-row-uid]").count();
      if (rendered !== ROWS) throw new Error(`rendered ${rendered} rows`);
      times.push(ready);
      const marks = await page.evaluate(() => {
        const w = window as unknown as Record<string, number>;
        const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
        const marks = Object.fromEntries(performance.getEntriesByType("mark").map((m) => [m.name, m.startTime]));
        return { html: nav.responseEnd, dcl: nav.domContentLoadedEventEnd, shell: w.planShell, connected: w.planConnected, ...marks };
      });
      console.log(
        `run ${run + 1}: ${ready.toFixed(0)} ms (${Object.entries(marks)
          .map(([k, v]) => `${k} ${v?.toFixed(0)}`)
          .join(", ")})`,
      );
    }
    times.sort((a, b) => a - b);
    console.log(`\n| plan | CPU throttle | runs | p50 (ms) | max (ms) |\n|---|---:|---:|---:|---:|`);
    console.log(`| ${ROWS} rows | ${THROTTLE}× | ${RUNS} | ${times[Math.floor(RUNS / 2)].toFixed(0)} | ${times[RUNS - 1].toFixed(0)} |`);
  } finally {
    await browser.close();
    await server.stop();
  }
}

await main();
