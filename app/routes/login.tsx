import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { TextField } from "~/components/ui/text-field";
import { authenticate } from "~/models/auth.server";
import { parseForm } from "~/utils/forms";
import { finishFirstFactor } from "~/models/sign-in.server";
import { getViewer, readKnownDeviceToken, safeRedirectTarget } from "~/utils/session.server";
import { throttledMessage } from "~/utils/throttle-message";
import { LoginSchema } from "~/utils/validation";

export const meta: MetaFunction = () => [{ title: "Logga in – Samverkan" }];

export async function loader({ request }: LoaderFunctionArgs) {
  // Someone already logged in who follows a link from an e-mail goes straight to the thing.
  if (await getViewer(request)) return redirect(safeRedirectTarget(new URL(request.url).searchParams.get("redirectTo")));
  return null;
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
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const navigation = useNavigation();
  const errorRef = useRef<HTMLDivElement>(null);
  const fieldErrors: Record<string, string | undefined> = actionData?.fieldErrors ?? {};

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
      <Form method="post" className="stack" noValidate>
        <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? "/"} />
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
