import { Worker } from "node:worker_threads";
import type { WriterReply, WriterRequest } from "./update-writer-thread";
import type { UpdateWriter, WriterAck } from "./write-queue";

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
  let listener: (ack: WriterAck) => void = () => {};
  let closed: (() => void) | undefined;
  // Once the thread is gone, every write fails at once instead of waiting forever.
  let broken: Error | null = null;
  let lastPosted = 0;
  let lastAcked = 0;
  const names = new Set<string>();
  const fail = (error: Error) => {
    broken ??= error;
    if (lastAcked < lastPosted) listener({ upTo: (lastAcked = lastPosted), error: broken.message, names: [...names] });
    closed?.();
  };
  // An idle writer must not keep the process alive, but a write on its way must:
  // otherwise a process with nothing else to do exits before it is stored.
  const holdProcessWhileBusy = () => (lastAcked < lastPosted ? worker.ref() : worker.unref());
  worker.on("message", (reply: WriterReply) => {
    if ("closed" in reply) return closed?.();
    lastAcked = reply.ack.upTo;
    if (lastAcked === lastPosted) names.clear();
    holdProcessWhileBusy();
    listener(reply.ack);
  });
  worker.on("error", fail);
  worker.on("exit", (code) => fail(new Error(`the writer thread exited (${code})`)));
  worker.unref();
  const send = (request: WriterRequest) => worker.postMessage(request);
  return {
    post(seq, write) {
      lastPosted = seq;
      names.add(write.name);
      // Never acknowledge from inside post (see UpdateWriter): the caller has yet to register what waits.
      if (broken) return queueMicrotask(() => fail(broken!));
      send({ seq, write });
      holdProcessWhileBusy();
    },
    onAck(fn) {
      listener = fn;
    },
    close() {
      return new Promise<void>((resolve) => {
        if (broken) return resolve();
        closed = () => void worker.terminate().then(() => resolve());
        worker.ref();
        send({ close: true });
      });
    },
  };
}
