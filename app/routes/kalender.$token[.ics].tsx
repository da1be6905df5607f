import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { calendarQueries, db } from "~/models/db.server";
import { calendarFor } from "~/utils/ics";
import { notFound, requireParam } from "~/utils/http.server";

const TokenSchema = z.string().regex(/^[A-Za-z0-9_-]{32}$/);

/**
 * A person's meetings as a calendar feed. Calendar apps cannot log in, so the
 * URL itself carries a secret (renewable on "Mina uppdrag"); no session needed.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const meetings = calendarQueries.calendarFeedMeetings(db(), requireParam(TokenSchema, params.token));
  if (!meetings) throw notFound();
  return new Response(calendarFor(calendarQueries.withCalendarSequence(db(), meetings), new URL(request.url).origin), {
    // Not cached anywhere (the server sends no-store on everything it renders): the URL is a secret.
    headers: { "Content-Type": "text/calendar; charset=utf-8" },
  });
}
