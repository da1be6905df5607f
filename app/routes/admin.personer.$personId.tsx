import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { FormResult } from "~/components/ui/form-result";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { fieldErrorsFrom } from "~/models/domain-errors.server";
import { memberRoles } from "../../db/domain/enums";
import { SelectField } from "~/components/ui/select-field";
import { Breadcrumbs } from "~/components/ui/breadcrumbs";
import { TextField } from "~/components/ui/text-field";
import { accountQueries, invitePerson } from "~/models/accounts.server";
import { adminQueries } from "~/models/admin.server";
import { formatIsoDate } from "~/utils/format";
import { db, type Viewer } from "~/models/db.server";
import { parseForm } from "~/utils/forms";
import { notFound, requireIdParam } from "~/utils/http.server";
import { roleLabels } from "../../db/domain/labels";
import { PHONE_HINT, PHONE_MAX } from "../../db/domain/phone";
import { requireAdmin } from "~/utils/session.server";
import { IdSchema, MembershipSchema } from "~/utils/validation";
import { DataTable } from "~/components/ui/data-table";
import { PersonIdentities } from "~/components/admin/person-identities";
import { loginProviders } from "~/models/oidc.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.person.name} – Administration – Samverkan` : "Person – Samverkan" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireAdmin(request);
  const personId = requireIdParam(params.personId);
  const person = adminQueries.getPersonForAdmin(db(), viewer, personId);
  if (!person) throw notFound();
  return {
    person: {
      id: person.id,
      name: person.name,
      email: person.email,
      title: person.title,
      phone: person.phone,
      active: person.active,
      hasPassword: person.passwordHash !== null,
    },
    invitation: accountQueries.latestInvitation(db(), viewer, personId),
    isSelf: person.id === viewer.id,
    passwordLogin: adminQueries.passwordLoginAllowed(db(), viewer, personId),
    identities: linkedIdentities(viewer, personId),
    memberships: adminQueries.membershipsOfPerson(db(), viewer, personId),
    groups: adminQueries.listGroupsForAdmin(db(), viewer),
    functions: adminQueries.listFunctions(db(), viewer),
  };
}

/** The person's provider accounts, each named as its login button names the provider (the id if it is no longer configured). */
function linkedIdentities(viewer: Viewer, personId: number) {
  const names = new Map(loginProviders().map((provider) => [provider.id, provider.name]));
  return adminQueries
    .identitiesOfPerson(db(), viewer, personId)
    .map((identity) => ({ ...identity, providerName: names.get(identity.provider) ?? identity.provider }));
}

type ActionResult = { fieldErrors: Record<string, string>; message?: string };

export async function action({ request, params }: ActionFunctionArgs): Promise<ActionResult> {
  const viewer = await requireAdmin(request);
  const personId = requireIdParam(params.personId);
  const person = adminQueries.getPersonForAdmin(db(), viewer, personId);
  if (!person) throw notFound();
  const form = await request.formData();
  try {
    switch (form.get("intent")) {
      case "deactivate":
      case "activate":
        adminQueries.setPersonActive(db(), viewer, personId, form.get("intent") === "activate");
        return { fieldErrors: {}, message: form.get("intent") === "activate" ? "Personen är aktiverad." : "Personen är inaktiverad och utloggad." };
      case "invite":
        invitePerson(viewer, personId);
        return { fieldErrors: {}, message: `En inbjudan är skickad till ${person.email}.` };
      case "add-membership": {
        const parsed = parseForm(MembershipSchema, form);
        if (!parsed.ok) return { fieldErrors: parsed.fieldErrors };
        const { groupId, role, functionName } = parsed.data;
        const functionId = functionName ? adminQueries.functionIdByName(db(), viewer, functionName) : null;
        adminQueries.addMembership(db(), viewer, { groupId, personId, role, functionId });
        return { fieldErrors: {}, message: "Medlemskapet är tillagt." };
      }
      case "set-phone": {
        const phone = adminQueries.setPersonPhone(db(), viewer, personId, String(form.get("phone") ?? ""));
        return { fieldErrors: {}, message: phone ? `Telefonnumret ${phone} är sparat.` : "Telefonnumret är borttaget." };
      }
      case "unlink-identity": {
        const identityId = IdSchema.safeParse(form.get("identityId"));
        if (!identityId.success || !adminQueries.unlinkIdentity(db(), viewer, personId, identityId.data))
          return { fieldErrors: { form: "Kopplingen finns inte längre." } };
        return { fieldErrors: {}, message: "Kopplingen är borttagen. Nästa inloggning via tjänsten kopplas på nytt efter bekräftad e-postadress." };
      }
      case "remove-membership": {
        const membershipId = IdSchema.safeParse(form.get("membershipId"));
        if (!membershipId.success) return { fieldErrors: { form: "Ogiltigt medlemskap." } };
        adminQueries.removeMembership(db(), viewer, membershipId.data);
        return { fieldErrors: {}, message: "Medlemskapet är borttaget." };
      }
      default:
        return { fieldErrors: { form: "Okänd åtgärd." } };
    }
  } catch (error) {
    return { fieldErrors: fieldErrorsFrom(error) };
  }
}

const invitationStateLabels = { open: "länken gäller", accepted: "antagen", expired: "länken har gått ut" } as const;

export default function AdminPerson() {
  const { person, isSelf, invitation, passwordLogin, identities, memberships, groups, functions } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors: Record<string, string | undefined> = result?.fieldErrors ?? {};
  return (
    <div className="page">
      <Breadcrumbs trail={[{ to: "/admin", label: "Administration" }]} current={person.name} />
      <h1>{person.name}</h1>
      <FormResult message={result?.message} error={errors.form} />
      <dl className="facts">
        <dt>E-post</dt>
        <dd>{person.email}</dd>
        <dt>Befattning</dt>
        <dd>{person.title ?? "–"}</dd>
        <dt>Telefon</dt>
        <dd>{person.phone ?? "–"}</dd>
        <dt>Status</dt>
        <dd>{person.active ? "Aktiv" : "Inaktiverad"}</dd>
        <dt>Lösenord</dt>
        <dd>{person.hasPassword ? "Valt" : "Inget ännu"}</dd>
        <dt>Inbjudan</dt>
        <dd>{invitation ? `Skickad ${formatIsoDate(invitation.sentAt)}, ${invitationStateLabels[invitation.state]}` : "Ingen skickad"}</dd>
      </dl>
      {person.active && !isSelf ? (
        <Form method="post">
          <input type="hidden" name="intent" value="invite" />
          <p>
            <button type="submit" className="button button--secondary">
              {invitation ? "Skicka ny inbjudan" : "Skicka inbjudan"}
            </button>
            <span className="muted">
              {passwordLogin
                ? " Personen får ett mejl med en länk där hen väljer ett lösenord. Länken gäller i 7 dagar."
                : " Personens organisation loggar in via sin inloggningstjänst: mejlet säger hur, utan lösenord."}
            </span>
          </p>
        </Form>
      ) : null}
      {isSelf ? null : (
        <Form method="post">
          <input type="hidden" name="intent" value={person.active ? "deactivate" : "activate"} />
          <p>
            <button type="submit" className={person.active ? "button button--danger" : "button"}>
              {person.active ? "Inaktivera och logga ut" : "Aktivera"}
            </button>
          </p>
        </Form>
      )}

      <h2 id="telefon">Telefon</h2>
      <Form method="post" className="stack" noValidate>
        <input type="hidden" name="intent" value="set-phone" />
        <TextField
          label="Telefonnummer (arbete)"
          name="phone"
          type="tel"
          maxLength={PHONE_MAX}
          defaultValue={person.phone ?? ""}
          hint={PHONE_HINT}
          error={errors.phone}
        />
        <div>
          <button type="submit" className="button">
            Spara telefonnummer
          </button>
        </div>
      </Form>
      <PersonIdentities identities={identities} />

      <h2 id="medlemskap">Medlemskap</h2>
      {memberships.length === 0 ? (
        <p>Inga medlemskap.</p>
      ) : (
        <DataTable labelledBy="medlemskap">
          <thead>
            <tr>
              <th scope="col">Grupp</th>
              <th scope="col">Roll</th>
              <th scope="col">Funktion</th>
              <th scope="col">
                <span className="visually-hidden">Åtgärd</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {memberships.map((m) => (
              <tr key={m.id}>
                <td>
                  {m.groupName}
                  <div className="muted">{m.agreementTitle}</div>
                </td>
                <td>{roleLabels[m.role]}</td>
                <td>{m.functionName ?? "–"}</td>
                <td>
                  <Form method="post">
                    <input type="hidden" name="intent" value="remove-membership" />
                    <input type="hidden" name="membershipId" value={m.id} />
                    <button type="submit" className="button button--secondary">
                      Ta bort<span className="visually-hidden"> från {m.groupName}</span>
                    </button>
                  </Form>
                </td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}

      <h2>Lägg till medlemskap</h2>
      <Form method="post" className="stack" noValidate>
        <input type="hidden" name="intent" value="add-membership" />
        <SelectField label="Grupp" name="groupId" error={errors.groupId} defaultValue="">
          <option value="">Välj grupp</option>
          {groups.map((g) => (
            <option key={g.id} value={g.id}>
              {g.name}
            </option>
          ))}
        </SelectField>
        <SelectField label="Roll" name="role" error={errors.role} defaultValue="ledamot">
          {memberRoles.map((r) => (
            <option key={r} value={r}>
              {roleLabels[r]}
            </option>
          ))}
        </SelectField>
        <TextField
          label="Funktion"
          name="functionName"
          list="funktioner"
          hint="Välj en funktion ur listan eller skriv en ny, till exempel Kommunpolis."
          error={errors.functionName}
        />
        <datalist id="funktioner">
          {functions.map((f) => (
            <option key={f.id} value={f.name} />
          ))}
        </datalist>
        <div>
          <button type="submit" className="button">
            Lägg till medlemskap
          </button>
        </div>
      </Form>
    </div>
  );
}
