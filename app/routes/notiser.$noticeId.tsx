import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { db, notificationsQueries } from "~/models/db.server";
import { notFound, requireIdParam } from "~/utils/http.server";
import { requireViewer, safeRedirectTarget } from "~/utils/session.server";

/** Opening a notice: marked read, then on to what it is about (a GET, so it works as a plain link). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request);
  try {
    const link = notificationsQueries.openNotification(db(), viewer, requireIdParam(params.noticeId));
    return redirect(safeRedirectTarget(link, "/notiser"));
  } catch {
    throw notFound();
  }
}
