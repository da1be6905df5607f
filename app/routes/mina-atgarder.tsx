import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { actionRowStatusLabels } from "../../db/domain/labels";
import { RagBadge, ReportForm } from "~/components/plan/row-follow-up";
import { handleRowReport } from "~/models/action-plans.server";
import { actionPlansQueries, db } from "~/models/db.server";
import planStylesHref from "~/styles/plan.css";
import { formatIsoDate } from "~/utils/format";
import { requireViewer } from "~/utils/session.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: planStylesHref }];

export const meta: MetaFunction = () => [{ title: "Mina åtgärder – Samverkan" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request);
  return { rows: actionPlansQueries.listMyActionRows(db(), viewer) };
}

export async function action({ request }: ActionFunctionArgs) {
  return handleRowReport(await requireViewer(request), request);
}

type Answer = { ok: true; rowId: number } | { ok: false; rowId?: number; fieldErrors: Record<string, string> } | undefined;

/** The åtgärder the viewer is responsible for, across their agreements, each with a one-step report. */
export default function MyActionRows() {
  const { rows } = useLoaderData<typeof loader>();
  const answer = useActionData() as Answer;
  return (
    <div className="page">
      <h1>Mina åtgärder</h1>
      <p className="lead">Åtgärder i åtgärdsplaner där du är ansvarig person. Rapportera status, hur det går med målet och en kommentar i ett steg.</p>
      {answer && !answer.ok ? (
        <p className="notice notice--error" role="alert">
          {Object.values(answer.fieldErrors)[0]}
        </p>
      ) : null}
      {answer?.ok ? (
        <p className="notice notice--ok" role="status">
          Uppföljningen är rapporterad.
        </p>
      ) : null}
      {rows.length === 0 ? (
        <p>Du är inte ansvarig för någon åtgärd.</p>
      ) : (
        <ul className="plan-rows">
          {rows.map(({ row, title, latest, agreementSlug, agreementTitle, agreementArea }) => (
            <li key={row.id} className="plan-row" data-my-row={row.uid}>
              <h2 className="plan-row__title">{title}</h2>
              <p>
                <Link to={`/overenskommelser/${agreementSlug}/atgardsplan`}>Åtgärdsplan {agreementArea ?? agreementTitle}</Link>
                {row.goal ? <> · Mål: {row.goal}</> : null}
                {row.endsOn ? <> · Klar senast {row.endsOn}</> : null}
              </p>
              <p data-latest-report="">
                {latest ? (
                  <>
                    Senast rapporterat {formatIsoDate(latest.reportedAt)}: {actionRowStatusLabels[latest.status]}
                    {latest.rag ? <RagBadge rag={latest.rag} /> : null}
                  </>
                ) : (
                  "Inte rapporterad än."
                )}
              </p>
              <ReportForm fields={{ rowId: row.id }} title={title} latest={latest} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
