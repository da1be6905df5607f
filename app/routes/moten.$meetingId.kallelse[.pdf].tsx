import type { LoaderFunctionArgs } from "@remix-run/node";
import { kallelsePdfFor } from "~/models/kallelse.server";
import { requireIdParam } from "~/utils/http.server";
import { meetingPdfResponse } from "~/utils/protocol-error.server";
import { requireViewer } from "~/utils/session.server";

/** The kallelse of a meeting as PDF, for any member of its group; one 404 for a missing meeting and one that is not yours. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request);
  const meetingId = requireIdParam(params.meetingId);
  return meetingPdfResponse(meetingId, () => kallelsePdfFor(viewer, meetingId));
}
