import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { GroupFields, newGroupValues } from "~/components/admin/group-fields";
import { Breadcrumbs } from "~/components/ui/breadcrumbs";
import { adminQueries } from "~/models/admin.server";
import { db } from "~/models/db.server";
import { parseGroupForm } from "~/models/groups.server";
import { requireAdmin } from "~/utils/session.server";

export const meta: MetaFunction = () => [{ title: "Skapa grupp – Administration – Samverkan" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireAdmin(request);
  const agreements = adminQueries.listAgreements(db(), viewer);
  // "Ny grupp under denna överenskommelse" links here with the agreement chosen; an unknown id chooses nothing.
  const asked = Number(new URL(request.url).searchParams.get("overenskommelse"));
  const agreementId = agreements.some((a) => a.id === asked) ? asked : null;
  return { agreements, agreementId, functionNames: adminQueries.listFunctions(db(), viewer).map((f) => f.name) };
}

export async function action({ request }: ActionFunctionArgs) {
  const viewer = await requireAdmin(request);
  const result = await parseGroupForm(request, (group) => adminQueries.createGroup(db(), viewer, group));
  return "fieldErrors" in result ? result : redirect(`/grupper/${result.value}`);
}

export default function NewGroup() {
  const { agreements, agreementId, functionNames } = useLoaderData<typeof loader>();
  const errors: Record<string, string | undefined> = useActionData<typeof action>()?.fieldErrors ?? {};
  return (
    <div className="page">
      <Breadcrumbs trail={[{ to: "/admin", label: "Administration" }]} current="Skapa grupp" />
      <h1>Skapa grupp</h1>
      <Form method="post" className="stack" noValidate>
        <GroupFields agreements={agreements} functionNames={functionNames} values={{ ...newGroupValues, agreementId }} errors={errors} />
        <div>
          <button type="submit" className="button">
            Skapa grupp
          </button>
        </div>
      </Form>
    </div>
  );
}
