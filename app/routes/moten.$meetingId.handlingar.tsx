import type { ActionFunctionArgs } from "@remix-run/node";
import { uploadMeetingFile } from "~/models/files.server";
import { requireIdParam } from "~/utils/http.server";
import { requireViewer } from "~/utils/session.server";

/**
 * Uploads to a meeting's ärenden and decisions. A path of its own, because it alone takes bodies of up to
 * 25 MB (server/http/body-limit.ts); the meeting page's other forms keep the small limit.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  const viewer = await requireViewer(request);
  return uploadMeetingFile(request, viewer, requireIdParam(params.meetingId));
}
