/**
 * What the collaboration benchmarks share: the servers (ours in both durability tiers, the
 * classic y-websocket server, Hocuspocus), their child processes and temporary files (cleaned up
 * on exit), /proc readings, prepared databases, and the clients (stock y-websocket providers, or
 * Hocuspocus' provider for Hocuspocus).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { HocuspocusProvider, HocuspocusProviderWebsocket } from "@hocuspocus/provider";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { sessionCookie, thisYear, webSocketWithHeaders } from "../support/collab-client";
import { startServer, type RunningServer } from "../support/server";
import { tempDatabasePath } from "../support/temp";

export const root = fileURLToPath(new URL("../..", import.meta.url));
export const CONNECT_BATCH = 50;

export const lagesbild = `lagesbild-skarholmen-${thisYear}`;
/** Editors of the Skärholmen lägesbild (styrgrupp and beredningsgrupp, none of them `lasare`). */
export const lagesbildEditors = [
  "sdd.skarholmen@example.se",
  "lpo.skarholmen@example.se",
  "linnea.holmberg@example.se",
  "ahmed.yusuf@example.se",
  "patrik.sjodin@example.se",
  "daniel.lund@example.se",
];
/** Members of Lokal styrgrupp Skärholmen who may edit its minutes (ordförande, sekreterare, and members may take notes). */
export const minutesEditors = ["sdd.skarholmen@example.se", "lpo.skarholmen@example.se", "linnea.holmberg@example.se", "ahmed.yusuf@example.se"];

// ---------------------------------------------------------------------------
// Child processes: every one we start is killed when we exit, also on errors.

export const children = new Set<ChildProcess>();
export const tempDirs = new Set<string>();

export function track(child: ChildProcess): void {
  children.add(child);
  child.once("exit", () => children.delete(child));
}

/** Direct children of this process, from /proc (covers a server whose start timed out before we got its handle). */
export function ownChildPids(): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (ppid === process.pid) pids.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

export function killChildren(): void {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  for (const pid of ownChildPids()) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
}

export function removeTempDirs(): void {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
  tempDirs.clear();
}

process.on("exit", () => {
  killChildren();
  removeTempDirs();
});
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.on(signal, () => {
    console.error(`\n${signal}: stopping the servers`);
    process.exit(130);
  });
}
// One WebsocketProvider registers one process 'exit' listener; we run up to 1000.
process.setMaxListeners(0);

// ---------------------------------------------------------------------------
// /proc readings

export const CLOCK_TICKS = 100; // USER_HZ on Linux

export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  // Fields 14 (utime) and 15 (stime), counted from 1; the slice starts at field 3.
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

/** CPU seconds all processes of the machine have used (user, nice, system, irq, softirq, steal), from /proc/stat. */
export function machineBusySeconds(): number {
  const fields = readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/).slice(1).map(Number);
  const [user, nice, system, , , irq, softirq, steal] = fields;
  return (user + nice + system + irq + softirq + (steal ?? 0)) / CLOCK_TICKS;
}

export function rssKb(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return match ? Number(match[1]) : 0;
}

export function writeBytes(pid: number): number | null {
  try {
    const match = /write_bytes: (\d+)/.exec(readFileSync(`/proc/${pid}/io`, "utf8"));
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

/** Peak RSS of a process, sampled every 50 ms. */
export class RssSampler {
  private peakKb = 0;
  private timer: NodeJS.Timeout | undefined;
  constructor(private readonly pid: number) {}
  start(): void {
    this.peakKb = 0;
    this.sample();
    this.timer = setInterval(() => this.sample(), 50);
  }
  private sample(): void {
    try {
      this.peakKb = Math.max(this.peakKb, rssKb(this.pid));
    } catch {
      // process gone
    }
  }
  stopMb(): number {
    clearInterval(this.timer);
    this.sample();
    return this.peakKb / 1024;
  }
}

// ---------------------------------------------------------------------------
// Servers

/**
 * Our server in both durability tiers (COLLAB_DURABILITY), the classic y-websocket server, and
 * Hocuspocus 4.7 in memory and with its SQLite extension (its own protocol and provider). With
 * BENCH_BASE (another checkout of this repository, its dependencies installed), also `ours-base`:
 * that checkout's server in `process` durability, to compare a change with the code before it in
 * one run.
 */
export type ServerKind = "ours" | "ours-full" | "ours-base" | "reference" | "hocuspocus" | "hocuspocus-sqlite";
const BASE_CHECKOUT = process.env.BENCH_BASE ? path.resolve(process.env.BENCH_BASE) : null;
const ALL_SERVERS: ServerKind[] = ["ours", ...(BASE_CHECKOUT ? (["ours-base"] as const) : []), "ours-full", "reference", "hocuspocus", "hocuspocus-sqlite"];
/** BENCH_SERVERS (comma-separated kinds) runs a subset, e.g. `ours,reference` while hunting a difference. */
export const SERVERS: ServerKind[] = serversFromEnv(process.env.BENCH_SERVERS);

function serversFromEnv(value: string | undefined): ServerKind[] {
  if (!value) return ALL_SERVERS;
  const asked = value.split(",").map((s) => s.trim());
  const unknown = asked.filter((s) => !ALL_SERVERS.includes(s as ServerKind));
  if (unknown.length > 0) throw new Error(`BENCH_SERVERS: unknown server ${unknown.join(", ")} (known: ${ALL_SERVERS.join(", ")})`);
  return asked as ServerKind[];
}
/** The peers we compare against (everything but our own server). */
export const isPeer = (server: ServerKind): server is "reference" | "hocuspocus" | "hocuspocus-sqlite" =>
  server === "reference" || server.startsWith("hocuspocus");

export interface Target {
  server: ServerKind;
  pid: number;
  /** Base URL for WebsocketProvider: the document name is appended. */
  wsBase: string;
  origin: string;
  /** Session cookie per person (ours only). */
  cookies: Map<string, string>;
  databasePath?: string;
  stop: () => Promise<void>;
}

export async function startOurs(emails: string[], databasePath?: string, kind: "ours" | "ours-full" | "ours-base" = "ours"): Promise<Target> {
  // BENCH_CPU_PROF=<dir>: our server writes a V8 CPU profile there when it stops (read it with Chrome's DevTools).
  const nodeArgs = process.env.BENCH_CPU_PROF ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(process.env.BENCH_CPU_PROF)}`] : [];
  const running: RunningServer = await startServer(
    { COLLAB_DURABILITY: kind === "ours-full" ? "full" : "process", ...(databasePath ? { DATABASE_PATH: databasePath } : {}) },
    { nodeArgs, cwd: kind === "ours-base" ? BASE_CHECKOUT! : undefined },
  );
  track(running.process);
  tempDirs.add(path.dirname(running.databasePath));
  const cookies = new Map<string, string>();
  for (const email of emails) cookies.set(email, await sessionCookie(running, email));
  return {
    server: kind,
    pid: running.process.pid!,
    wsBase: `ws://127.0.0.1:${running.port}/collab`,
    origin: running.url,
    cookies,
    databasePath: running.databasePath,
    stop: async () => {
      await running.stop();
    },
  };
}

/** The classic y-websocket server, or Hocuspocus (in memory, or with SQLite on a fresh file). */
export function startReference(kind: "reference" | "hocuspocus" | "hocuspocus-sqlite" = "reference"): Promise<Target> {
  const args = kind === "reference" ? [path.join(root, "tests/bench/reference-server.cjs")] : [path.join(root, "tests/bench/hocuspocus-server.mjs")];
  if (kind === "hocuspocus-sqlite") {
    const file = tempDatabasePath();
    tempDirs.add(path.dirname(file));
    args.push("--sqlite", file);
  }
  const child = spawn(process.execPath, args, {
    stdio: ["ignore", "pipe", "pipe", "ipc"],
  });
  track(child);
  let output = "";
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`reference server did not start:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (\d+)/.exec(output);
      if (!match) return;
      clearTimeout(timer);
      const port = Number(match[1]);
      resolve({
        server: kind,
        pid: child.pid!,
        wsBase: `ws://127.0.0.1:${port}`,
        origin: `http://127.0.0.1:${port}`,
        cookies: new Map(),
        stop: async () => {
          if (child.exitCode === null) child.kill("SIGTERM");
          await exited;
        },
      });
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    exited.then(() => reject(new Error(`reference server exited before listening:\n${output}`)));
  });
}

// ---------------------------------------------------------------------------
// Clients

/** What the bench needs of a provider: y-websocket's WebsocketProvider or Hocuspocus' provider. */
export interface BenchProvider {
  readonly synced: boolean;
  /** Carets and names (both providers have one; Hocuspocus' may be null when it has none). */
  readonly awareness?: { setLocalStateField(field: string, value: unknown): void } | null;
  destroy(): void;
}

export interface BenchClient {
  doc: Y.Doc;
  /** Also the origin of the remote updates it applies (both providers pass themselves). */
  provider: BenchProvider;
  name: string;
  document: number;
  text: Y.XmlText | null;
  closes: { code: number; reason: string }[];
}

/**
 * Takes an incoming message before the provider sees it: returns true for a message it took (the
 * provider never gets it), false to pass it on.
 */
export type Intercept = (message: Buffer) => boolean;

/** The socket class of a client whose incoming messages `intercept` sees first (ws emits every message as "message"). */
function socketClass(headers: Record<string, string>, intercept: Intercept | undefined) {
  const Socket = webSocketWithHeaders(headers);
  if (!intercept) return Socket;
  return class extends Socket {
    override emit(event: string | symbol, ...args: unknown[]): boolean {
      if (event === "message") {
        const data = args[0] as Buffer | ArrayBuffer;
        if (intercept(Buffer.isBuffer(data) ? data : Buffer.from(data))) return true;
      }
      return super.emit(event, ...args);
    }
  };
}

export function connectClient(target: Target, documentName: string, document: number, cookie: string | undefined, intercept?: Intercept): BenchClient {
  const doc = new Y.Doc();
  const headers: Record<string, string> = { origin: target.origin };
  if (cookie) headers.cookie = cookie;
  const WebSocketPolyfill = socketClass(headers, intercept);
  if (target.server.startsWith("hocuspocus")) {
    // One socket per client, as each browser tab would have.
    const socket = new HocuspocusProviderWebsocket({ url: target.wsBase, WebSocketPolyfill });
    const provider = new HocuspocusProvider({ websocketProvider: socket, name: documentName, document: doc });
    provider.attach();
    const destroy = provider.destroy.bind(provider);
    provider.destroy = () => {
      destroy();
      socket.destroy();
    };
    const client: BenchClient = { doc, provider, name: documentName, document, text: null, closes: [] };
    provider.on("close", ({ event }: { event: CloseEvent }) => client.closes.push({ code: event.code, reason: event.reason }));
    return client;
  }
  const provider = new WebsocketProvider(target.wsBase, documentName, doc, {
    WebSocketPolyfill: WebSocketPolyfill as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    maxBackoffTime: 2_000,
  });
  const client: BenchClient = { doc, provider, name: documentName, document, text: null, closes: [] };
  provider.on("connection-close", (event: CloseEvent | null) => {
    if (event) client.closes.push({ code: event.code, reason: event.reason });
  });
  return client;
}

export function destroyClient(client: BenchClient): void {
  client.provider.destroy();
  client.doc.destroy();
}

export async function waitUntil(condition: () => boolean, timeoutMs: number, what: () => string): Promise<boolean> {
  const start = performance.now();
  while (!condition()) {
    if (performance.now() - start > timeoutMs) {
      console.error(`  timed out after ${timeoutMs} ms waiting for ${what()}`);
      return false;
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return true;
}

export function refusal(clients: BenchClient[]): string | null {
  for (const client of clients) {
    const refused = client.closes.find((c) => c.code >= 4000);
    if (refused) return `${client.name}: closed with ${refused.code} ${refused.reason}`;
  }
  return null;
}

/** Connects in batches and waits until every client is synced. */
export async function connectAll(target: Target, specs: { name: string; document: number; cookie?: string; intercept?: Intercept }[]): Promise<BenchClient[]> {
  const clients: BenchClient[] = [];
  for (let i = 0; i < specs.length; i += CONNECT_BATCH) {
    const batch = specs.slice(i, i + CONNECT_BATCH).map((s) => connectClient(target, s.name, s.document, s.cookie, s.intercept));
    clients.push(...batch);
    const ok = await waitUntil(
      () => refusal(batch) !== null || batch.every((c) => c.provider.synced),
      60_000,
      () => `${batch.filter((c) => !c.provider.synced).length} clients to sync`,
    );
    const refused = refusal(batch);
    if (refused) throw new Error(`${target.server}: connection refused: ${refused}`);
    if (!ok) throw new Error(`${target.server}: clients did not sync`);
  }
  return clients;
}

// ---------------------------------------------------------------------------
// Databases prepared before our server starts

/** Starts our server once on a fresh file (migrations + demo data) and stops it. */
export async function migratedDatabase(): Promise<string> {
  const databasePath = tempDatabasePath();
  tempDirs.add(path.dirname(databasePath));
  const running = await startServer({ DATABASE_PATH: databasePath });
  track(running.process);
  await running.stop();
  return databasePath;
}

export async function databaseWithMeetings(count: number): Promise<{ databasePath: string; names: string[] }> {
  const databasePath = await migratedDatabase();
  const db = new Database(databasePath);
  try {
    const group = db.prepare("select id from groups where name = ?").get("Lokal styrgrupp Skärholmen") as { id: number } | undefined;
    if (!group) throw new Error("demo group Lokal styrgrupp Skärholmen is missing");
    const insert = db.prepare("insert into meetings (group_id, title, starts_at, status, created_at) values (?, ?, ?, 'planerat', ?)");
    const now = new Date();
    const names: string[] = [];
    db.transaction(() => {
      for (let i = 0; i < count; i++) {
        const startsAt = new Date(now.getTime() + (i + 1) * 86_400_000).toISOString();
        const { lastInsertRowid } = insert.run(group.id, `Bänkmöte ${i + 1}`, startsAt, now.toISOString());
        names.push(`meeting-${lastInsertRowid}-minutes`);
      }
    })();
    return { databasePath, names };
  } finally {
    db.close();
  }
}
