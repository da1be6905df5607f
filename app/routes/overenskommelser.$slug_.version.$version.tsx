import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Breadcrumbs } from "~/components/ui/breadcrumbs";
import { DataTable } from "~/components/ui/data-table";
import { agreementsQueries, db } from "~/models/db.server";
import { formatIsoDate, formatLongDate } from "~/utils/format";
import { notFound, requireIdParam, requireParam } from "~/utils/http.server";
import { requireViewer } from "~/utils/session.server";
import { SlugSchema } from "~/utils/validation";
import { attachmentKindLabels, revisionRuleLabels, scopeLabels } from "../../db/domain/labels";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.snapshot.agreement.title}, version ${data.version} – Samverkan` : "Överenskommelse – Samverkan" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request);
  const page = agreementsQueries.getAgreementVersionPage(db(), viewer, requireParam(SlugSchema, params.slug), requireIdParam(params.version));
  if (!page) throw notFound();
  return page;
}

/** An earlier version of an agreement, read-only: what it said until a revision replaced it. */
export default function AgreementVersionPage() {
  const { agreement, version, reason, replacedAt, snapshot } = useLoaderData<typeof loader>();
  const a = snapshot.agreement;
  return (
    <div className="page">
      <Breadcrumbs
        trail={[
          { to: "/", label: "Mina grupper" },
          { to: `/overenskommelser/${agreement.slug}`, label: agreement.title },
        ]}
        current={`Version ${version}`}
      />
      <h1>
        {a.title}, version {version}
      </h1>
      <p className="notice" role="note">
        Detta är en tidigare version. Den ersattes {formatLongDate(replacedAt)} av en revidering: {reason}{" "}
        <Link to={`/overenskommelser/${agreement.slug}`}>Den gällande överenskommelsen (version {agreement.version})</Link>
      </p>
      <dl className="facts">
        <dt>Typ</dt>
        <dd>
          {scopeLabels[a.scope]} samverkansöverenskommelse{a.area ? `, ${a.area}` : ""}
        </dd>
        {a.parentTitle ? (
          <>
            <dt>Utgår från</dt>
            <dd>{a.parentTitle}</dd>
          </>
        ) : null}
        <dt>Gäller</dt>
        <dd>
          från och med {formatLongDate(a.startsOn)} {a.endsOn ? `till ${formatLongDate(a.endsOn)}` : "tills vidare"}
        </dd>
        <dt>Revidering</dt>
        <dd>
          {revisionRuleLabels[a.revisionRule]}
          <div className="muted">”{a.revisionText}”</div>
          {a.lastRevisedOn ? <div>Senast reviderad {formatIsoDate(a.lastRevisedOn)}</div> : null}
        </dd>
        {a.copies ? (
          <>
            <dt>Exemplar</dt>
            <dd>Upprättad i {a.copies} likalydande exemplar</dd>
          </>
        ) : null}
      </dl>

      <h2 id="parter">Parter</h2>
      {snapshot.parties.length === 0 ? (
        <p>Inga parter angivna.</p>
      ) : (
        <DataTable labelledBy="parter">
          <thead>
            <tr>
              <th scope="col">Part</th>
              <th scope="col">Benämning</th>
              <th scope="col">Diarienummer</th>
            </tr>
          </thead>
          <tbody>
            {snapshot.parties.map((p) => (
              <tr key={p.organisation}>
                <td>
                  {p.organisation}
                  {p.note ? <div className="muted">{p.note}</div> : null}
                </td>
                <td>”{p.shortName}”</td>
                <td>{p.diarienummer ?? "–"}</td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}

      <h2>Bilagor</h2>
      {snapshot.attachments.length === 0 ? (
        <p>Inga bilagor.</p>
      ) : (
        <ul>
          {snapshot.attachments.map((b, i) => (
            <li key={i}>
              {b.label ? `Bilaga ${b.label}: ` : ""}
              {b.title} <span className="muted">({attachmentKindLabels[b.kind].toLowerCase()})</span>
              {b.datedOn ? <span className="muted"> daterad {formatIsoDate(b.datedOn)}</span> : null}
            </li>
          ))}
        </ul>
      )}

      {snapshot.priorityAreas.length > 0 ? (
        <>
          <h2>Prioriterade samverkansområden</h2>
          <ol>
            {snapshot.priorityAreas.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ol>
        </>
      ) : null}

      <h2>Undertecknare</h2>
      {snapshot.signatories.length === 0 ? (
        <p>Inga undertecknare angivna.</p>
      ) : (
        <ul>
          {snapshot.signatories.map((s, i) => (
            <li key={i}>
              {s.name}, {s.title}
              {s.organisation ? `, ${s.organisation}` : ""}
              {s.signedOn ? ` – undertecknad ${formatLongDate(s.signedOn)}` : ""}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
