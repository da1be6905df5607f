import type { LoaderFunctionArgs } from "@remix-run/node";
import { isProtocolRenderError, protocolPdfFor } from "~/models/protocol.server";
import { attachmentDisposition } from "~/utils/content-disposition";
import { notFound, requireIdParam } from "~/utils/http.server";
import { protocolErrorPage } from "~/utils/protocol-error.server";
import { requireViewer } from "~/utils/session.server";
import { IdSchema } from "~/utils/validation";

/** The protocol as PDF: the archived one once justerat, otherwise a draft. ?paragraf=<decisionId> gives an extract. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request);
  const meetingId = requireIdParam(params.meetingId);
  const paragraph = new URL(request.url).searchParams.get("paragraf");
  const decisionId = paragraph === null ? undefined : IdSchema.safeParse(paragraph).data;
  if (paragraph !== null && decisionId === undefined) throw notFound();
  let result: Awaited<ReturnType<typeof protocolPdfFor>>;
  try {
    result = await protocolPdfFor(viewer, meetingId, decisionId);
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
