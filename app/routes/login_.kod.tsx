import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { TotpCodeField } from "~/components/account/two-step";
import { ChallengeGone } from "~/components/account/challenge-gone";
import { TextField } from "~/components/ui/text-field";
import { answerCodeStep, currentChallenge } from "~/models/sign-in.server";
import type { StepResult } from "~/models/sign-in.server";

export const meta: MetaFunction = () => [{ title: "Ange kod – Samverkan" }];

/** The second step of a login with an authenticator app; `?metod=aterstallningskod` takes a recovery code instead. */
export async function loader({ request }: LoaderFunctionArgs) {
  return { live: (await currentChallenge(request, "mfa")) !== null };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await request.formData();
  const recovery = form.get("intent") === "recovery";
  const code = form.get(recovery ? "recoveryCode" : "code");
  return answerCodeStep(request, context.clientAddress, { kind: recovery ? "recovery" : "totp", code: typeof code === "string" ? code : "" });
}

export default function CodeStep() {
  const { live } = useLoaderData<typeof loader>();
  // Single fetch unwraps data(); the declared type is the payload.
  const result = useActionData() as StepResult | undefined;
  const navigation = useNavigation();
  const [searchParams] = useSearchParams();
  const recovery = searchParams.get("metod") === "aterstallningskod";
  if (!live || result?.gone) return <ChallengeGone heading="Ange kod" />;
  const errors: Record<string, string | undefined> = result && "fieldErrors" in result ? result.fieldErrors : {};
  const busy = navigation.state === "submitting";
  return (
    <div className="page page--narrow">
      <h1>Ange kod</h1>
      <p className="lead">
        {recovery
          ? "Skriv in en av dina återställningskoder. Varje kod fungerar en gång."
          : "Ditt konto har tvåstegsverifiering. Öppna autentiseringsappen och skriv in koden för Samverkan."}
      </p>
      <Form method="post" className="stack" noValidate>
        <input type="hidden" name="intent" value={recovery ? "recovery" : "totp"} />
        {recovery ? (
          <TextField
            label="Återställningskod"
            name="recoveryCode"
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            hint="Tolv bokstäver, till exempel abcd-efgh-jkmn."
            required
            error={errors.recoveryCode}
          />
        ) : (
          <TotpCodeField error={errors.code} />
        )}
        <div>
          <button type="submit" className="button" disabled={busy}>
            Logga in
          </button>
        </div>
      </Form>
      <p>
        {recovery ? (
          <Link to="/login/kod">Använd koden från appen i stället</Link>
        ) : (
          <Link to="/login/kod?metod=aterstallningskod">Använd en återställningskod</Link>
        )}
      </p>
    </div>
  );
}
