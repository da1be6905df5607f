import type { ActionFunctionArgs } from "@remix-run/node";
import { uploadAgreementFile } from "~/models/files.server";
import { requireParam } from "~/utils/http.server";
import { requireViewer } from "~/utils/session.server";
import { SlugSchema } from "~/utils/validation";

/** Uploads to an agreement (administrators). A path of its own: only the upload paths take bodies of up to 25 MB. */
export async function action({ request, params }: ActionFunctionArgs) {
  const viewer = await requireViewer(request);
  return uploadAgreementFile(request, viewer, requireParam(SlugSchema, params.slug));
}
