import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { TextField } from "~/components/ui/text-field";
import type { linkPageAction, linkPageLoader } from "~/models/account-links.server";
import { unusableLinkMessage } from "../../../db/domain/account-mails";
import { MIN_PASSWORD_LENGTH } from "../../../db/domain/password-rule";

/** The page behind a reset or invitation link: choose a password, then log in with it. */
export function SetPasswordPage({ heading, intro, unusable }: { heading: string; intro: string; unusable: React.ReactNode }) {
  const { person } = useLoaderData<typeof linkPageLoader>();
  const result = useActionData<typeof linkPageAction>();
  const navigation = useNavigation();
  const errors: Record<string, string | undefined> = result?.fieldErrors ?? {};
  if (result?.done) {
    return (
      <div className="page page--narrow">
        <h1>{heading}</h1>
        <p className="notice notice--ok" role="status">
          Lösenordet är sparat. Logga in med {result.email} och ditt nya lösenord.
        </p>
        <p>
          <Link to="/login">Till inloggningen</Link>
        </p>
      </div>
    );
  }
  if (!person) {
    return (
      <div className="page page--narrow">
        <h1>{heading}</h1>
        <p className="notice notice--error">{unusableLinkMessage}</p>
        {unusable}
      </div>
    );
  }
  return (
    <div className="page page--narrow">
      <h1>{heading}</h1>
      <p className="lead">
        {intro} Kontot: {person.email}.
      </p>
      {errors.form ? (
        <p className="notice notice--error" role="alert">
          {errors.form}
        </p>
      ) : null}
      <Form method="post" className="stack" noValidate>
        <input type="text" name="username" autoComplete="username" value={person.email} readOnly hidden />
        <TextField
          label="Nytt lösenord"
          name="password"
          type="password"
          autoComplete="new-password"
          hint={`Minst ${MIN_PASSWORD_LENGTH} tecken, inte ett vanligt lösenord. Till exempel några ord som inte hör ihop.`}
          required
          error={errors.password}
        />
        <div>
          <button type="submit" className="button" disabled={navigation.state === "submitting"}>
            Spara lösenordet
          </button>
        </div>
      </Form>
    </div>
  );
}
