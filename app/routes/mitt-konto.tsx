import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { FormResult } from "~/components/ui/form-result";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { DataTable } from "~/components/ui/data-table";
import { TextField } from "~/components/ui/text-field";
import { accountQueries } from "~/models/accounts.server";
import { changeOwnPassword } from "~/models/auth.server";
import { PhoneForm } from "~/components/account/phone-form";
import { handleTwoStepAction, ownTwoStep } from "~/models/two-step.server";
import { TwoStepSection } from "~/components/account/two-step-section";
import { parseForm } from "~/utils/forms";
import { OwnProfileSchema } from "~/utils/validation";
import { contactsQueries, db } from "~/models/db.server";
import { formatIsoDate, formatClock } from "~/utils/format";
import { clearedSessionCookie, readKnownDeviceToken, requireSession } from "~/utils/session.server";
import { browserLabel } from "~/utils/user-agent";
import { MIN_PASSWORD_LENGTH } from "../../db/domain/password-rule";

export const meta: MetaFunction = () => [{ title: "Mitt konto – Samverkan" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { viewer, tokenHash } = await requireSession(request);
  const account = accountQueries.getOwnAccount(db(), viewer);
  return {
    account,
    sessions: accountQueries.listOwnSessions(db(), viewer, tokenHash),
    phone: contactsQueries.ownPhone(db(), viewer),
    twoStep: await ownTwoStep(viewer, account.isAdmin),
  };
}

type ActionResult = { intent: string; fieldErrors: Record<string, string | undefined>; message?: string; recoveryCodes?: string[] };

export async function action({ request, context }: ActionFunctionArgs): Promise<ActionResult | Response> {
  const { viewer, tokenHash } = await requireSession(request);
  const form = await request.formData();
  const text = (name: string) => {
    const value = form.get(name);
    return typeof value === "string" ? value : "";
  };
  const intent = text("intent");
  const twoStep = await handleTwoStepAction(intent, form, { viewer, address: context.clientAddress, deviceToken: await readKnownDeviceToken(request) });
  if (twoStep) return { intent, ...twoStep };
  switch (intent) {
    case "profile": {
      const parsed = parseForm(OwnProfileSchema, form);
      if (!parsed.ok) return { intent, fieldErrors: parsed.fieldErrors };
      accountQueries.updateOwnProfile(db(), viewer, parsed.data);
      return { intent, fieldErrors: {}, message: "Namn och befattning är sparade." };
    }
    case "change-password": {
      const result = await changeOwnPassword({
        viewer,
        currentTokenHash: tokenHash,
        currentPassword: text("currentPassword"),
        newPassword: text("newPassword"),
        address: context.clientAddress,
        deviceToken: await readKnownDeviceToken(request),
      });
      if (!result.ok) return { intent, fieldErrors: result.fieldErrors };
      return { intent, fieldErrors: {}, message: "Lösenordet är bytt. Du är utloggad överallt utom här." };
    }
    case "end-others":
      accountQueries.endOwnSessions(db(), viewer, tokenHash);
      return { intent, fieldErrors: {}, message: "Du är utloggad överallt utom här." };
    case "end-all":
      accountQueries.endOwnSessions(db(), viewer, null);
      return redirect("/login", { headers: { "Set-Cookie": await clearedSessionCookie() } });
    default:
      return { intent, fieldErrors: { form: "Okänd åtgärd." } };
  }
}

export default function MyAccount() {
  const { account, sessions, phone, twoStep } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = result?.fieldErrors ?? {};
  // Each form shows only its own post's messages next to its fields (several forms have a code or password field).
  const errorsOf = (intent: string) => (result?.intent === intent ? errors : {});
  const others = sessions.filter((s) => !s.current).length;
  return (
    <div className="page">
      <h1>Mitt konto</h1>
      <FormResult message={result?.message} error={errors.form} />
      <dl className="facts">
        <dt>E-post</dt>
        <dd>{account.email}</dd>
        <dt>Organisation</dt>
        <dd>{account.organisation ?? "–"}</dd>
      </dl>
      <p className="muted">E-post och organisation ändras av en administratör.</p>
      <Form method="post" className="stack" noValidate>
        <input type="hidden" name="intent" value="profile" />
        <TextField label="Namn" name="name" autoComplete="name" defaultValue={account.name} maxLength={100} required error={errorsOf("profile").name} />
        <TextField
          label="Befattning"
          name="title"
          autoComplete="organization-title"
          defaultValue={account.title ?? ""}
          maxLength={100}
          hint="Till exempel Stadsdelsdirektör eller Kommunpolis."
          error={errorsOf("profile").title}
        />
        <div>
          <button type="submit" className="button">
            Spara namn och befattning
          </button>
        </div>
      </Form>

      <TwoStepSection view={twoStep} email={account.email} post={result && result.intent.startsWith("totp-") ? result : null} />

      <PhoneForm phone={phone} />

      <h2 id="inloggningar">Inloggningar</h2>
      <DataTable labelledBy="inloggningar">
        <thead>
          <tr>
            <th scope="col">Webbläsare</th>
            <th scope="col">Inloggad</th>
            <th scope="col">Gäller till</th>
          </tr>
        </thead>
        <tbody>
          {sessions.map((s) => (
            <tr key={s.createdAt + (s.userAgent ?? "") + String(s.current)}>
              <td>
                {browserLabel(s.userAgent)}
                {s.current ? <strong> (den här)</strong> : null}
              </td>
              <td>
                {formatIsoDate(s.createdAt)} {formatClock(s.createdAt)}
              </td>
              <td>
                {formatIsoDate(s.expiresAt)} {formatClock(s.expiresAt)}
              </td>
            </tr>
          ))}
        </tbody>
      </DataTable>
      <div className="button-row">
        {others > 0 ? (
          <Form method="post">
            <input type="hidden" name="intent" value="end-others" />
            <button type="submit" className="button button--secondary">
              Logga ut andra
            </button>
          </Form>
        ) : null}
        <Form method="post">
          <input type="hidden" name="intent" value="end-all" />
          <button type="submit" className="button button--danger">
            Logga ut överallt
          </button>
        </Form>
      </div>

      <h2>Byt lösenord</h2>
      <Form method="post" className="stack" noValidate>
        <input type="hidden" name="intent" value="change-password" />
        <input type="text" name="username" autoComplete="username" value={account.email} readOnly hidden />
        <TextField
          label="Nuvarande lösenord"
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          required
          error={errorsOf("change-password").currentPassword}
        />
        <TextField
          label="Nytt lösenord"
          name="newPassword"
          type="password"
          autoComplete="new-password"
          hint={`Minst ${MIN_PASSWORD_LENGTH} tecken, inte ett vanligt lösenord. Dina andra inloggningar avslutas.`}
          required
          error={errorsOf("change-password").newPassword}
        />
        <div>
          <button type="submit" className="button">
            Byt lösenord
          </button>
        </div>
      </Form>
    </div>
  );
}
