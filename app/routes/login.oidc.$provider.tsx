import type { ActionFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { useActionData, useOutlet } from "@remix-run/react";
import { LoginProblem } from "~/components/account/login-problem";
import { requireProvider, startOidcLogin } from "~/models/oidc.server";
import { safeRedirectTarget } from "~/utils/session.server";

/**
 * The login page's "Logga in med …" button posts here; the answer sends the browser to the identity
 * provider. Rendered inside the login page (login.tsx), so a provider that cannot be reached is
 * explained there, above the other ways to log in.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  const provider = requireProvider(params.provider);
  const returnTo = safeRedirectTarget((await request.formData()).get("redirectTo"));
  const start = await startOidcLogin(request, provider, returnTo);
  if (!start.ok) return data({ message: start.message }, { status: 503 });
  return redirect(start.location, { headers: { "Set-Cookie": start.cookie } });
}

export default function ProviderLogin() {
  const outlet = useOutlet();
  const actionData = useActionData() as { message: string } | undefined;
  // The provider's redirect back (login.oidc.$provider.callback.tsx) renders in the outlet.
  return outlet ?? (actionData ? <LoginProblem message={actionData.message} /> : null);
}
