/**
 * One load-generator process of `npm run bench:collab-multi`: it connects its share of the
 * clients, then on command sends edits at a given rate and measures the latency of every edit it
 * receives. An edit carries its send time (performance.timeOrigin + now, comparable between
 * processes on one machine) in its text, so no process needs another's send log.
 *
 * A client is a typist or a follower. A typist sends edits and applies every edit relayed to it, as
 * an editor in a browser does. A follower (a spec with `follows`) is the same stock provider, synced
 * the same way, but once every client is synced the edits relayed to it are read here and dropped
 * before its provider sees them: the server does for it exactly what it does for a typist, while
 * the generator does not apply every edit once per follower (in a meeting, each follower's own
 * computer does that). A follower that reconnects mid-run would not be synced again.
 */
import { performance } from "node:perf_hooks";
import * as Y from "yjs";
import { connectAll, destroyClient, type BenchClient, type Intercept, type Target } from "./harness";

export type WorkerCommand =
  | { kind: "connect"; target: Pick<Target, "server" | "wsBase" | "origin">; specs: { name: string; cookie?: string; follows?: boolean }[] }
  | { kind: "send"; ratePerSecond: number; seconds: number }
  | { kind: "stop" };
export type WorkerReply =
  | { kind: "connected" }
  /** `firsts`: per edit seen here, its send time and its earliest arrival here (pairs, flattened). */
  | { kind: "sent"; sent: number; latencies: Float64Array; firsts: Float64Array; closes: number }
  | { kind: "error"; message: string };

/** BENCH_CARETS=1: every edit also moves the sender's caret (an awareness update). */
const CARETS = process.env.BENCH_CARETS === "1";
/**
 * An edit's mark, found in the update's bytes read as Latin-1 (the UTF-8 of "§" is C2 A7): each edit
 * inserts its mark in one piece, which Yjs writes as one UTF-8 string. Decoding the update into structs
 * instead cost every receiver tens of microseconds, and a generator process hands each edit to its
 * receivers one after another, so that cost delayed the later ones.
 */
const MARK = /\u00c2\u00a7(\d+(?:\.\d+)?);/g;
const clock = () => performance.timeOrigin + performance.now();
let clients: BenchClient[] = [];
let typists: BenchClient[] = [];
/** Set once every client is synced: from then on the edits relayed to a follower are measured and dropped. */
let following = false;
let latencies: number[] = [];
/** Send time → the earliest latency of that edit among this process's clients. */
let firsts = new Map<number, number>();
const texts = new Map<BenchClient, Y.XmlText>();

/** Records the latency of every edit marked in `bytes`, received `now`; returns whether there was one. */
function record(bytes: Buffer, now: number): boolean {
  let found = false;
  for (const match of bytes.toString("latin1").matchAll(MARK)) {
    const sentAt = Number(match[1]);
    const latency = now - sentAt;
    latencies.push(latency);
    if (!(firsts.get(sentAt)! <= latency)) firsts.set(sentAt, latency);
    found = true;
  }
  return found;
}

/** A typist's edits are measured once its provider has applied them. */
function measure(client: BenchClient): void {
  client.doc.on("update", (update: Uint8Array, origin: unknown) => {
    if (origin === client.provider) record(Buffer.from(update.buffer, update.byteOffset, update.byteLength), clock());
  });
}

const follow: Intercept = (message) => following && record(message, clock());

/** Each client writes into a paragraph of its own, so edits never contend for a position. */
function send(client: BenchClient): void {
  let text = texts.get(client);
  if (!text) {
    const paragraph = new Y.XmlElement("paragraph");
    text = new Y.XmlText("");
    paragraph.insert(0, [text]);
    client.doc.getXmlFragment("default").push([paragraph]);
    texts.set(client, text);
  }
  text.insert(text.length, `§${clock().toFixed(3)};`);
  // As an editor does: y-prosemirror's cursor plugin publishes the caret after every change of the selection.
  if (CARETS) client.provider.awareness?.setLocalStateField("cursor", { anchor: text.length, head: text.length });
}

async function sendFor(ratePerSecond: number, seconds: number): Promise<number> {
  const interval = 1000 / ratePerSecond;
  const start = performance.now();
  let sent = 0;
  while (performance.now() - start < seconds * 1000) {
    send(typists[sent % typists.length]);
    sent++;
    const due = start + sent * interval;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - performance.now())));
  }
  // Let the last relays arrive.
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  return sent;
}

/** Connections closed so far (a provider reconnects by itself; a follower would not be synced again). */
const closeCount = () => clients.reduce((n, client) => n + client.closes.length, 0);

process.setMaxListeners(0);
process.on("message", (command: WorkerCommand) => {
  const reply = (message: WorkerReply) => process.send!(message);
  const run = async () => {
    if (command.kind === "connect") {
      clients = await connectAll(
        command.target as Target,
        command.specs.map((s, i) => ({ name: s.name, cookie: s.cookie, document: i, intercept: s.follows ? follow : undefined })),
      );
      typists = clients.filter((_, i) => !command.specs[i].follows);
      if (typists.length === 0) throw new Error("a generator process without a typist");
      for (const client of typists) measure(client);
      following = true;
      return reply({ kind: "connected" });
    }
    if (command.kind === "send") {
      latencies = [];
      firsts = new Map();
      const closedBefore = closeCount();
      const sent = await sendFor(command.ratePerSecond, command.seconds);
      const closes = closeCount() - closedBefore;
      return reply({ kind: "sent", sent, latencies: Float64Array.from(latencies), firsts: Float64Array.from([...firsts].flat()), closes });
    }
    for (const client of clients) destroyClient(client);
    process.exit(0);
  };
  run().catch((error) => reply({ kind: "error", message: error instanceof Error ? error.message : String(error) }));
});
process.on("disconnect", () => process.exit(0));
