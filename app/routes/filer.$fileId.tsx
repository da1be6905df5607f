import type { LoaderFunctionArgs } from "@remix-run/node";
import { fileDownload } from "~/models/files.server";
import { requireIdParam } from "~/utils/http.server";
import { requireViewer } from "~/utils/session.server";

/** An uploaded file (handling, bilaga), downloaded as an attachment; 404 for anyone who may not see what it belongs to. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request);
  return fileDownload(viewer, requireIdParam(params.fileId));
}
