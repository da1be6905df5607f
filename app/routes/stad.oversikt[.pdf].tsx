import type { LoaderFunctionArgs } from "@remix-run/node";
import { cityOverviewPdf } from "~/models/city-overview.server";
import { requireViewer } from "~/utils/session.server";
import { versionDownload } from "~/utils/version-download.server";

/** The city-wide overview's tables as PDF (?ar=2026), rendered off the event loop; 404 as for the page, 503 when it cannot be made now. */
export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request);
  const ar = new URL(request.url).searchParams.get("ar");
  return versionDownload("application/pdf", () => cityOverviewPdf(viewer, ar));
}
