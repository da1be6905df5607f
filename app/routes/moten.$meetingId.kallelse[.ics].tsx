import type { LoaderFunctionArgs } from "@remix-run/node";
import { calendarQueries, db, meetingsQueries } from "~/models/db.server";
import { calendarFor } from "~/utils/ics";
import { notFound, requireIdParam } from "~/utils/http.server";
import { requireViewer } from "~/utils/session.server";

/** The notice (kallelse) of one meeting as an iCalendar file. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request);
  const meeting = meetingsQueries.getMeetingForViewer(db(), viewer, requireIdParam(params.meetingId));
  if (!meeting) throw notFound();
  const origin = new URL(request.url).origin;
  return new Response(calendarFor(calendarQueries.withCalendarSequence(db(), [meeting]), origin), {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": `attachment; filename="kallelse-${meeting.id}.ics"`,
    },
  });
}
