import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { CadenceSummary } from "~/components/cadence-summary";
import { db, groupsQueries } from "~/models/db.server";
import { formatMeetingTime } from "~/utils/format";
import { roleLabels } from "~/utils/labels";
import { requireViewer } from "~/utils/session.server";

export const meta: MetaFunction = () => [{ title: "Mina grupper – Samverkan" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request);
  return { isAdmin: viewer.isAdmin, groups: groupsQueries.listGroupsForViewer(db(), viewer) };
}

export default function Home() {
  const { groups, isAdmin } = useLoaderData<typeof loader>();
  return (
    <div className="page">
      <h1>Mina grupper</h1>
      {groups.length === 0 ? (
        <p>
          Du är inte medlem i någon samverkansgrupp ännu.{" "}
          {isAdmin ? <Link to="/admin">Gå till administrationen</Link> : "Kontakta din administratör."}
        </p>
      ) : (
        <ul className="cards">
          {groups.map((g) => (
            <li key={g.groupId} className="card">
              <h2 className="card__title">
                <Link to={`/grupper/${g.groupId}`}>{g.name}</Link>
              </h2>
              <dl className="facts">
                <dt>Överenskommelse</dt>
                <dd>
                  <Link to={`/overenskommelser/${g.agreementSlug}`}>{g.agreementTitle}</Link>
                </dd>
                <dt>Min roll</dt>
                <dd>
                  {roleLabels[g.role]}
                  {g.functionName ? `, ${g.functionName}` : ""}
                </dd>
                <dt>Nästa möte</dt>
                <dd>{g.nextMeeting ? formatMeetingTime(g.nextMeeting.startsAt) : "Inget planerat"}</dd>
                <dt>Mötestakt</dt>
                <dd>
                  <CadenceSummary cadence={g.cadence} />
                </dd>
              </dl>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
