import type { LoaderFunctionArgs } from "@remix-run/node";
import { CurrentAuthorshipPage, authorshipMeta } from "~/components/versions/authorship-page";
import { lagesbildVersionsRoute } from "~/models/versions.server";
import { authorshipLoader } from "~/models/version-routes.server";

/** "Vem skrev vad" in the lägesbild's text as it is now. */
export const meta = authorshipMeta;
export const loader = (args: LoaderFunctionArgs) => authorshipLoader(args, lagesbildVersionsRoute(args.params));
export default CurrentAuthorshipPage;
