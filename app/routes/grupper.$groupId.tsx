import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { CadenceSummary } from "~/components/cadence-summary";
import { MeetingList } from "~/components/meeting-list";
import { db, groupsQueries } from "~/models/db.server";
import { formatLongDate } from "~/utils/format";
import { groupKindLabels, permanenceLabels, roleLabels } from "~/utils/labels";
import { notFound, requireIdParam } from "~/utils/http.server";
import { requireViewer } from "~/utils/session.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.group.name} – Samverkan` : "Grupp – Samverkan" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request);
  const page = groupsQueries.getGroupPage(db(), viewer, requireIdParam(params.groupId));
  // Same answer for "does not exist" and "not yours": existence is not disclosed.
  if (!page) throw notFound();
  return page;
}

export default function GroupPage() {
  const { group, members, requiredFunctions, upcomingMeetings, pastMeetings, cadence, viewerRole } =
    useLoaderData<typeof loader>();
  const missing = requiredFunctions.filter((f) => f.missing);
  return (
    <div className="page">
      <nav aria-label="Brödsmulor" className="breadcrumbs">
        <ol>
          <li>
            <Link to="/">Mina grupper</Link>
          </li>
          <li>
            <Link to={`/overenskommelser/${group.agreementSlug}`}>{group.agreementTitle}</Link>
          </li>
          <li aria-current="page">{group.name}</li>
        </ol>
      </nav>
      <h1>{group.name}</h1>
      <dl className="facts">
        <dt>Typ</dt>
        <dd>
          {groupKindLabels[group.kind]}, {group.level === "city_wide" ? "stadsövergripande" : "lokal"} nivå
          {group.kind === "arbetsgrupp"
            ? ` – ${permanenceLabels[group.permanence].toLowerCase()}${group.endsOn ? ` till ${formatLongDate(group.endsOn)}` : ""}`
            : ""}
        </dd>
        {group.focusArea ? (
          <>
            <dt>Fokusområde</dt>
            <dd>{group.focusArea}</dd>
          </>
        ) : null}
        <dt>Mötestakt</dt>
        <dd>
          <CadenceSummary cadence={cadence} />
        </dd>
        <dt>Din roll</dt>
        <dd>{viewerRole ? roleLabels[viewerRole] : "Administratör (inte medlem)"}</dd>
      </dl>

      <h2 id="funktioner">Funktioner som överenskommelsen kräver</h2>
      {requiredFunctions.length === 0 ? (
        <p>Överenskommelsen anger inga funktioner för gruppen.</p>
      ) : (
        <>
          {missing.length > 0 ? (
            <p className="notice notice--error">
              {missing.length === 1 ? "1 funktion saknas" : `${missing.length} funktioner saknas`}:{" "}
              {missing.map((f) => f.name).join(", ")}.
            </p>
          ) : (
            <p className="notice notice--ok">Alla funktioner som krävs finns i gruppen.</p>
          )}
          <table aria-labelledby="funktioner">
            <thead>
              <tr>
                <th scope="col">Funktion</th>
                <th scope="col">Innehas av</th>
              </tr>
            </thead>
            <tbody>
              {requiredFunctions.map((f) => (
                <tr key={f.functionId}>
                  <td>
                    {f.name}
                    {f.note ? <div className="muted">{f.note}</div> : null}
                  </td>
                  <td>{f.missing ? <span className="missing">Saknas</span> : f.holders.join(", ")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}

      <h2 id="medlemmar">Medlemmar</h2>
      <table aria-labelledby="medlemmar">
        <thead>
          <tr>
            <th scope="col">Namn</th>
            <th scope="col">Funktion</th>
            <th scope="col">Roll</th>
            <th scope="col">Organisation</th>
          </tr>
        </thead>
        <tbody>
          {members.map((m) => (
            <tr key={m.personId}>
              <td>
                {m.name}
                {m.active ? null : <span className="badge badge--neutral"> Inaktiverad</span>}
                <div className="muted">{m.email}</div>
              </td>
              <td>{m.functionName ?? "–"}</td>
              <td>{roleLabels[m.role]}</td>
              <td>{m.organisation ?? "–"}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2>Kommande möten</h2>
      <MeetingList meetings={upcomingMeetings} empty="Inga möten planerade." />
      <h2>Tidigare möten</h2>
      <MeetingList meetings={pastMeetings} empty="Inga tidigare möten." />
    </div>
  );
}
