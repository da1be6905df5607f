import type { LoaderFunctionArgs } from "@remix-run/node";
import { db, liveEvents, meetingsQueries, sessionsQueries } from "~/models/db.server";
import { notFound, requireIdParam } from "~/utils/http.server";
import { requireSession } from "~/utils/session.server";

const HEARTBEAT_MS = 25_000;

/**
 * Server-sent events for one meeting: "changed" whenever its rows change
 * (agenda, attendance, decisions, status), so every open page reloads them.
 * The stream ends with the session it was opened with (logout, password
 * change, deactivation, expiry): a last "changed" makes the page reload, which
 * then leads to the login page.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { viewer, tokenHash } = await requireSession(request);
  const meetingId = requireIdParam(params.meetingId);
  if (!meetingsQueries.getMeetingForViewer(db(), viewer, meetingId)) throw notFound();

  const encoder = new TextEncoder();
  let cleanup = () => {};
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      const send = (text: string) => controller.enqueue(encoder.encode(text));
      const onChange = (changedId: number) => {
        if (changedId === meetingId) send("event: changed\ndata: 1\n\n");
      };
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
        send("event: changed\ndata: 1\n\n");
        end();
      };
      liveEvents().on("meetingChanged", onChange);
      liveEvents().on("sessionsChanged", onSessionsChanged);
      liveEvents().on("accessChanged", onSessionsChanged);
      cleanup = () => {
        clearInterval(heartbeat);
        liveEvents().off("meetingChanged", onChange);
        liveEvents().off("sessionsChanged", onSessionsChanged);
        liveEvents().off("accessChanged", onSessionsChanged);
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
