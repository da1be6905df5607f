import { Form, Link } from "@remix-run/react";
import { RecoveryCodes, TotpCodeField, TotpEnrolmentSteps } from "~/components/account/two-step";
import { TextField } from "~/components/ui/text-field";
import { formatIsoDate } from "~/utils/format";

export interface TwoStepView {
  status: "off" | "pending" | "on";
  confirmedAt: string | null;
  recoveryCodesLeft: number;
  mustKeep: boolean;
  enrolment: { qrCode: string; secret: string } | null;
}

/** The last post of the section: which form it came from, so its messages show next to that form's fields. */
export interface TwoStepPost {
  intent: string;
  fieldErrors: Record<string, string | undefined>;
  recoveryCodes?: string[];
}

/** "Tvåstegsverifiering" on Mitt konto: turn on with a QR code, confirm, recovery codes once, replace, turn off. */
export function TwoStepSection({ view, email, post }: { view: TwoStepView; email: string; post: TwoStepPost | null }) {
  const errorsOf = (...intents: string[]) => (post && intents.includes(post.intent) ? post.fieldErrors : {});
  if (post?.recoveryCodes) {
    return (
      <section aria-labelledby="tvasteg" className="stack">
        <h2 id="tvasteg">Tvåstegsverifiering</h2>
        <RecoveryCodes codes={post.recoveryCodes}>
          <p>
            <Link to="/mitt-konto" className="button">
              Jag har sparat koderna
            </Link>
          </p>
        </RecoveryCodes>
      </section>
    );
  }
  return (
    <section aria-labelledby="tvasteg" className="stack">
      <h2 id="tvasteg">Tvåstegsverifiering</h2>
      {view.status === "on" ? (
        <>
          <p>
            <strong>På</strong> sedan {formatIsoDate(view.confirmedAt!)}. När du loggar in frågar vi efter en kod från din autentiseringsapp.{" "}
            {view.recoveryCodesLeft === 1 ? "1 återställningskod kvar." : `${view.recoveryCodesLeft} återställningskoder kvar.`}
          </p>
          <Form method="post" className="stack" noValidate>
            <TotpCodeField error={errorsOf("totp-regenerate", "totp-start", "totp-off").code} />
            <div className="button-row">
              <button type="submit" name="intent" value="totp-regenerate" className="button button--secondary">
                Skapa nya återställningskoder
              </button>
              <button type="submit" name="intent" value="totp-start" className="button button--secondary">
                Byt till en ny app
              </button>
              {view.mustKeep ? null : (
                <button type="submit" name="intent" value="totp-off" className="button button--danger">
                  Stäng av
                </button>
              )}
            </div>
          </Form>
          {view.mustKeep ? (
            <p className="muted">Administratörer måste ha tvåstegsverifiering. Du kan byta app men inte stänga av den.</p>
          ) : (
            <Form method="post" className="stack" noValidate>
              <input type="hidden" name="intent" value="totp-off" />
              <input type="text" name="username" autoComplete="username" value={email} readOnly hidden />
              <TextField
                label="Lösenord"
                name="password"
                type="password"
                autoComplete="current-password"
                hint="Har du inte appen till hands kan du stänga av med ditt lösenord."
                required
                error={errorsOf("totp-off").password}
              />
              <div>
                <button type="submit" className="button button--danger">
                  Stäng av med lösenordet
                </button>
              </div>
            </Form>
          )}
        </>
      ) : view.status === "pending" && view.enrolment ? (
        <>
          <p>Aktivering pågår. Lägg till Samverkan i appen och bekräfta med en kod.</p>
          <TotpEnrolmentSteps qrCode={view.enrolment.qrCode} secret={view.enrolment.secret} email={email} />
          <Form method="post" className="stack" noValidate>
            <input type="hidden" name="intent" value="totp-confirm" />
            <TotpCodeField error={errorsOf("totp-confirm").code} />
            <div>
              <button type="submit" className="button">
                Bekräfta och aktivera
              </button>
            </div>
          </Form>
          <Form method="post">
            <input type="hidden" name="intent" value="totp-cancel" />
            <button type="submit" className="button button--secondary">
              Avbryt aktiveringen
            </button>
          </Form>
        </>
      ) : (
        <>
          <p>
            <strong>Av.</strong> Med tvåstegsverifiering loggar du in med lösenordet och en kod från en autentiseringsapp i telefonen, så att ett lösenord som
            kommit på avvägar inte räcker.
            {view.mustKeep ? " Administratörer måste ha det." : ""}
          </p>
          <Form method="post">
            <input type="hidden" name="intent" value="totp-start" />
            <button type="submit" className="button">
              Aktivera tvåstegsverifiering
            </button>
          </Form>
        </>
      )}
    </section>
  );
}
