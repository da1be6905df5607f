import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Breadcrumbs } from "~/components/ui/breadcrumbs";
import { DataTable } from "~/components/ui/data-table";
import { adminQueries } from "~/models/admin.server";
import { db } from "~/models/db.server";
import { requireAdmin } from "~/utils/session.server";
import { organisationKindLabels } from "../../db/domain/labels";

export const meta: MetaFunction = () => [{ title: "Organisationer – Administration – Samverkan" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireAdmin(request);
  return { organisations: adminQueries.listOrganisationsForAdmin(db(), viewer) };
}

export default function Organisations() {
  const { organisations } = useLoaderData<typeof loader>();
  return (
    <div className="page">
      <Breadcrumbs trail={[{ to: "/admin", label: "Administration" }]} current="Organisationer" />
      <h1 id="organisationer">Organisationer</h1>
      <p>Parterna i överenskommelserna och de förvaltningar, polisområden och bolag som personerna hör till.</p>
      <p>
        <Link to="/admin/organisationer/ny" className="button button--secondary">
          Lägg till organisation
        </Link>
      </p>
      {organisations.length === 0 ? (
        <p>Inga organisationer ännu.</p>
      ) : (
        <DataTable labelledBy="organisationer">
          <thead>
            <tr>
              <th scope="col">Namn</th>
              <th scope="col">Typ</th>
              <th scope="col">Org.nr</th>
              <th scope="col">Överordnad</th>
              <th scope="col">Personer</th>
            </tr>
          </thead>
          <tbody>
            {organisations.map((o) => (
              <tr key={o.id}>
                <td>
                  <Link to={`/admin/organisationer/${o.id}`}>{o.name}</Link>
                </td>
                <td>{organisationKindLabels[o.kind]}</td>
                <td className="nowrap">{o.orgNr ?? "–"}</td>
                <td>{o.parentName ?? "–"}</td>
                <td>{o.peopleCount}</td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
    </div>
  );
}
