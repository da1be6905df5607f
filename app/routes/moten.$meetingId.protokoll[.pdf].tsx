import type { LoaderFunctionArgs } from "@remix-run/node";
import { protocolPdfFor } from "~/models/protocol.server";
import { notFound, requireIdParam } from "~/utils/http.server";
import { meetingPdfResponse } from "~/utils/protocol-error.server";
import { requireViewer } from "~/utils/session.server";
import { IdSchema } from "~/utils/validation";

/** The protocol as PDF: the archived one once justerat, otherwise a draft. ?paragraf=<decisionId> gives an extract. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request);
  const meetingId = requireIdParam(params.meetingId);
  const paragraph = new URL(request.url).searchParams.get("paragraf");
  const decisionId = paragraph === null ? undefined : IdSchema.safeParse(paragraph).data;
  if (paragraph !== null && decisionId === undefined) throw notFound();
  return meetingPdfResponse(meetingId, () => protocolPdfFor(viewer, meetingId, decisionId));
}
