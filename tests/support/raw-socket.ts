import WebSocket from "ws";
import type { RunningServer } from "./server";

export interface RawSocket {
  ws: WebSocket;
  /** Binary messages received from the server, in order. */
  received: Uint8Array[];
  /** Resolves with the close code and reason the server sent. */
  closed: Promise<{ code: number; reason: string }>;
  send: (frame: Uint8Array) => void;
}

/** A raw WebSocket to /collab/<documentName> with a session cookie, as an attacker's script would open it. Resolves once open. */
export async function openRawSocket(server: RunningServer, documentName: string, cookie: string): Promise<RawSocket> {
  const ws = new WebSocket(`ws://127.0.0.1:${server.port}/collab/${documentName}`, { headers: { origin: server.url, cookie } });
  const received: Uint8Array[] = [];
  ws.on("message", (data: Buffer) => received.push(new Uint8Array(data)));
  ws.on("error", () => undefined);
  const closed = new Promise<{ code: number; reason: string }>((resolve) => ws.once("close", (code, reason) => resolve({ code, reason: reason.toString() })));
  await new Promise<void>((resolve, reject) => {
    ws.once("open", () => resolve());
    closed.then(({ code }) => reject(new Error(`closed with ${code} before opening`)));
  });
  return { ws, received, closed, send: (frame) => ws.send(frame) };
}

/** Resolves with the close code, or null when the socket is still open after `ms`. */
export function closeCodeWithin(socket: RawSocket, ms: number): Promise<number | null> {
  return Promise.race([socket.closed.then((c) => c.code), new Promise<null>((resolve) => setTimeout(() => resolve(null), ms))]);
}
