import type { LoaderFunctionArgs } from "@remix-run/node";
import { CurrentAuthorshipPage, authorshipMeta } from "~/components/versions/authorship-page";
import { planVersionsRoute } from "~/models/versions.server";
import { authorshipLoader } from "~/models/version-routes.server";

/** "Vem skrev vad" in the kommunikationsplan's text as it is now. */
export const meta = authorshipMeta;
export const loader = (args: LoaderFunctionArgs) => authorshipLoader(args, planVersionsRoute(args.params, "kommunikationsplan"));
export default CurrentAuthorshipPage;
