import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { VersionPage, versionMeta } from "~/components/versions/version-page";
import { planVersionsRoute } from "~/models/versions.server";
import { versionAction, versionLoader } from "~/models/version-routes.server";

export const meta = versionMeta;
export const loader = (args: LoaderFunctionArgs) => versionLoader(args, planVersionsRoute(args.params, "kommunikationsplan"));
export const action = (args: ActionFunctionArgs) => versionAction(args, planVersionsRoute(args.params, "kommunikationsplan"));
export default VersionPage;
