import type { LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { LoginProblem } from "~/components/account/login-problem";
import { knownDeviceAfterLogin } from "~/models/auth.server";
import { clearedOidcStateCookie, finishOidcLogin, requireProvider } from "~/models/oidc.server";
import { finishFirstFactor } from "~/models/sign-in.server";
import { readKnownDeviceToken, safeRedirectTarget } from "~/utils/session.server";

/**
 * The identity provider sends the browser back here after the person signed in there. A verified
 * login opens the session and goes on to where the person was headed; anything else is explained on
 * the login page. Either way a known state is spent, and the browser's state cookie cleared.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const provider = requireProvider(params.provider);
  const result = await finishOidcLogin(request, provider);
  const clearState = await clearedOidcStateCookie();
  if (!result.ok) return data({ message: result.message }, { status: 403, headers: { "Set-Cookie": clearState } });
  const deviceToken = knownDeviceAfterLogin(result.personId, await readKnownDeviceToken(request));
  // The provider was the first factor: someone with an authenticator app (every administrator) still gives its code.
  const response = await finishFirstFactor(request, {
    personId: result.personId,
    firstFactor: `oidc:${provider.id}`,
    redirectTo: safeRedirectTarget(result.returnTo),
    deviceToken,
  });
  response.headers.append("Set-Cookie", clearState);
  return response;
}

export default function ProviderCallback() {
  // A verified login never renders: its loader redirects.
  const { message } = useLoaderData() as { message: string };
  return <LoginProblem message={message} />;
}
