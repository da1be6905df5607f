import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Breadcrumbs } from "~/components/ui/breadcrumbs";
import { DataTable } from "~/components/ui/data-table";
import { adminQueries } from "~/models/admin.server";
import { db } from "~/models/db.server";
import { formatIsoDate } from "~/utils/format";
import { requireAdmin } from "~/utils/session.server";
import { scopeLabels } from "../../db/domain/labels";

export const meta: MetaFunction = () => [{ title: "Överenskommelser – Administration – Samverkan" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireAdmin(request);
  return { agreements: adminQueries.listAgreementsForAdmin(db(), viewer) };
}

export default function AdminAgreements() {
  const { agreements } = useLoaderData<typeof loader>();
  return (
    <div className="page">
      <Breadcrumbs trail={[{ to: "/admin", label: "Administration" }]} current="Överenskommelser" />
      <h1 id="overenskommelser">Överenskommelser</h1>
      <p>Samverkansöverenskommelserna med parter, undertecknare, bilagor och revideringar. Lägg in den stadsövergripande först; de lokala utgår från den.</p>
      <p>
        <Link to="/admin/overenskommelser/ny" className="button button--secondary">
          Lägg in överenskommelse
        </Link>
      </p>
      {agreements.length === 0 ? (
        <p>Det finns inga överenskommelser ännu.</p>
      ) : (
        <DataTable labelledBy="overenskommelser">
          <thead>
            <tr>
              <th scope="col">Överenskommelse</th>
              <th scope="col">Typ</th>
              <th scope="col">Gäller</th>
              <th scope="col">Version</th>
              <th scope="col">Senast reviderad</th>
              <th scope="col">Parter</th>
            </tr>
          </thead>
          <tbody>
            {agreements.map((a) => (
              <tr key={a.id}>
                <td>
                  <Link to={`/admin/overenskommelser/${a.id}`}>{a.title}</Link>
                  {a.parentTitle ? <div className="muted">Utgår från {a.parentTitle}</div> : null}
                  {a.revisionDue ? <span className="badge badge--warn">Ska revideras</span> : null}
                </td>
                <td>
                  {scopeLabels[a.scope]}
                  {a.area ? `, ${a.area}` : ""}
                </td>
                <td className="nowrap">
                  {formatIsoDate(a.startsOn)} – {a.endsOn ? formatIsoDate(a.endsOn) : "tills vidare"}
                </td>
                <td>{a.version}</td>
                <td className="nowrap">{a.lastRevisedOn ? formatIsoDate(a.lastRevisedOn) : "–"}</td>
                <td>{a.parties}</td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
    </div>
  );
}
