import { waitFor } from "./collab-client";
import type { RunningServer } from "./server";

export interface EventStream {
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  hasEnded: () => boolean;
  /** Everything received so far. */
  received: () => string;
  close: () => void;
}

/** A meeting page's server-sent events, read as the browser's EventSource would; resolves once the stream is open. */
export async function openEventStream(server: RunningServer, meetingId: number, cookie: string): Promise<EventStream> {
  const abort = new AbortController();
  const response = await fetch(`${server.url}/moten/${meetingId}/handelser`, { headers: { Cookie: cookie }, signal: abort.signal });
  if (response.status !== 200 || !response.headers.get("content-type")?.includes("text/event-stream")) {
    throw new Error(`no event stream: ${response.status} ${response.headers.get("content-type")}`);
  }
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = "";
  let done = false;
  const ended = (async () => {
    try {
      for (;;) {
        const chunk = await reader.read();
        if (chunk.done) break;
        text += decoder.decode(chunk.value);
      }
    } catch {
      // Aborted by the test itself.
    }
    done = true;
  })();
  // The stream's first bytes show it is open and subscribed.
  await waitFor(() => text.includes("retry:"), 5_000, "event stream open");
  return { ended, hasEnded: () => done, received: () => text, close: () => abort.abort() };
}
