import type { LoaderFunctionArgs } from "@remix-run/node";
import { kallelsePdfFor } from "~/models/kallelse.server";
import { isProtocolRenderError } from "~/models/protocol.server";
import { attachmentDisposition } from "~/utils/content-disposition";
import { notFound, requireIdParam } from "~/utils/http.server";
import { protocolErrorPage } from "~/utils/protocol-error.server";
import { requireViewer } from "~/utils/session.server";

/** The kallelse of a meeting as PDF, for any member of its group; one 404 for a missing meeting and one that is not yours. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request);
  const meetingId = requireIdParam(params.meetingId);
  let result: Awaited<ReturnType<typeof kallelsePdfFor>>;
  try {
    result = await kallelsePdfFor(viewer, meetingId);
  } catch (error) {
    if (isProtocolRenderError(error)) return protocolErrorPage(error, meetingId);
    throw error;
  }
  if (!result) throw notFound();
  return new Response(new Uint8Array(result.pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": attachmentDisposition(result.fileName),
      "Cache-Control": "private, no-store",
    },
  });
}
