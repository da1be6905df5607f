/**
 * The memory of a server started with `--inspect=127.0.0.1:0` (bench only, loopback), read through
 * its inspector after a full garbage collection: the heap the server still holds, free of the
 * garbage that moves its RSS by more than one open document adds.
 */
import WebSocket from "ws";
import type { RunningServer } from "../support/server";

export const inspectorArgs = ["--inspect=127.0.0.1:0"];

export interface ServerInspector {
  /** Collects all garbage, then reads the server's heap in use (MB). */
  heapMbAfterGc: () => Promise<number>;
  close: () => void;
}

export async function inspectServer(server: RunningServer): Promise<ServerInspector> {
  const url = /Debugger listening on (ws:\/\/\S+)/.exec(server.output())?.[1];
  if (!url) throw new Error("the server was not started with inspectorArgs");
  const socket = new WebSocket(url);
  await new Promise((resolve, reject) => socket.once("open", resolve).once("error", reject));
  let nextId = 1;
  const pending = new Map<number, (result: unknown) => void>();
  socket.on("message", (data) => {
    const message = JSON.parse(String(data)) as { id?: number; result?: unknown };
    if (message.id === undefined) return;
    pending.get(message.id)?.(message.result);
    pending.delete(message.id);
  });
  const send = (method: string, params: object = {}) =>
    new Promise<unknown>((resolve) => {
      const id = nextId++;
      pending.set(id, resolve);
      socket.send(JSON.stringify({ id, method, params }));
    });
  const mb = (bytes: number) => bytes / 1024 / 1024;
  return {
    heapMbAfterGc: async () => {
      // Twice: the first collection's finalizers free more for the second.
      await send("HeapProfiler.collectGarbage");
      await send("HeapProfiler.collectGarbage");
      const result = (await send("Runtime.evaluate", { expression: "JSON.stringify(process.memoryUsage())", returnByValue: true })) as {
        result: { value: string };
      };
      return mb((JSON.parse(result.result.value) as NodeJS.MemoryUsage).heapUsed);
    },
    close: () => socket.close(),
  };
}
