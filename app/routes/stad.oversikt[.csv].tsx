import type { LoaderFunctionArgs } from "@remix-run/node";
import { cityOverviewCsv } from "~/models/city-overview.server";
import { requireViewer } from "~/utils/session.server";
import { versionDownload } from "~/utils/version-download.server";

/** The city-wide overview's tables as CSV for Swedish Excel (?ar=2026); 404 for whoever may not see the overview, or a year it does not offer. */
export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request);
  const ar = new URL(request.url).searchParams.get("ar");
  return versionDownload("text/csv; charset=utf-8", async () => cityOverviewCsv(viewer, ar));
}
