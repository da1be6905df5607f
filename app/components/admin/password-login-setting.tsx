import { Form } from "@remix-run/react";
import { FormResult } from "~/components/ui/form-result";

/**
 * The organisation page's "Inloggning med lösenord": on, or off so that its people sign in through
 * an identity provider only. Turning it off is refused while no provider is configured.
 */
export function PasswordLoginSetting({ enabled, providerNames, error, saved }: { enabled: boolean; providerNames: string[]; error?: string; saved: boolean }) {
  const providers = providerNames.length > 0 ? providerNames.join(", ") : null;
  return (
    <section aria-labelledby="inloggning">
      <h2 id="inloggning">Inloggning med lösenord</h2>
      <FormResult message={saved ? (enabled ? "Inloggning med lösenord är påslagen." : "Inloggning med lösenord är avstängd.") : null} error={error} />
      <p>
        {enabled
          ? `På: organisationens personer loggar in med e-postadress och lösenord${providers ? ` eller via en inloggningstjänst (${providers})` : ""}.`
          : `Av: organisationens personer loggar bara in via en inloggningstjänst${providers ? ` (${providers})` : ""}. Lösenord, länkar för nytt lösenord och inbjudningar med lösenord fungerar inte för dem.`}
      </p>
      {!enabled || providers ? (
        <Form method="post">
          <input type="hidden" name="intent" value="password-login" />
          <input type="hidden" name="enabled" value={enabled ? "false" : "true"} />
          <button type="submit" className="button button--secondary">
            {enabled ? "Stäng av inloggning med lösenord" : "Slå på inloggning med lösenord"}
          </button>
        </Form>
      ) : (
        <p>Inloggning med lösenord kan stängas av när en inloggningstjänst är inställd (OIDC_PROVIDERS, se driftdokumentationen).</p>
      )}
    </section>
  );
}
