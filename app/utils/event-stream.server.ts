import { liveEvents, sessionsQueries, db } from "~/models/db.server";

const HEARTBEAT_MS = 25_000;

/**
 * A server-sent event stream that sends "changed" whenever `subscribe` calls its `changed`
 * (after the route's own viewer check). The stream ends with the session it was opened with
 * (logout, password change, deactivation, expiry): a last "changed" makes the page reload, which
 * then leads to the login page. `subscribe` returns the function that stops listening.
 * `stillAllowed` (optional) is asked again whenever rights change: when the viewer may no longer see
 * what the stream is about (a membership removed, a share revoked), the stream ends without a reload.
 */
export function changeStream(
  request: Request,
  tokenHash: string,
  subscribe: (changed: () => void) => () => void,
  stillAllowed: () => boolean = () => true,
): Response {
  const encoder = new TextEncoder();
  let cleanup = () => {};
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      const send = (text: string) => controller.enqueue(encoder.encode(text));
      const changed = () => send("event: changed\ndata: 1\n\n");
      // Comments keep proxies and the browser from closing an idle stream.
      const heartbeat = setInterval(() => send(": ping\n\n"), HEARTBEAT_MS);
      let ended = false;
      const end = () => {
        if (ended) return;
        ended = true;
        cleanup();
        controller.close();
      };
      const onSessionsChanged = () => {
        if (sessionsQueries.isSessionLive(db(), tokenHash)) return;
        changed();
        end();
      };
      const onAccessChanged = () => {
        if (!sessionsQueries.isSessionLive(db(), tokenHash)) return onSessionsChanged();
        if (stillAllowed()) return;
        // Rights lost, session alive: the stream just ends, with no "changed". A reload now would swap the page
        // for "finns inte" and take away text its editors still hold unsaved (they say so themselves, 4404/4403).
        end();
      };
      const unsubscribe = subscribe(changed);
      liveEvents().on("sessionsChanged", onSessionsChanged);
      liveEvents().on("accessChanged", onAccessChanged);
      cleanup = () => {
        clearInterval(heartbeat);
        unsubscribe();
        liveEvents().off("sessionsChanged", onSessionsChanged);
        liveEvents().off("accessChanged", onAccessChanged);
      };
      request.signal.addEventListener("abort", end);
      send("retry: 2000\n\n");
    },
    cancel() {
      cleanup();
    },
  });
  return new Response(stream, {
    headers: { "Content-Type": "text/event-stream; charset=utf-8", "Cache-Control": "no-store", Connection: "keep-alive" },
  });
}
