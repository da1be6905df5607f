import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { OrganisationFields } from "~/components/admin/organisation-fields";
import { PasswordLoginSetting } from "~/components/admin/password-login-setting";
import { Breadcrumbs } from "~/components/ui/breadcrumbs";
import { DataTable } from "~/components/ui/data-table";
import { adminQueries } from "~/models/admin.server";
import { db } from "~/models/db.server";
import { fieldErrorsFrom } from "~/models/domain-errors.server";
import { loginProviders } from "~/models/oidc.server";
import { parseOrganisationForm } from "~/models/organisations.server";
import { notFound, requireIdParam } from "~/utils/http.server";
import { requireAdmin } from "~/utils/session.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.organisation.name} – Administration – Samverkan` : "Organisation – Samverkan" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireAdmin(request);
  const organisation = adminQueries.getOrganisationForAdmin(db(), viewer, requireIdParam(params.organisationId));
  if (!organisation) throw notFound();
  return { organisation, organisations: adminQueries.listOrganisations(db(), viewer), providerNames: loginProviders().map((provider) => provider.name) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const viewer = await requireAdmin(request);
  const id = requireIdParam(params.organisationId);
  const form = await request.clone().formData();
  if (form.get("intent") === "password-login") {
    try {
      if (!adminQueries.setPasswordLogin(db(), viewer, id, form.get("enabled") === "true")) throw notFound();
    } catch (error) {
      if (error instanceof Response) throw error;
      return { fieldErrors: fieldErrorsFrom(error) };
    }
    return { passwordLoginSaved: true as const };
  }
  const result = await parseOrganisationForm(request, (organisation) => adminQueries.updateOrganisation(db(), viewer, id, organisation));
  if ("fieldErrors" in result) return result;
  if (!result.value) throw notFound();
  return { saved: true as const };
}

export default function EditOrganisation() {
  const { organisation, organisations, providerNames } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors: Record<string, string | undefined> = actionData && "fieldErrors" in actionData ? actionData.fieldErrors : {};
  const { passwordLogin: passwordLoginError, ...organisationErrors } = errors;
  const saved = actionData !== undefined && "saved" in actionData;
  return (
    <div className="page">
      <Breadcrumbs
        trail={[
          { to: "/admin", label: "Administration" },
          { to: "/admin/organisationer", label: "Organisationer" },
        ]}
        current={organisation.name}
      />
      <h1>{organisation.name}</h1>
      <Form method="post" className="stack" noValidate>
        <OrganisationFields values={organisation} organisations={organisations} errors={organisationErrors} />
        <div>
          <button type="submit" className="button">
            Spara ändringarna
          </button>
        </div>
        <p role="status">{saved ? "Ändringarna är sparade." : ""}</p>
      </Form>

      <PasswordLoginSetting
        enabled={organisation.passwordLogin}
        providerNames={providerNames}
        error={passwordLoginError}
        saved={actionData !== undefined && "passwordLoginSaved" in actionData}
      />

      <h2 id="personer">Personer</h2>
      {organisation.people.length === 0 ? (
        <p>Ingen person hör till organisationen ännu.</p>
      ) : (
        <DataTable labelledBy="personer">
          <thead>
            <tr>
              <th scope="col">Namn</th>
              <th scope="col">Titel</th>
              <th scope="col">E-post</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {organisation.people.map((p) => (
              <tr key={p.id}>
                <td>
                  <Link to={`/admin/personer/${p.id}`}>{p.name}</Link>
                </td>
                <td>{p.title ?? "–"}</td>
                <td>{p.email}</td>
                <td>{p.active ? "Aktiv" : <span className="badge badge--warn">Inaktiverad</span>}</td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
    </div>
  );
}
