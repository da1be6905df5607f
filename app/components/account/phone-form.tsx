import { useFetcher } from "@remix-run/react";
import { TextField } from "~/components/ui/text-field";
import { PHONE_HINT, PHONE_MAX } from "../../../db/domain/phone";

export type PhoneResult = { ok: true; message: string } | { ok: false; error: string };

/**
 * The viewer's own work phone on Mitt konto. It posts to /mitt-konto/telefon, a page of its own, so this
 * form stays apart from the account page's other forms; without JavaScript that page shows the answer
 * (`pageResult`).
 */
export function PhoneForm({ phone, pageResult }: { phone: string | null; pageResult?: PhoneResult }) {
  const fetcher = useFetcher<PhoneResult>();
  const result = fetcher.data ?? pageResult;
  return (
    <section aria-labelledby="telefon">
      <h2 id="telefon">Telefon</h2>
      <fetcher.Form method="post" action="/mitt-konto/telefon" className="stack" noValidate>
        <TextField
          label="Telefonnummer (arbete)"
          name="phone"
          type="tel"
          autoComplete="work tel"
          maxLength={PHONE_MAX}
          defaultValue={phone ?? ""}
          hint={PHONE_HINT}
          error={result && !result.ok ? result.error : undefined}
        />
        <div>
          <button type="submit" className="button">
            Spara telefonnummer
          </button>
        </div>
        <p role="status">{result?.ok ? result.message : ""}</p>
      </fetcher.Form>
    </section>
  );
}
