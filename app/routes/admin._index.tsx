import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { fieldErrorsFrom } from "~/models/domain-errors.server";
import { SelectField } from "~/components/ui/select-field";
import { TextField } from "~/components/ui/text-field";
import { adminQueries } from "~/models/admin.server";
import { db } from "~/models/db.server";
import { createPersonAndInvite } from "~/models/accounts.server";
import { createPersonWithPassword, passwordFieldError } from "~/models/people.server";
import { parseForm } from "~/utils/forms";
import { groupKindLabels } from "../../db/domain/labels";
import { MIN_PASSWORD_LENGTH } from "../../db/domain/password-rule";
import { requireAdmin } from "~/utils/session.server";
import { NewPersonSchema } from "~/utils/validation";
import { DataTable } from "~/components/ui/data-table";

export const meta: MetaFunction = () => [{ title: "Administration – Samverkan" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireAdmin(request);
  const query = new URL(request.url).searchParams.get("q")?.trim().slice(0, 100) ?? "";
  return {
    query,
    people: adminQueries.listPeopleForAdmin(db(), viewer, query),
    groups: adminQueries.listGroupsForAdmin(db(), viewer),
    organisations: adminQueries.listOrganisations(db(), viewer),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const viewer = await requireAdmin(request);
  const form = await request.formData();
  const parsed = parseForm(NewPersonSchema, form);
  // The password rule needs the server's list, so it is checked here rather than in the shared schema; all errors show at once.
  // A blank start password means an invitation instead.
  const passwordError = form.get("password") ? passwordFieldError(form.get("password")) : null;
  if (!parsed.ok || passwordError) {
    return { fieldErrors: { ...(parsed.ok ? {} : parsed.fieldErrors), ...(passwordError ? { password: passwordError } : {}) } };
  }
  try {
    const { password, ...person } = parsed.data;
    const id = password ? await createPersonWithPassword(viewer, { ...person, password }) : createPersonAndInvite(viewer, person);
    return redirect(`/admin/personer/${id}`);
  } catch (error) {
    return { fieldErrors: fieldErrorsFrom(error) };
  }
}

export default function AdminIndex() {
  const { query, people, groups, organisations } = useLoaderData<typeof loader>();
  const errors: Record<string, string | undefined> = useActionData<typeof action>()?.fieldErrors ?? {};
  return (
    <div className="page">
      <h1>Administration</h1>
      <p>
        <Link to="/admin/handelselogg">Händelselogg</Link>: vem som ändrade vad, och om loggen är obruten.
      </p>
      <p>
        <Link to="/admin/utkorg">Utkorg</Link>: e-post som väntar, har skickats eller misslyckats, och vad den säger.
      </p>
      <p>
        <Link to="/admin/organisationer">Organisationer</Link>: förvaltningar, polisområden och andra parter, med organisationsnummer.
      </p>
      <p>
        <Link to="/admin/overenskommelser">Överenskommelser</Link>: parter, undertecknare, bilagor och revideringar.
      </p>

      <h2 id="personer">Personer</h2>
      <p>
        <Link to="/admin/personer/import">Importera personer från en CSV-fil</Link>
      </p>
      <Form method="get" role="search" aria-label="Personer" className="stack">
        <TextField key={query} label="Sök person" name="q" type="search" defaultValue={query} hint="Del av namn, e-postadress, titel eller organisation." />
        <div>
          <button type="submit" className="button button--secondary">
            Sök
          </button>
          {query ? (
            <>
              {" "}
              <Link to="/admin">Visa alla</Link>
            </>
          ) : null}
        </div>
      </Form>
      <p role="status">
        {query ? `${people.length} ${people.length === 1 ? "person matchar" : "personer matchar"} ”${query}”.` : `${people.length} personer.`}
      </p>
      <DataTable labelledBy="personer">
        <thead>
          <tr>
            <th scope="col">Namn</th>
            <th scope="col">E-post</th>
            <th scope="col">Organisation</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {people.map((p) => (
            <tr key={p.id}>
              <td>
                <Link to={`/admin/personer/${p.id}`}>{p.name}</Link>
                {p.isAdmin ? <span className="badge badge--neutral"> Administratör</span> : null}
              </td>
              <td>{p.email}</td>
              <td>{p.organisation ?? "–"}</td>
              <td>{p.active ? "Aktiv" : <span className="badge badge--warn">Inaktiverad</span>}</td>
            </tr>
          ))}
        </tbody>
      </DataTable>

      <h2>Lägg till person</h2>
      <Form method="post" className="stack" noValidate>
        <TextField label="Namn" name="name" autoComplete="off" required error={errors.name} />
        <TextField label="E-postadress" name="email" type="email" autoComplete="off" required error={errors.email} />
        <TextField label="Befattning" name="title" hint="Till exempel Trygghetssamordnare." error={errors.title} />
        <SelectField label="Organisation" name="organisationId" error={errors.organisationId} defaultValue="">
          <option value="">Ingen vald</option>
          {organisations.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
        </SelectField>
        <TextField
          label="Startlösenord"
          name="password"
          type="password"
          autoComplete="new-password"
          hint={`Frivilligt. Lämnas det tomt får personen en inbjudan med e-post och väljer själv sitt lösenord. Annars minst ${MIN_PASSWORD_LENGTH} tecken, inte ett vanligt lösenord; lämna det till personen på ett säkert sätt.`}
          error={errors.password}
        />
        <label className="checkbox">
          <input type="checkbox" name="isAdmin" /> Administratör
        </label>
        {errors.form ? <p className="field-error">{errors.form}</p> : null}
        <div>
          <button type="submit" className="button">
            Lägg till person
          </button>
        </div>
      </Form>

      <h2 id="grupper">Grupper</h2>
      <p>
        <Link to="/admin/grupper/ny" className="button button--secondary">
          Skapa grupp
        </Link>
      </p>
      <DataTable labelledBy="grupper">
        <thead>
          <tr>
            <th scope="col">Grupp</th>
            <th scope="col">Typ</th>
            <th scope="col">Överenskommelse</th>
            <th scope="col">Inställningar</th>
          </tr>
        </thead>
        <tbody>
          {groups.map((g) => (
            <tr key={g.id}>
              <td>
                <Link to={`/grupper/${g.id}`}>{g.name}</Link>
              </td>
              <td>{groupKindLabels[g.kind]}</td>
              <td>{g.agreementTitle}</td>
              <td>
                <Link to={`/admin/grupper/${g.id}`}>
                  Ändra<span className="visually-hidden"> {g.name}</span>
                </Link>
              </td>
            </tr>
          ))}
        </tbody>
      </DataTable>
    </div>
  );
}
