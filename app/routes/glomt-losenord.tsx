import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { TextField } from "~/components/ui/text-field";
import { requestPasswordReset } from "~/models/accounts.server";
import { parseForm } from "~/utils/forms";
import { ForgotPasswordSchema } from "~/utils/validation";

export const meta: MetaFunction = () => [{ title: "Glömt lösenordet – Samverkan" }];

// The same answer whether or not the address has an account: the page must not tell who has one.
const answered = "Om adressen finns hos oss får du inom några minuter ett mejl med en länk för att välja ett nytt lösenord. Länken gäller i 30 minuter.";
const throttled = "Du har bett om många länkar på kort tid. Vänta en stund och försök igen, eller använd länken i det senaste mejlet.";

export async function action({ request, context }: ActionFunctionArgs) {
  const parsed = parseForm(ForgotPasswordSchema, await request.formData());
  if (!parsed.ok) return { fieldErrors: parsed.fieldErrors, message: null, ok: false };
  const result = requestPasswordReset(parsed.data.email, context.clientAddress);
  return result === "answered" ? { fieldErrors: {}, message: answered, ok: true } : { fieldErrors: {}, message: throttled, ok: false };
}

export default function ForgotPassword() {
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const fieldErrors: Record<string, string | undefined> = result?.fieldErrors ?? {};
  return (
    <div className="page page--narrow">
      <h1>Glömt lösenordet</h1>
      <p className="lead">Ange din e-postadress, så skickar vi en länk där du kan välja ett nytt lösenord.</p>
      {result?.message ? (
        <p className={result.ok ? "notice notice--ok" : "notice notice--error"} role={result.ok ? "status" : "alert"}>
          {result.message}
        </p>
      ) : null}
      <Form method="post" className="stack" noValidate>
        <TextField label="E-postadress" name="email" type="email" autoComplete="username" required error={fieldErrors.email} />
        <div>
          <button type="submit" className="button" disabled={navigation.state === "submitting"}>
            Skicka länk
          </button>
        </div>
      </Form>
      <p>
        <Link to="/login">Tillbaka till inloggningen</Link>
      </p>
    </div>
  );
}
