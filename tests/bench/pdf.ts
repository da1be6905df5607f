/**
 * `npm run bench:pdf` (after `npm run build`): how long a protocol PDF takes
 * and whether the server stays responsive meanwhile. Not a test: it asserts
 * nothing and prints Markdown tables for the README.
 *
 * 1. The renderer alone, on this thread, without the text limits: unbroken
 *    words of 16 KB, 100 KB and 1 MB and 1 MB of ordinary minutes (time should
 *    grow linearly), and 1 MB of minutes with a 100 KB word under the limits.
 * 2. The real server: the minutes of a meeting are written as 1 MB including a
 *    100 KB word with the stock y-websocket client, then the draft PDF is
 *    fetched through the route while `/healthz` is requested back to back; the
 *    reference is `/healthz` with no render running. Then a flood: eight drafts
 *    requested at once (two render, four wait, the rest are refused as busy).
 *
 * Environment: BENCH_ROUNDS (draft renders with a warm worker, default 5),
 * BENCH_IDLE_SECONDS (the reference's duration, default 3).
 */
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { renderProtocolPdf } from "../../server/protocol/pdf";
import type { ProtocolData } from "../../server/protocol/protocol-data";
import { appendParagraph, connectClient, sessionCookie, waitFor, waitForSync } from "../support/collab-client";
import { styrgruppMinutes } from "../support/rights-fixture";
import { startServer, type RunningServer } from "../support/server";

const root = fileURLToPath(new URL("../..", import.meta.url));
process.chdir(root);

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const IDLE_MS = Number(process.env.BENCH_IDLE_SECONDS ?? 3) * 1000;
const RENDERER_ROUNDS = 3;
const FLOOD = 8;
const WORD = 100_000;
const MINUTES = 1_000_000;

function unbrokenWord(length: number): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+=";
  let word = "";
  for (let i = 0; i < length; i++) word += alphabet[(i * 7919) % alphabet.length];
  return word;
}

function prose(length: number): string {
  const paragraph = "Kommunpolisen redovisade läget i Skärholmens centrum och trygghetsvandringen i Vårberg. ".repeat(8).trim();
  return Array.from({ length: Math.ceil(length / (paragraph.length + 1)) }, () => paragraph)
    .join("\n")
    .slice(0, length);
}

/** 1 MB of minutes as paragraphs: 40 KB of text, the 100 KB word, the rest text. */
function minutesParagraphs(): string[] {
  const before = prose(40_000);
  const after = prose(MINUTES - before.length - WORD);
  return [before, unbrokenWord(WORD), after];
}

function protocol(generalNotes: string): ProtocolData {
  return {
    kind: "protokoll",
    draft: false,
    demo: false,
    group: { name: "Lokal styrgrupp Skärholmen", agreementTitle: "Lokal samverkansöverenskommelse Skärholmen" },
    meeting: { title: "Styrgruppsmöte", startsAt: "2026-03-10T08:00:00Z", endsAt: null, location: "Skärholmen", videoLink: null },
    beslutande: [],
    ovrigaNarvarande: [],
    franvarande: [],
    chair: null,
    secretary: null,
    justerare: [],
    paragraphs: [],
    undealtItems: [],
    otherUppdrag: [],
    generalNotes,
    signatures: [],
    recordSha256: null,
    auditHash: null,
    generatedAt: "2026-03-13T08:00:00Z",
  };
}

const ms = (n: number) => (n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2));
const kb = (n: number) => (n >= 1_000_000 ? `${n / 1_000_000} MB` : `${n / 1000} KB`);

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function latencyColumns(latencies: number[]): string {
  const sorted = [...latencies].sort((a, b) => a - b);
  return [sorted.length, ...[50, 95, 99].map((p) => ms(percentile(sorted, p))), ms(sorted[sorted.length - 1] ?? NaN)].join(" | ");
}

async function rendererAlone(): Promise<void> {
  const unlimited = { limits: { perText: Number.MAX_SAFE_INTEGER, perProtocol: Number.MAX_SAFE_INTEGER } };
  await renderProtocolPdf(protocol("Uppvärmning.")); // fonts and the glyph table, once per process
  const cases: [string, ProtocolData, object][] = [
    ...[16_000, 100_000, 1_000_000].map((n): [string, ProtocolData, object] => [`unbroken word of ${kb(n)}, no limits`, protocol(unbrokenWord(n)), unlimited]),
    [`${kb(MINUTES)} of ordinary minutes, no limits`, protocol(prose(MINUTES)), unlimited],
    [`${kb(MINUTES)} of minutes incl. a ${kb(WORD)} word, as served (cut at 200 000)`, protocol(minutesParagraphs().join("\n")), {}],
  ];
  console.log("\n### The renderer alone (one thread)\n");
  console.log(`| text | render (ms), median of ${RENDERER_ROUNDS} | min | max | PDF (KB) |`);
  console.log("|---|---:|---:|---:|---:|");
  for (const [label, data, options] of cases) {
    const times: number[] = [];
    let bytes = 0;
    for (let round = 0; round < RENDERER_ROUNDS; round++) {
      const started = performance.now();
      bytes = (await renderProtocolPdf(data, options)).length;
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    console.log(`| ${label} | ${ms(percentile(times, 50))} | ${ms(times[0]!)} | ${ms(times[times.length - 1]!)} | ${Math.round(bytes / 1024)} |`);
  }
}

/** `/healthz` back to back (5 ms apart) until `until` settles, or for `durationMs`. */
async function healthz(server: RunningServer, until: Promise<unknown> | number): Promise<number[]> {
  let done = false;
  if (typeof until === "number") setTimeout(() => (done = true), until);
  else void until.finally(() => (done = true));
  const latencies: number[] = [];
  while (!done) {
    const started = performance.now();
    const response = await fetch(`${server.url}/healthz`);
    await response.arrayBuffer();
    latencies.push(performance.now() - started);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return latencies;
}

async function fetchDraft(server: RunningServer, cookie: string, meetingId: number): Promise<{ status: number; ms: number; bytes: number }> {
  const started = performance.now();
  const response = await fetch(`${server.url}/moten/${meetingId}/protokoll.pdf`, { headers: { cookie } });
  const body = await response.arrayBuffer();
  return { status: response.status, ms: performance.now() - started, bytes: body.byteLength };
}

async function throughTheServer(): Promise<void> {
  const server = await startServer();
  try {
    const cookie = await sessionCookie(server, "sdd.skarholmen@example.se");
    const { meetingId, minutes } = styrgruppMinutes(server);
    const writer = connectClient(server, minutes, cookie);
    const reader = connectClient(server, minutes, cookie);
    await waitForSync(writer);
    await waitForSync(reader);
    const paragraphs = minutesParagraphs();
    writer.doc.transact(() => paragraphs.forEach((p) => appendParagraph(writer.doc, p)));
    await waitFor(() => reader.text().length >= MINUTES, 60_000, "the minutes to be stored");
    writer.destroy();
    reader.destroy();

    const rows: string[] = [];
    rows.push(`| reference: no render running (${IDLE_MS / 1000} s) | – | ${latencyColumns(await healthz(server, IDLE_MS))} |`);

    const cold = fetchDraft(server, cookie, meetingId);
    const coldLatencies = await healthz(server, cold);
    const coldResult = await cold;
    rows.push(`| draft, first render (worker starts) | ${ms(coldResult.ms)} (${coldResult.status}) | ${latencyColumns(coldLatencies)} |`);

    const warmTimes: number[] = [];
    const warmLatencies: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const draft = fetchDraft(server, cookie, meetingId);
      warmLatencies.push(...(await healthz(server, draft)));
      const result = await draft;
      if (result.status !== 200) throw new Error(`draft answered ${result.status}`);
      warmTimes.push(result.ms);
    }
    warmTimes.sort((a, b) => a - b);
    rows.push(
      `| draft, ${ROUNDS} renders one after another (worker ready) | ${ms(percentile(warmTimes, 50))} median, ${ms(
        warmTimes[warmTimes.length - 1]!,
      )} max | ${latencyColumns(warmLatencies)} |`,
    );

    const started = performance.now();
    const flood = Promise.all(Array.from({ length: FLOOD }, () => fetchDraft(server, cookie, meetingId)));
    const floodLatencies = await healthz(server, flood);
    const results = await flood;
    const served = results.filter((r) => r.status === 200).length;
    const refused = results.filter((r) => r.status === 503).length;
    const other = results.filter((r) => r.status !== 200 && r.status !== 503).map((r) => r.status);
    if (other.length > 0) console.warn(`other answers in the flood: ${other.join(", ")}\n${server.output().slice(-3000)}`);
    rows.push(
      `| ${FLOOD} drafts at once: ${served} served, ${refused} refused (503) | ${ms(performance.now() - started)} for all | ${latencyColumns(
        floodLatencies,
      )} |`,
    );

    console.log(`\n### Through the server: draft of ${kb(MINUTES)} of minutes incl. a ${kb(WORD)} word (PDF ${Math.round(coldResult.bytes / 1024)} KB)\n`);
    console.log("| scenario | draft PDF (ms) | /healthz n | p50 | p95 | p99 | max (ms) |");
    console.log("|---|---|---:|---:|---:|---:|---:|");
    for (const row of rows) console.log(row);
  } finally {
    // A server stuck in a render (as before the fix) cannot handle SIGTERM: it is killed after 10 s.
    const stopped = await Promise.race([server.stop().then(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 10_000).unref())]);
    if (!stopped) server.process.kill("SIGKILL");
  }
}

async function main(): Promise<void> {
  await rendererAlone();
  await throughTheServer();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
