import type { LoaderFunctionArgs } from "@remix-run/node";
import { reportPdfFor } from "~/models/reports.server";
import { versionDownload } from "~/utils/version-download.server";
import { requireIdParam } from "~/utils/http.server";
import { requireViewer } from "~/utils/session.server";

/** A sent report as PDF/A, the archived bytes as stored: for the sending and the receiving group only; a draft has none (404). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request);
  const reportId = requireIdParam(params.reportId);
  return versionDownload("application/pdf", () => reportPdfFor(viewer, reportId));
}
