import WebSocket from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { stockholmYear } from "../../db/domain/stockholm-time";
import type { RunningServer } from "./server";
import { demoPassword } from "./temp";
import { httpLogIn } from "./two-step";

/** Logs in over HTTP like a browser would (with the code step for an administrator) and returns the session cookie. */
export async function sessionCookie(server: RunningServer, email: string, password = demoPassword): Promise<string> {
  return httpLogIn(server.url, email, password);
}

/** The `ws` WebSocket with the headers a browser on the app's page would send. */
export function webSocketWithHeaders(headers: Record<string, string>) {
  return class extends WebSocket {
    constructor(address: string | URL, protocols?: string | string[]) {
      super(address, protocols, { headers });
    }
  };
}

export interface Client {
  doc: Y.Doc;
  provider: WebsocketProvider;
  text: () => string;
  closeEvents: { code: number; reason: string }[];
  destroy: () => void;
}

export interface ClientOptions {
  origin?: string;
  /** An existing Y.Doc, e.g. a page's document with offline edits reconnecting to a restarted server. */
  doc?: Y.Doc;
  /** As the editor passes it (`shouldReconnectAfterClose`); by default y-websocket's (4400–4499 are final). */
  shouldReconnect?: (code: number) => boolean;
}

/**
 * The stock y-websocket client (WebsocketProvider) on a Y.Doc, as a browser
 * tab would use it, authenticated with a session cookie.
 */
export function connectClient(server: RunningServer, documentName: string, cookie: string | null, originOrOptions: string | ClientOptions = {}): Client {
  const options = typeof originOrOptions === "string" ? { origin: originOrOptions } : originOrOptions;
  const doc = options.doc ?? new Y.Doc();
  const headers: Record<string, string> = { origin: options.origin ?? server.url };
  if (cookie) headers.cookie = cookie;
  const shouldReconnect = options.shouldReconnect;
  const provider = new WebsocketProvider(`ws://127.0.0.1:${server.port}/collab`, documentName, doc, {
    WebSocketPolyfill: webSocketWithHeaders(headers) as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    maxBackoffTime: 500,
    ...(shouldReconnect ? { shouldReconnect: (event: CloseEvent) => shouldReconnect(event.code) } : {}),
  });
  const closeEvents: Client["closeEvents"] = [];
  provider.on("connection-close", (event: CloseEvent | null) => {
    if (event) closeEvents.push({ code: event.code, reason: event.reason });
  });
  return {
    doc,
    provider,
    closeEvents,
    text: () => fragmentText(doc),
    destroy: () => {
      provider.destroy();
      doc.destroy();
    },
  };
}

/** All text in the document's "default" fragment, concatenated. */
export function fragmentText(doc: Y.Doc): string {
  let out = "";
  const visit = (node: Y.XmlElement | Y.XmlText) => {
    if (node instanceof Y.XmlText) out += node.toString().replace(/<[^>]+>/g, "");
    else node.toArray().forEach((child) => visit(child as Y.XmlElement | Y.XmlText));
  };
  doc
    .getXmlFragment("default")
    .toArray()
    .forEach((child) => visit(child as Y.XmlElement | Y.XmlText));
  return out;
}

/** Appends a paragraph with `text`, as an editor would. */
export function appendParagraph(doc: Y.Doc, text: string): void {
  const paragraph = new Y.XmlElement("paragraph");
  paragraph.insert(0, [new Y.XmlText(text)]);
  const fragment = doc.getXmlFragment("default");
  fragment.insert(fragment.length, [paragraph]);
}

export async function waitFor(condition: () => boolean, timeoutMs = 10_000, what = "condition"): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export function waitForSync(client: Client, timeoutMs = 10_000): Promise<void> {
  return waitFor(() => client.provider.synced, timeoutMs, "sync");
}

/** The current Stockholm calendar year: the year a new lägesbild document is for. */
export const thisYear = stockholmYear(new Date());
