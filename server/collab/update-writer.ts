import { Worker } from "node:worker_threads";
import type { DocumentWrite } from "../../db/documents/writes";
import type { WriterReply, WriterRequest } from "./update-writer-thread";
import type { UpdateWriter } from "./write-queue";

/**
 * Starts the writer thread (update-writer-thread.ts). Worker threads do not
 * inherit tsx's loader in Node 20, so a small bootstrap registers it first.
 */
function startWriterThread(databasePath: string): Worker {
  const thread = new URL("./update-writer-thread.ts", import.meta.url).href;
  const bootstrap = `import("tsx/esm/api").then((tsx) => { tsx.register(); return import(${JSON.stringify(thread)}); });`;
  return new Worker(bootstrap, { eval: true, workerData: { path: databasePath } });
}

/** Applies document writes on a worker thread with its own connection (WAL, synchronous=FULL). */
export function startUpdateWriter(databasePath: string): UpdateWriter {
  const worker = startWriterThread(databasePath);
  const waiting = new Map<number, { resolve: () => void; reject: (error: Error) => void }>();
  let nextId = 1;
  let closed: (() => void) | undefined;
  // Once the thread is gone every write fails at once instead of waiting forever.
  let broken: Error | null = null;
  const fail = (error: Error) => {
    broken ??= error;
    for (const entry of waiting.values()) entry.reject(error);
    waiting.clear();
  };
  worker.on("message", (reply: WriterReply) => {
    if ("closed" in reply) return closed?.();
    const entry = waiting.get(reply.id);
    waiting.delete(reply.id);
    if (reply.ok) entry?.resolve();
    else entry?.reject(new Error(`storing document changes failed: ${reply.error}`));
  });
  worker.on("error", fail);
  worker.on("exit", (code) => fail(new Error(`the writer thread exited (${code})`)));
  worker.unref();
  const post = (request: WriterRequest) => worker.postMessage(request);
  return {
    write(writes: DocumentWrite[]) {
      const id = nextId++;
      return new Promise<void>((resolve, reject) => {
        if (broken) return reject(broken);
        waiting.set(id, { resolve, reject });
        post({ id, writes, at: new Date().toISOString() });
      });
    },
    close() {
      return new Promise<void>((resolve) => {
        if (broken) return resolve();
        closed = () => void worker.terminate().then(() => resolve());
        post({ close: true });
      });
    },
  };
}
