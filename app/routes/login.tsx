import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, Outlet, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { TextField } from "~/components/ui/text-field";
import { authenticate } from "~/models/auth.server";
import { loginProviders } from "~/models/oidc.server";
import { parseForm } from "~/utils/forms";
import { finishFirstFactor } from "~/models/sign-in.server";
import { getViewer, readKnownDeviceToken, safeRedirectTarget } from "~/utils/session.server";
import { throttledMessage } from "~/utils/throttle-message";
import { LoginSchema } from "~/utils/validation";

export const meta: MetaFunction = () => [{ title: "Logga in – Samverkan" }];

export async function loader({ request }: LoaderFunctionArgs) {
  // Someone already logged in who follows a link from an e-mail goes straight to the thing.
  if (await getViewer(request)) return redirect(safeRedirectTarget(new URL(request.url).searchParams.get("redirectTo")));
  return { providers: loginProviders() };
}

const loginFailed = "Fel e-postadress eller lösenord.";

export async function action({ request, context }: ActionFunctionArgs) {
  const parsed = parseForm(LoginSchema, await request.formData());
  if (!parsed.ok) return { fieldErrors: parsed.fieldErrors, formError: null };
  const deviceToken = await readKnownDeviceToken(request);
  const result = await authenticate({ ...parsed.data, address: context.clientAddress, deviceToken });
  if (!result.ok) {
    return { fieldErrors: {}, formError: result.reason === "throttled" ? throttledMessage(result.retryAfterMs) : loginFailed };
  }
  return finishFirstFactor(request, {
    personId: result.personId,
    firstFactor: "password",
    redirectTo: safeRedirectTarget(parsed.data.redirectTo),
    deviceToken: result.deviceToken,
  });
}

export default function Login() {
  const { providers } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const navigation = useNavigation();
  const errorRef = useRef<HTMLDivElement>(null);
  const fieldErrors: Record<string, string | undefined> = actionData?.fieldErrors ?? {};
  const redirectTo = searchParams.get("redirectTo") ?? "/";
  // Each form's post keeps redirectTo in the URL, so the page it answers with (a wrong password, a
  // provider that is down) still knows where to go. Named paths: rendered under a provider's
  // callback, a form must not post to it (or repeat its code and state).
  const postTo = (path: string) => (redirectTo === "/" ? path : `${path}?redirectTo=${encodeURIComponent(redirectTo)}`);

  useEffect(() => {
    if (actionData?.formError) errorRef.current?.focus();
  }, [actionData]);

  return (
    <div className="page page--narrow">
      <h1>Logga in</h1>
      <p className="lead">Samverkan för stadsdelsförvaltningar och lokalpolisområden i Stockholm.</p>
      {actionData?.formError ? (
        <div className="notice notice--error" role="alert" tabIndex={-1} ref={errorRef}>
          {actionData.formError}
        </div>
      ) : null}
      {/* Why a login through an identity provider did not go through (login.oidc.$provider*.tsx). */}
      <Outlet />
      {providers.length > 0 ? (
        <>
          <ul className="login-providers" aria-label="Logga in med din organisations inloggning">
            {providers.map((provider) => (
              <li key={provider.id}>
                <Form method="post" action={postTo(`/login/oidc/${provider.id}`)}>
                  <input type="hidden" name="redirectTo" value={redirectTo} />
                  <button type="submit" className="button">
                    Logga in med {provider.name}
                  </button>
                </Form>
              </li>
            ))}
          </ul>
          <h2 className="login-or">Eller med e-postadress och lösenord</h2>
        </>
      ) : null}
      <Form method="post" action={postTo("/login")} className="stack" noValidate>
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <TextField label="E-postadress" name="email" type="email" autoComplete="username" required error={fieldErrors.email} />
        <TextField label="Lösenord" name="password" type="password" autoComplete="current-password" required error={fieldErrors.password} />
        <div>
          <button type="submit" className="button" disabled={navigation.state === "submitting"}>
            {navigation.state === "submitting" ? "Loggar in…" : "Logga in"}
          </button>
        </div>
      </Form>
      <p>
        <Link to="/glomt-losenord">Glömt lösenordet?</Link>
      </p>
    </div>
  );
}
