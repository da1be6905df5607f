import { isProtocolRenderError, type ProtocolRenderError } from "../../server/protocol/render-pool";
import { attachmentDisposition } from "./content-disposition";
import { notFound } from "./http.server";

/**
 * The answer when a protocol (or kallelse) PDF could not be made: 503 with a small Swedish
 * page (the PDF link is a plain download link, so this is what the browser
 * shows), saying why and leading back to the meeting. Busy and too slow are
 * worth retrying; Retry-After says when.
 */
export function protocolErrorPage(error: ProtocolRenderError, meetingId: number): Response {
  const html = `<!DOCTYPE html>
<html lang="sv">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(error.heading)} – Samverkan</title>
</head>
<body>
<main>
<h1>${escapeHtml(error.heading)}</h1>
<p>${escapeHtml(error.message)}</p>
<p><a href="/moten/${meetingId}">Tillbaka till mötet</a></p>
</main>
</body>
</html>
`;
  const headers: Record<string, string> = { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" };
  if (error.reason === "busy" || error.reason === "timeout") headers["Retry-After"] = "30";
  return new Response(html, { status: 503, headers });
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/**
 * Answers a meeting's PDF download (protocol, extract, kallelse): the file with its readable name,
 * the Swedish 503 page when it could not be rendered, and the one 404 when `make` finds nothing
 * the viewer may see.
 */
export async function meetingPdfResponse(meetingId: number, make: () => Promise<{ pdf: Uint8Array; fileName: string } | null>): Promise<Response> {
  let result: Awaited<ReturnType<typeof make>>;
  try {
    result = await make();
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
