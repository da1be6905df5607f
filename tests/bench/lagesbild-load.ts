/**
 * `npm run bench:lagesbild`: how long a large lägesbild takes to open. A lägesbild of about 40
 * pages (40 × 3 000 characters spread over its sections) with two years of typing behind it
 * (many small updates from many editing sessions, no snapshot: the worst case, before the server
 * has ever compacted it) is opened with stock y-websocket clients against the real server:
 * connect → synced per section one after another, and for all sections at once, cold (the
 * first server on that file: it folds the long logs at its start, which is reported as a row of
 * its own) and warm (already in memory), then again after the server compacted the sections
 * (restarted on the same file). Not a test: prints min/p50/p95/max in ms against the 300 ms target.
 *
 * Environment: BENCH_ROUNDS (rounds, default 3); BENCH_BASELINE, a built checkout of earlier code
 * (e.g. `git archive <commit> | tar -x -C <dir>`, node_modules linked, `npx remix build` there):
 * every round then also runs that checkout's server on its own copy of the same database, in
 * turn with this one, so both are measured under the same load. Run `npm run build` first.
 */
import { copyFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import * as Y from "yjs";
import { connectClient, sessionCookie, thisYear, type Client } from "../support/collab-client";
import { startServer, type RunningServer } from "../support/server";
import { tempDatabasePath } from "../support/temp";

process.chdir(fileURLToPath(new URL("../..", import.meta.url)));
// Every stock y-websocket provider in Node adds a process "exit" listener; a whole page opens a dozen.
process.setMaxListeners(0);

const PAGES = 40;
const CHARS_PER_PAGE = 3_000;
/** Updates per editing session (one client id); two years of weekly sessions by several people. */
const UPDATES_PER_SESSION = 250;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const TARGET_MS = 300;
const EDITOR = "sdd.skarholmen@example.se";

const words = ["trygghet", "brott", "skola", "polis", "centrum", "unga", "kväll", "torg", "analys", "åtgärd", "område", "samverkan"];

/** One section's history as typing makes it: words of a few characters, backspaces, the caret moving, sessions changing. */
function typingHistory(characters: number): { updates: Uint8Array[]; length: number } {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on("update", (update: Uint8Array) => updates.push(update));
  const fragment = doc.getXmlFragment("default");
  let text: Y.XmlText | null = null;
  let cursor = 0;
  let typed = 0;
  while (typed < characters) {
    const n = updates.length;
    if (n % UPDATES_PER_SESSION === 0) doc.clientID = Math.floor(Math.random() * 0xffffffff);
    if (text === null || (text.length > 600 && Math.random() < 0.01)) {
      const paragraph = new Y.XmlElement("paragraph");
      text = new Y.XmlText("");
      paragraph.insert(0, [text]);
      fragment.insert(fragment.length, [paragraph]);
      cursor = 0;
      continue;
    }
    if (n % 100 === 0) cursor = Math.floor(Math.random() * (text.length + 1));
    if (n % 15 === 0 && cursor > 0) {
      text.delete(cursor - 1, 1);
      cursor--;
      typed--;
      continue;
    }
    const word = (n % 4 === 0 ? " " : "") + words[n % words.length].slice(0, 1 + (n % 4));
    text.insert(cursor, word);
    cursor += word.length;
    typed += word.length;
  }
  const length = fragment.toArray().reduce((sum, p) => sum + ((p as Y.XmlElement).get(0) as Y.XmlText).length, 0);
  doc.destroy();
  return { updates, length };
}

/** A seeded database with this year's Skärholmen lägesbild whose sections hold the generated histories. */
async function preparedDatabase(): Promise<{ path: string; names: string[]; updates: number; bytes: number; characters: number }> {
  const path = tempDatabasePath();
  // The real server seeds the demo data and creates the lägesbild when its page is first opened.
  const server = await startServer({ DATABASE_PATH: path });
  try {
    const cookie = await sessionCookie(server, EDITOR);
    const response = await fetch(`${server.url}/overenskommelser/skarholmen/lagesbild/${thisYear}`, { headers: { Cookie: cookie } });
    if (!response.ok) throw new Error(`the lägesbild page answered ${response.status}`);
  } finally {
    await server.stop();
  }
  const db = new Database(path);
  try {
    const sections = db
      .prepare(
        "select s.id, p.agreement_id as agreementId from situation_sections s join situation_pictures p on p.id = s.picture_id join agreements a on a.id = p.agreement_id where a.slug = 'skarholmen' and p.year = ? order by s.position",
      )
      .all(thisYear) as { id: number; agreementId: number }[];
    const person = db.prepare("select id from people where email = ?").get(EDITOR) as { id: number };
    const perSection = Math.ceil((PAGES * CHARS_PER_PAGE) / sections.length);
    const now = new Date().toISOString();
    let updates = 0;
    let bytes = 0;
    let characters = 0;
    const insertDocument = db.prepare(
      "insert into documents (name, kind, agreement_id, snapshot, plain_text, updated_at) values (?, 'lagesbild_section', ?, NULL, '', ?) on conflict(name) do update set snapshot = NULL",
    );
    const insertUpdate = db.prepare('insert into document_updates (document_name, "update", person_id, created_at) values (?, ?, ?, ?)');
    db.transaction(() => {
      for (const section of sections) {
        const name = `avsnitt-${section.id}`;
        const history = typingHistory(perSection);
        insertDocument.run(name, section.agreementId, now);
        for (const update of history.updates) insertUpdate.run(name, Buffer.from(update), person.id, now);
        updates += history.updates.length;
        bytes += history.updates.reduce((sum, u) => sum + u.byteLength, 0);
        characters += history.length;
      }
    })();
    db.pragma("wal_checkpoint(TRUNCATE)");
    return { path, names: sections.map((s) => `avsnitt-${s.id}`), updates, bytes, characters };
  } finally {
    db.close();
  }
}

async function timeSync(server: RunningServer, name: string, cookie: string): Promise<{ ms: number; client: Client }> {
  const start = performance.now();
  const client = connectClient(server, name, cookie);
  // The provider's event, not waitForSync's polling (every 20 ms), which would add up to 20 ms.
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not sync`)), 60_000);
    const onSync = (synced: boolean) => {
      if (!synced) return;
      clearTimeout(timer);
      client.provider.off("sync", onSync);
      resolve();
    };
    client.provider.on("sync", onSync);
  });
  return { ms: performance.now() - start, client };
}

/** What the server logged about folding long logs at its start (it does so before serving anyone). */
function startupCompaction(server: RunningServer): number | null {
  const match = /folded \d+ long update logs into snapshots in (\d+) ms/.exec(server.output());
  return match ? Number(match[1]) : null;
}

async function oneAtATime(server: RunningServer, names: string[], cookie: string): Promise<number[]> {
  const times: number[] = [];
  for (const name of names) {
    const { ms, client } = await timeSync(server, name, cookie);
    times.push(ms);
    client.destroy();
  }
  return times;
}

async function allAtOnce(server: RunningServer, names: string[], cookie: string): Promise<{ each: number[]; total: number }> {
  const start = performance.now();
  const results = await Promise.all(names.map((name) => timeSync(server, name, cookie)));
  const total = performance.now() - start;
  for (const r of results) r.client.destroy();
  return { each: results.map((r) => r.ms), total };
}

function logRows(path: string, names: string[]): number {
  const db = new Database(path, { readonly: true });
  try {
    return (db.prepare(`select count(*) as n from document_updates where document_name in (${names.map(() => "?").join(",")})`).get(...names) as { n: number })
      .n;
  } finally {
    db.close();
  }
}

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
};
const ms = (v: number) => (v < 10 ? v.toFixed(1) : v.toFixed(0));

async function main() {
  console.log(`# Opening a lägesbild of ${PAGES} pages (${PAGES * CHARS_PER_PAGE} characters) with two years of typing, ${ROUNDS} rounds`);
  const prepared = await preparedDatabase();
  console.log(
    `  ${prepared.names.length} sections, ${prepared.updates.toLocaleString("en")} updates (${(prepared.bytes / 1e6).toFixed(1)} MB), ${prepared.characters.toLocaleString("en")} characters`,
  );
  const rows = new Map<string, number[]>();
  const add = (label: string, values: number[]) => rows.set(label, [...(rows.get(label) ?? []), ...values]);
  const baseline = process.env.BENCH_BASELINE;
  const variants = baseline
    ? [
        { tag: "", cwd: undefined },
        { tag: "baseline: ", cwd: baseline },
      ]
    : [{ tag: "", cwd: undefined }];
  for (let round = 0; round < ROUNDS; round++) {
    for (const mode of ["one", "all"] as const) {
      // The variants take turns within a round (alternating which goes first), under the same load.
      for (const { tag, cwd } of round % 2 === 0 ? variants : [...variants].reverse()) {
        const label = (row: string) => tag + row;
        // Every cold measurement starts on a fresh copy: the first load compacts the sections.
        const copy = tempDatabasePath();
        copyFileSync(prepared.path, copy);
        let server = await startServer({ DATABASE_PATH: copy, SEED_DEMO: "false" }, { cwd });
        const folded = startupCompaction(server);
        if (folded !== null) add(label("server start: folding the long logs"), [folded]);
        try {
          const cookie = await sessionCookie(server, EDITOR);
          if (mode === "one") {
            add(label("cold, one section at a time"), await oneAtATime(server, prepared.names, cookie));
          } else {
            const cold = await allAtOnce(server, prepared.names, cookie);
            add(label("cold, all sections at once (each)"), cold.each);
            add(label("cold, all sections at once (whole page)"), [cold.total]);
            const warm = await allAtOnce(server, prepared.names, cookie);
            add(label("warm (in memory), all at once (each)"), warm.each);
          }
          // Restarted on the same file: the sections were compacted to snapshots when they unloaded.
          await server.stop();
          if (round === 0)
            console.log(`  ${tag}after the first server stopped (${mode}): ${logRows(copy, prepared.names)} update rows left in the sections' logs`);
          server = await startServer({ DATABASE_PATH: copy, SEED_DEMO: "false" }, { cwd });
          const again = await sessionCookie(server, EDITOR);
          if (mode === "one") add(label("compacted, one section at a time"), await oneAtATime(server, prepared.names, again));
          else {
            const compacted = await allAtOnce(server, prepared.names, again);
            add(label("compacted, all sections at once (each)"), compacted.each);
            add(label("compacted, all sections at once (whole page)"), [compacted.total]);
          }
        } finally {
          await server.stop();
        }
      }
    }
  }
  console.log(`\n| connect → synced | n | min | p50 | p95 | max (ms) | < ${TARGET_MS} ms |`);
  console.log("| --- | ---: | ---: | ---: | ---: | ---: | :---: |");
  // Each row of this code, followed by the same row of the baseline when there is one.
  const labels = [...rows.keys()].filter((label) => !label.startsWith("baseline: ")).flatMap((label) => [label, `baseline: ${label}`]);
  for (const label of labels) {
    const values = rows.get(label);
    if (!values) continue;
    const p95 = quantile(values, 0.95);
    console.log(
      `| ${label} | ${values.length} | ${ms(Math.min(...values))} | ${ms(quantile(values, 0.5))} | ${ms(p95)} | ${ms(Math.max(...values))} | ${p95 < TARGET_MS ? "p95 yes" : "p95 no"} |`,
    );
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
