import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { VersionsPage, versionsMeta } from "~/components/versions/versions-page";
import { planVersionsRoute } from "~/models/versions.server";
import { versionsAction, versionsLoader } from "~/models/version-routes.server";

export const meta = versionsMeta;
export const loader = (args: LoaderFunctionArgs) => versionsLoader(args, planVersionsRoute(args.params, "kommunikationsplan"));
export const action = (args: ActionFunctionArgs) => versionsAction(args, planVersionsRoute(args.params, "kommunikationsplan"));
export default VersionsPage;
