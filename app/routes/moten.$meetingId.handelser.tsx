import type { LoaderFunctionArgs } from "@remix-run/node";
import { db, liveEvents, meetingsQueries } from "~/models/db.server";
import { changeStream } from "~/utils/event-stream.server";
import { notFound, requireIdParam } from "~/utils/http.server";
import { requireSession } from "~/utils/session.server";

/**
 * Server-sent events for one meeting: "changed" whenever its rows change
 * (agenda, attendance, decisions, status), so every open page reloads them.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { viewer, tokenHash } = await requireSession(request);
  const meetingId = requireIdParam(params.meetingId);
  const visible = () => meetingsQueries.getMeetingForViewer(db(), viewer, meetingId) !== null;
  if (!visible()) throw notFound();
  return changeStream(
    request,
    tokenHash,
    (changed) => {
      const onChange = (changedId: number) => {
        if (changedId === meetingId) changed();
      };
      liveEvents().on("meetingChanged", onChange);
      return () => liveEvents().off("meetingChanged", onChange);
    },
    // A membership removed or a share revoked: the stream ends, and the page's reload finds the meeting gone.
    visible,
  );
}
