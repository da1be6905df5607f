import type { LoaderFunctionArgs } from "@remix-run/node";
import { CurrentAuthorshipPage, authorshipMeta } from "~/components/versions/authorship-page";
import { planVersionsRoute } from "~/models/versions.server";
import { authorshipLoader } from "~/models/version-routes.server";

/** "Vem skrev vad" in the åtgärdsplan's row notes as it is now. */
export const meta = authorshipMeta;
export const loader = (args: LoaderFunctionArgs) => authorshipLoader(args, planVersionsRoute(args.params));
export default CurrentAuthorshipPage;
