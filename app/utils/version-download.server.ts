import { isProtocolRenderError } from "../../server/protocol/render-pool";
import { attachmentDisposition } from "./content-disposition";
import { notFound } from "./http.server";

/**
 * Answers a download (a version, the city-wide overview): the bytes as they are (a decided version's stored PDF byte for byte), as an
 * attachment (the server sends nosniff with every answer); the one 404 when the viewer may not read it; 503 in Swedish when
 * the PDF could not be made now.
 */
export async function versionDownload(contentType: string, make: () => Promise<{ bytes: Uint8Array; fileName: string } | null>): Promise<Response> {
  let found: Awaited<ReturnType<typeof make>>;
  try {
    found = await make();
  } catch (error) {
    if (!isProtocolRenderError(error)) throw error;
    return new Response(error.message, {
      status: 503,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Retry-After": "30", "Cache-Control": "no-store" },
    });
  }
  if (!found) throw notFound();
  return new Response(new Uint8Array(found.bytes), {
    headers: {
      "Content-Type": contentType,
      "Content-Disposition": attachmentDisposition(found.fileName),
      "Cache-Control": "private, no-store",
    },
  });
}
