import type { LoaderFunctionArgs } from "@remix-run/node";
import { versionDocxFor } from "~/models/steering.server";
import { versionDownload } from "~/utils/version-download.server";
import { requireIdParam } from "~/utils/http.server";
import { requireViewer } from "~/utils/session.server";

/** A lägesbild's or åtgärdsplan's version as DOCX, for the parties' own diarium. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request);
  const versionId = requireIdParam(params.versionId);
  return versionDownload("application/vnd.openxmlformats-officedocument.wordprocessingml.document", async () => {
    const found = await versionDocxFor(viewer, versionId);
    return found && { bytes: found.docx, fileName: found.fileName };
  });
}
