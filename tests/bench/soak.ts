/**
 * Memory of the collaboration server: RSS and heap at idle, per open document with 10 editors, and over a
 * soak of 50 editors typing into one document (default 10 minutes; SOAK_SECONDS to change). Loopback
 * only, a bounded loop. Prints RSS samples every 10 s, the heap after a full garbage collection (read
 * through the server's inspector, server-heap.ts) at idle, per document and every minute of the soak,
 * and the growth between the first and last minute. Run with `npm run bench:soak` after `npx remix build`.
 */
import { readFileSync } from "node:fs";
import Database from "better-sqlite3";
import * as Y from "yjs";
import { appendParagraph, connectClient, sessionCookie, thisYear, waitForSync, type Client } from "../support/collab-client";
import { startServer, type RunningServer } from "../support/server";
import { inspectServer, inspectorArgs } from "./server-heap";

// Every stock client adds a process exit listener.
process.setMaxListeners(0);

const SOAK_SECONDS = Number(process.env.SOAK_SECONDS ?? 600);
const EDITORS = ["sdd.skarholmen@example.se", "lpo.skarholmen@example.se", "linnea.holmberg@example.se", "daniel.lund@example.se", "ahmed.yusuf@example.se"];

function rssMb(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return match ? Number(match[1]) / 1024 : NaN;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Open agenda items of Skärholmen's styrgrupp: documents the chair and the police co-chair may edit. */
function itemNotes(server: RunningServer, count: number): string[] {
  const db = new Database(server.databasePath, { readonly: true });
  try {
    const rows = db
      .prepare(
        "select ai.id from agenda_items ai join meetings m on m.id = ai.meeting_id join groups g on g.id = m.group_id where g.name = 'Lokal styrgrupp Skärholmen' and m.locked_at is null order by ai.id limit ?",
      )
      .all(count) as { id: number }[];
    return rows.map((r) => `item-${r.id}-notes`);
  } finally {
    db.close();
  }
}

async function connectMany(server: RunningServer, name: string, cookies: string[], n: number): Promise<Client[]> {
  const clients = Array.from({ length: n }, (_, i) => connectClient(server, name, cookies[i % cookies.length]));
  await Promise.all(clients.map((c) => waitForSync(c, 60_000)));
  return clients;
}

async function main() {
  const server = await startServer({}, { nodeArgs: inspectorArgs });
  const pid = server.process.pid!;
  const inspector = await inspectServer(server);
  const heapMb = inspector.heapMbAfterGc;
  const clients: Client[] = [];
  try {
    const cookies = await Promise.all(EDITORS.slice(0, 2).map((email) => sessionCookie(server, email)));
    const soakCookies = await Promise.all(EDITORS.map((email) => sessionCookie(server, email)));
    await sleep(2_000);
    const idleHeap = await heapMb();
    const idle = rssMb(pid);
    console.log(`idle (after logins): RSS ${idle.toFixed(0)} MB, heap after GC ${idleHeap.toFixed(1)} MB`);

    const documents = itemNotes(server, 10);
    const perDocument: string[] = [];
    const heapPerDocument: string[] = [];
    let openHeap = idleHeap;
    for (const [i, name] of documents.entries()) {
      clients.push(...(await connectMany(server, name, cookies, 10)));
      for (const client of clients.slice(-10)) appendParagraph(client.doc, `Anteckning från en av tio redaktörer i dokument ${i + 1}.`);
      await sleep(500);
      openHeap = await heapMb();
      perDocument.push(`${i + 1}: ${rssMb(pid).toFixed(0)}`);
      heapPerDocument.push(`${i + 1}: ${openHeap.toFixed(1)}`);
    }
    const open = rssMb(pid);
    console.log(`RSS (MB) with n documents open, 10 editors each: ${perDocument.join(", ")}`);
    console.log(`heap after GC (MB) with n documents open: ${heapPerDocument.join(", ")}`);
    console.log(
      `per open document with 10 editors: heap ${(((openHeap - idleHeap) * 1024) / documents.length).toFixed(0)} KB, RSS ${((open - idle) / documents.length).toFixed(1)} MB (${documents.length} documents)`,
    );
    for (const client of clients.splice(0)) client.destroy();

    const soakName = `lagesbild-skarholmen-${thisYear}`;
    clients.push(...(await connectMany(server, soakName, soakCookies, 50)));
    console.log(`soak: 50 editors in ${soakName} for ${SOAK_SECONDS} s, 5 edits/s in total, RSS every 10 s`);
    const samples: { at: number; mb: number }[] = [];
    const heapSamples: { at: number; mb: number; documentKb: number }[] = [];
    // The soaked document as a client holds it (its whole state encoded): the heap should grow with it, not beyond.
    const documentKb = () => Y.encodeStateAsUpdate(clients[0].doc).byteLength / 1024;
    const started = Date.now();
    let n = 0;
    while (Date.now() - started < SOAK_SECONDS * 1000) {
      const client = clients[n % clients.length];
      // Short paragraphs, and every 50th edit deletes what the editor wrote before: a document
      // that is written and rewritten, as minutes are, not one that only grows.
      if (n % 50 === 49) {
        const fragment = client.doc.getXmlFragment("default");
        if (fragment.length > 40) client.doc.transact(() => fragment.delete(0, 20));
      } else appendParagraph(client.doc, `rad ${n} ${"ord ".repeat(8)}`);
      n++;
      await sleep(200);
      const elapsed = Date.now() - started;
      if (samples.length === 0 || elapsed - samples[samples.length - 1].at >= 10_000) {
        samples.push({ at: elapsed, mb: rssMb(pid) });
        // Every minute also the heap after a full collection (it pauses the server for a moment).
        let heapText = "";
        if (samples.length % 6 === 1) {
          const heap = { at: elapsed, mb: await heapMb(), documentKb: documentKb() };
          heapSamples.push(heap);
          heapText = `, heap after GC ${heap.mb.toFixed(1)} MB, document ${heap.documentKb.toFixed(0)} KB`;
        }
        console.log(`  ${(elapsed / 1000).toFixed(0)} s: RSS ${samples[samples.length - 1].mb.toFixed(0)} MB${heapText}`);
      }
    }
    const minute = Math.min(6, Math.max(1, Math.floor(samples.length / 3)));
    const first = samples.slice(0, minute).map((s) => s.mb);
    const last = samples.slice(-minute).map((s) => s.mb);
    const avg = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
    console.log(
      `\nsoak: ${n} edits; RSS first ${minute * 10} s ${avg(first).toFixed(0)} MB, last ${minute * 10} s ${avg(last).toFixed(0)} MB, max ${Math.max(...samples.map((s) => s.mb)).toFixed(0)} MB`,
    );
    // Everyone leaves: the server unloads the document 30 s later (COLLAB_UNLOAD_GRACE_MS), and its
    // heap should fall back to about idle.
    for (const client of clients.splice(0)) client.destroy();
    await sleep(35_000);
    console.log(`after every editor left: heap after GC ${(await heapMb()).toFixed(1)} MB (idle ${idleHeap.toFixed(1)} MB), RSS ${rssMb(pid).toFixed(0)} MB`);
    if (heapSamples.length > 1) {
      const [firstHeap, lastHeap] = [heapSamples[0], heapSamples[heapSamples.length - 1]];
      console.log(
        `heap after GC: ${firstHeap.mb.toFixed(1)} MB at ${(firstHeap.at / 1000).toFixed(0)} s, ${lastHeap.mb.toFixed(1)} MB at ${(lastHeap.at / 1000).toFixed(0)} s (${(lastHeap.mb - firstHeap.mb).toFixed(1)} MB over ${((lastHeap.at - firstHeap.at) / 60_000).toFixed(1)} minutes, while the document grew from ${firstHeap.documentKb.toFixed(0)} to ${lastHeap.documentKb.toFixed(0)} KB)`,
      );
    }
  } finally {
    for (const client of clients) client.destroy();
    inspector.close();
    await server.stop();
  }
}

await main();
