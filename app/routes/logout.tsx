import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { endSession } from "~/utils/session.server";

export async function action({ request }: ActionFunctionArgs) {
  return endSession(request);
}

// Logging out changes state, so it is POST only; a GET just goes home.
export function loader() {
  return redirect("/");
}
