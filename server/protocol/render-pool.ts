import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { RenderOptions } from "./pdf";
import type { ProtocolData } from "./protocol-data";
import type { KallelseData } from "./kallelse-data";
import type { VersionDocument } from "../steering/version-document";
import type { OverviewPdfData } from "../overview/overview-pdf";
import type { RenderDocument, RenderReply, RenderRequest } from "./render-thread";

/**
 * Renders protocol PDFs on worker threads, never on the event loop: a protocol
 * of hundreds of pages takes a second or more of CPU, and every open document,
 * page and `/healthz` would wait for it. Each render has a time and a memory
 * budget; a worker that exceeds either is terminated and the caller gets a
 * ProtocolRenderError with a Swedish message instead of a hang or a crash.
 * At most `concurrency` renders run at once and at most `maxWaiting` wait, so
 * a member cannot start fifty renders; past that the answer is "busy" at once.
 */
export interface RenderPoolOptions {
  /** Renders running at once, each on its own worker thread. */
  concurrency: number;
  /** Renders waiting for a free worker; more are refused as busy. Archiving waits regardless. */
  maxWaiting: number;
  /** Time budget of one render, from the moment a worker takes it. */
  timeoutMs: number;
  /** Memory budget of a worker (V8's old generation). */
  memoryMb: number;
  /** An idle worker is ended after this long, giving its memory back. */
  idleMs: number;
}

export const defaultRenderPoolOptions: RenderPoolOptions = {
  concurrency: 2,
  maxWaiting: 4,
  timeoutMs: 10_000,
  memoryMb: 256,
  idleMs: 60_000,
};

export type RenderFailure = "busy" | "timeout" | "memory" | "failed";

const seconds = new Intl.NumberFormat("sv-SE", { maximumFractionDigits: 1 });

/** How the messages name what could not be made. */
const documentNames = {
  protokoll: { definite: "Protokollet", indefinite: "ett protokoll", plural: "protokoll" },
  kallelse: { definite: "Kallelsen", indefinite: "en kallelse", plural: "protokoll och kallelser" },
  version: { definite: "Dokumentet", indefinite: "ett dokument", plural: "protokoll och dokument" },
  oversikt: { definite: "Översikten", indefinite: "en översikt", plural: "protokoll och dokument" },
} as const;

type DocumentName = (typeof documentNames)[keyof typeof documentNames];

const failureMessages: Record<RenderFailure, (options: RenderPoolOptions, name: DocumentName) => string> = {
  busy: (_, n) => `${n.definite} kunde inte skapas just nu eftersom många ${n.plural} skapas samtidigt. Försök igen om en liten stund.`,
  timeout: (o, n) =>
    `${n.definite} kunde inte skapas: det tog längre tid än ${seconds.format(o.timeoutMs / 1000)} sekunder. ` +
    "Försök igen om en stund, och kontakta den som förvaltar Samverkan om felet består.",
  memory: (_, n) => `${n.definite} kunde inte skapas: det krävde mer minne än ${n.indefinite} får använda. Kontakta den som förvaltar Samverkan.`,
  failed: (_, n) =>
    `${n.definite} kunde inte skapas på grund av ett tekniskt fel. Försök igen om en stund, och kontakta den som förvaltar Samverkan om felet består.`,
};

const errorBrand = Symbol.for("samverkan.ProtocolRenderError");

/**
 * A render that did not produce a PDF; `message` is Swedish and meant for the
 * person who asked. Recognise it with isProtocolRenderError, not instanceof:
 * the pool (on globalThis) may belong to the other copy of this module.
 */
export class ProtocolRenderError extends Error {
  readonly [errorBrand] = true;

  constructor(
    readonly reason: RenderFailure,
    message: string,
    options?: { cause?: unknown },
    /** The error page's heading: "Protokollet kunde inte skapas", "Kallelsen kunde inte skapas". */
    readonly heading = "Protokollet kunde inte skapas",
  ) {
    super(message, options);
    this.name = "ProtocolRenderError";
  }
}

/** A ProtocolRenderError from either copy of this module (server/ or the Remix build in build/). */
export function isProtocolRenderError(error: unknown): error is ProtocolRenderError {
  return typeof error === "object" && error !== null && (error as { [errorBrand]?: unknown })[errorBrand] === true;
}

interface Job {
  what: RenderDocument;
  resolve: (pdf: Buffer) => void;
  reject: (error: ProtocolRenderError) => void;
}

export class ProtocolRenderPool {
  private readonly idle = new Map<Worker, NodeJS.Timeout>();
  private readonly waiting: Job[] = [];
  private running = 0;
  private nextId = 1;

  constructor(readonly options: RenderPoolOptions = defaultRenderPoolOptions) {}

  /**
   * The protocol as PDF bytes, rendered on a worker. `archival` renders (the
   * protocol archived at justering) go first in the queue and are never refused
   * as busy: the meeting is already locked and its record must be made.
   */
  render(data: ProtocolData, { archival = false, renderOptions = {} }: { archival?: boolean; renderOptions?: RenderOptions } = {}): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      this.enqueue({ what: { document: "protokoll", data, options: renderOptions }, resolve, reject }, archival);
    });
  }

  /** A meeting's kallelse as PDF bytes, rendered on a worker under the same limits and queue as protocols. */
  renderKallelse(data: KallelseData): Promise<Buffer> {
    return new Promise((resolve, reject) => this.enqueue({ what: { document: "kallelse", data }, resolve, reject }, false));
  }

  /** A lägesbild's or åtgärdsplan's version as PDF/A bytes; `archival` (the decided version, stored once) goes first like a protocol at justering. */
  renderVersion(data: VersionDocument, { archival = false } = {}): Promise<Buffer> {
    return new Promise((resolve, reject) => this.enqueue({ what: { document: "version", data }, resolve, reject }, archival));
  }

  /** The city-wide overview's PDF, under the same limits and queue (never archival: it is made on request). */
  renderOverview(data: OverviewPdfData): Promise<Buffer> {
    return new Promise((resolve, reject) => this.enqueue({ what: { document: "oversikt", data }, resolve, reject }, false));
  }

  private enqueue(job: Job, archival: boolean): void {
    if (this.running < this.options.concurrency) return this.run(job);
    if (archival) return void this.waiting.unshift(job);
    if (this.waiting.length >= this.options.maxWaiting) return job.reject(this.failure("busy", undefined, job.what.document));
    this.waiting.push(job);
  }

  /** Ends every idle worker (running renders finish first; used at shutdown and by tests). */
  async close(): Promise<void> {
    const workers = [...this.idle.keys()];
    for (const timer of this.idle.values()) clearTimeout(timer);
    this.idle.clear();
    await Promise.all(workers.map((w) => w.terminate()));
  }

  private run(job: Job): void {
    let worker: Worker;
    try {
      worker = this.takeWorker();
    } catch (error) {
      // The thread could not even be started (its file is missing): the same answer as a failed render.
      job.reject(this.failure("failed", error, job.what.document));
      return this.startNextWaiting();
    }
    this.running++;
    const id = this.nextId++;
    let settled = false;
    const finish = (outcome: { pdf: Buffer } | { error: ProtocolRenderError }, workerUsable: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      worker.off("message", onMessage).off("error", onError).off("exit", onExit);
      if (workerUsable) this.release(worker);
      else void worker.terminate();
      this.running--;
      if ("pdf" in outcome) job.resolve(outcome.pdf);
      else {
        console.error(`protocol render failed (${outcome.error.reason}):`, outcome.error.cause ?? "");
        job.reject(outcome.error);
      }
      this.startNextWaiting();
    };
    const failure = (reason: RenderFailure, cause: unknown) => this.failure(reason, cause, job.what.document);
    const onMessage = (reply: RenderReply) => {
      if (reply.id !== id) return;
      if ("pdf" in reply) finish({ pdf: Buffer.from(reply.pdf.buffer, reply.pdf.byteOffset, reply.pdf.byteLength) }, true);
      else finish({ error: failure("failed", reply.error) }, true);
    };
    const onError = (error: Error & { code?: string }) =>
      finish({ error: failure(error.code === "ERR_WORKER_OUT_OF_MEMORY" ? "memory" : "failed", error) }, false);
    const onExit = (code: number) => finish({ error: failure("failed", `the render thread exited (${code})`) }, false);
    // Not unref'd: a process waiting for a protocol (the demo seed) must not exit before it has one.
    const timer = setTimeout(() => finish({ error: failure("timeout", `over ${this.options.timeoutMs} ms`) }, false), this.options.timeoutMs);
    worker.on("message", onMessage).on("error", onError).on("exit", onExit);
    worker.postMessage({ id, ...job.what } satisfies RenderRequest);
  }

  private startNextWaiting(): void {
    const next = this.waiting.shift();
    if (next) this.run(next);
  }

  private takeWorker(): Worker {
    for (const [worker, timer] of this.idle) {
      clearTimeout(timer);
      this.idle.delete(worker);
      return worker;
    }
    const worker = startRenderThread(this.options.memoryMb);
    // An idle worker that dies (it should not) is simply forgotten.
    worker.on("exit", () => this.idle.delete(worker));
    worker.on("error", () => {});
    worker.unref();
    return worker;
  }

  private release(worker: Worker): void {
    const timer = setTimeout(() => {
      this.idle.delete(worker);
      void worker.terminate();
    }, this.options.idleMs);
    timer.unref();
    this.idle.set(worker, timer);
  }

  private failure(reason: RenderFailure, cause: unknown, document: RenderDocument["document"]): ProtocolRenderError {
    const name = documentNames[document];
    return new ProtocolRenderError(reason, failureMessages[reason](this.options, name), { cause }, `${name.definite} kunde inte skapas`);
  }
}

/**
 * Where render-thread.ts is: next to this module when it runs from server/
 * (tsx), or under server/protocol/ of the project when this module is part of
 * the Remix build in build/ (the bundle has no copy of the thread's file).
 */
function renderThreadUrl(): string {
  const candidates = [new URL("./render-thread.ts", import.meta.url), new URL("../server/protocol/render-thread.ts", import.meta.url)];
  const found = candidates.find((url) => url.protocol === "file:" && existsSync(fileURLToPath(url)));
  if (!found) throw new Error(`render-thread.ts not found (looked at ${candidates.map((u) => u.href).join(", ")})`);
  return found.href;
}

/** Worker threads do not inherit tsx's loader in Node 20, so a small bootstrap registers it first. */
function startRenderThread(memoryMb: number): Worker {
  const bootstrap = `import("tsx/esm/api").then((tsx) => { tsx.register(); return import(${JSON.stringify(renderThreadUrl())}); });`;
  return new Worker(bootstrap, { eval: true, resourceLimits: { maxOldGenerationSizeMb: memoryMb } });
}

const globalKey = Symbol.for("samverkan.protocolRenderPool");
type GlobalWithPool = typeof globalThis & { [globalKey]?: ProtocolRenderPool };

/**
 * The process's one pool. The Remix build bundles this module into build/
 * while server/ imports it directly; on globalThis both copies share the pool
 * and so its limits. PROTOCOL_RENDER_TIMEOUT_MS sets the time budget
 * (validated at start in server/env.ts).
 */
export function protocolRenderPool(): ProtocolRenderPool {
  const g = globalThis as GlobalWithPool;
  if (!g[globalKey]) {
    const timeoutMs = Number(process.env.PROTOCOL_RENDER_TIMEOUT_MS) || defaultRenderPoolOptions.timeoutMs;
    g[globalKey] = new ProtocolRenderPool({ ...defaultRenderPoolOptions, timeoutMs });
  }
  return g[globalKey];
}

/** Renders a protocol on the process's pool (see ProtocolRenderPool.render). */
export function renderProtocolOffThread(data: ProtocolData, options: { archival?: boolean } = {}): Promise<Buffer> {
  return protocolRenderPool().render(data, options);
}

/** Renders a meeting's kallelse on the process's pool (see ProtocolRenderPool.renderKallelse). */
export function renderKallelseOffThread(data: KallelseData): Promise<Buffer> {
  return protocolRenderPool().renderKallelse(data);
}

/** Renders a lägesbild's or åtgärdsplan's version on the process's pool (see ProtocolRenderPool.renderVersion). */
export function renderVersionOffThread(data: VersionDocument, options: { archival?: boolean } = {}): Promise<Buffer> {
  return protocolRenderPool().renderVersion(data, options);
}

/** Renders the city-wide overview's PDF on the process's pool (see ProtocolRenderPool.renderOverview). */
export function renderOverviewOffThread(data: OverviewPdfData): Promise<Buffer> {
  return protocolRenderPool().renderOverview(data);
}
