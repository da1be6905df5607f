import type { LoaderFunctionArgs } from "@remix-run/node";
import { liveEvents } from "../../db/live-events";
import { db, meetingsQueries } from "~/models/db.server";
import { notFound, requireIdParam } from "~/utils/http.server";
import { requireViewer } from "~/utils/session.server";

const HEARTBEAT_MS = 25_000;

/**
 * Server-sent events for one meeting: "changed" whenever its rows change
 * (agenda, attendance, decisions, status), so every open page reloads them.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request);
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
      liveEvents().on("meetingChanged", onChange);
      cleanup = () => {
        clearInterval(heartbeat);
        liveEvents().off("meetingChanged", onChange);
      };
      request.signal.addEventListener("abort", () => {
        cleanup();
        controller.close();
      });
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
