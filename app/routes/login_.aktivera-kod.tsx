import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ChallengeGone } from "~/components/account/challenge-gone";
import { RecoveryCodes, TotpCodeField, TotpEnrolmentSteps } from "~/components/account/two-step";
import { answerEnrolmentStep, loginEnrolmentView } from "~/models/sign-in.server";
import type { EnrolmentStepResult } from "~/models/sign-in.server";

export const meta: MetaFunction = () => [{ title: "Aktivera tvåstegsverifiering – Samverkan" }];

/** An administrator without an authenticator app sets one up here, between the password and the session. */
export async function loader({ request }: LoaderFunctionArgs) {
  return { enrolment: await loginEnrolmentView(request) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const code = (await request.formData()).get("code");
  return answerEnrolmentStep(request, context.clientAddress, typeof code === "string" ? code : "");
}

const heading = "Aktivera tvåstegsverifiering";

export default function EnrolAtLogin() {
  const { enrolment } = useLoaderData<typeof loader>();
  // Single fetch unwraps data(); the declared type is the payload.
  const result = useActionData() as EnrolmentStepResult | undefined;
  const navigation = useNavigation();
  if (result && "recoveryCodes" in result) {
    return (
      <div className="page page--narrow">
        <h1>{heading}</h1>
        <p className="notice notice--ok" role="status">
          Tvåstegsverifieringen är aktiverad och du är inloggad.
        </p>
        <RecoveryCodes codes={result.recoveryCodes}>
          <p>
            {/* A full page load: the layout shows the logged-in menu at once. */}
            <Link to={result.continueTo} className="button" reloadDocument>
              Jag har sparat koderna
            </Link>
          </p>
        </RecoveryCodes>
      </div>
    );
  }
  if (!enrolment || result?.gone) return <ChallengeGone heading={heading} />;
  const errors: Record<string, string | undefined> = result && "fieldErrors" in result ? result.fieldErrors : {};
  return (
    <div className="page page--narrow">
      <h1>{heading}</h1>
      <p className="lead">
        Administratörer loggar in med lösenord och en kod från en autentiseringsapp. Aktivera appen för {enrolment.email} för att fortsätta.
      </p>
      <TotpEnrolmentSteps qrCode={enrolment.qrCode} secret={enrolment.secret} email={enrolment.email} />
      <Form method="post" className="stack" noValidate>
        <TotpCodeField error={errors.code} />
        <div>
          <button type="submit" className="button" disabled={navigation.state === "submitting"}>
            Aktivera och logga in
          </button>
        </div>
      </Form>
    </div>
  );
}
