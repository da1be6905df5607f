import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { GroupFields } from "~/components/admin/group-fields";
import { Breadcrumbs } from "~/components/ui/breadcrumbs";
import { adminQueries } from "~/models/admin.server";
import { db } from "~/models/db.server";
import { parseGroupForm } from "~/models/groups.server";
import { notFound, requireIdParam } from "~/utils/http.server";
import { requireAdmin } from "~/utils/session.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Ändra ${data.group.name} – Administration – Samverkan` : "Grupp – Samverkan" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireAdmin(request);
  const group = adminQueries.getGroupForAdmin(db(), viewer, requireIdParam(params.groupId));
  if (!group) throw notFound();
  return { group, agreements: adminQueries.listAgreements(db(), viewer), functionNames: adminQueries.listFunctions(db(), viewer).map((f) => f.name) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const viewer = await requireAdmin(request);
  const groupId = requireIdParam(params.groupId);
  const result = await parseGroupForm(request, (group) => adminQueries.updateGroup(db(), viewer, groupId, group));
  if ("fieldErrors" in result) return result;
  if (!result.value) throw notFound();
  return redirect(`/grupper/${groupId}`);
}

export default function EditGroup() {
  const { group, agreements, functionNames } = useLoaderData<typeof loader>();
  const errors: Record<string, string | undefined> = useActionData<typeof action>()?.fieldErrors ?? {};
  return (
    <div className="page">
      <Breadcrumbs trail={[{ to: "/admin", label: "Administration" }]} current={`Ändra ${group.name}`} />
      <h1>Ändra {group.name}</h1>
      <Form method="post" className="stack" noValidate>
        <GroupFields agreements={agreements} functionNames={functionNames} values={group} errors={errors} />
        <div>
          <button type="submit" className="button">
            Spara ändringarna
          </button>
        </div>
      </Form>
    </div>
  );
}
