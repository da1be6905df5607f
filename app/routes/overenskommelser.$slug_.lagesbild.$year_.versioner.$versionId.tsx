import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { VersionPage, versionMeta } from "~/components/versions/version-page";
import { lagesbildVersionsRoute } from "~/models/versions.server";
import { versionAction, versionLoader } from "~/models/version-routes.server";

export const meta = versionMeta;
export const loader = (args: LoaderFunctionArgs) => versionLoader(args, lagesbildVersionsRoute(args.params));
export const action = (args: ActionFunctionArgs) => versionAction(args, lagesbildVersionsRoute(args.params));
export default VersionPage;
