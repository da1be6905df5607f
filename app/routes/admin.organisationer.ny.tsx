import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { newOrganisationValues, OrganisationFields } from "~/components/admin/organisation-fields";
import { Breadcrumbs } from "~/components/ui/breadcrumbs";
import { adminQueries } from "~/models/admin.server";
import { db } from "~/models/db.server";
import { parseOrganisationForm } from "~/models/organisations.server";
import { requireAdmin } from "~/utils/session.server";

export const meta: MetaFunction = () => [{ title: "Lägg till organisation – Administration – Samverkan" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireAdmin(request);
  return { organisations: adminQueries.listOrganisations(db(), viewer) };
}

export async function action({ request }: ActionFunctionArgs) {
  const viewer = await requireAdmin(request);
  const result = await parseOrganisationForm(request, (organisation) => adminQueries.createOrganisation(db(), viewer, organisation));
  return "fieldErrors" in result ? result : redirect(`/admin/organisationer/${result.value}`);
}

export default function NewOrganisation() {
  const { organisations } = useLoaderData<typeof loader>();
  const errors: Record<string, string | undefined> = useActionData<typeof action>()?.fieldErrors ?? {};
  return (
    <div className="page">
      <Breadcrumbs
        trail={[
          { to: "/admin", label: "Administration" },
          { to: "/admin/organisationer", label: "Organisationer" },
        ]}
        current="Lägg till organisation"
      />
      <h1>Lägg till organisation</h1>
      <Form method="post" className="stack" noValidate>
        <OrganisationFields values={newOrganisationValues} organisations={organisations} errors={errors} />
        <div>
          <button type="submit" className="button">
            Lägg till organisation
          </button>
        </div>
      </Form>
    </div>
  );
}
