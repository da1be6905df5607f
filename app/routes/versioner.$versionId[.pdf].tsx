import type { LoaderFunctionArgs } from "@remix-run/node";
import { versionPdfFor } from "~/models/steering.server";
import { versionDownload } from "~/utils/version-download.server";
import { requireIdParam } from "~/utils/http.server";
import { requireViewer } from "~/utils/session.server";

/** A lägesbild's or åtgärdsplan's version as PDF/A: a decided version's archived bytes as stored, any other rendered now. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request);
  const versionId = requireIdParam(params.versionId);
  return versionDownload("application/pdf", async () => {
    const found = await versionPdfFor(viewer, versionId);
    return found && { bytes: found.pdf, fileName: found.fileName };
  });
}
