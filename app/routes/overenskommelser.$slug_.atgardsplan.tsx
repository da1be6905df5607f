import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { steeringDocumentStatusLabels } from "../../db/domain/labels";
import { PlanEditor } from "~/components/plan/plan-editor";
import { Breadcrumbs } from "~/components/ui/breadcrumbs";
import { handleRowReport } from "~/models/action-plans.server";
import { actionPlansQueries, db } from "~/models/db.server";
import { editorUser } from "~/models/live-documents.server";
import editorStylesHref from "~/styles/editor.css";
import planStylesHref from "~/styles/plan.css";
import { notFound, requireParam } from "~/utils/http.server";
import { requireViewer } from "~/utils/session.server";
import { SlugSchema } from "~/utils/validation";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: editorStylesHref },
  { rel: "stylesheet", href: planStylesHref },
];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Åtgärdsplan – ${data.agreement.area ?? data.agreement.title} – Samverkan` : "Åtgärdsplan – Samverkan" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request);
  const slug = requireParam(SlugSchema, params.slug);
  const page = actionPlansQueries.getActionPlanPage(db(), viewer, slug);
  if (!page) throw notFound();
  return { ...page, user: editorUser(viewer), viewerId: viewer.id };
}

export async function action({ request }: ActionFunctionArgs) {
  return handleRowReport(await requireViewer(request), request);
}

export default function ActionPlanPage() {
  const { agreement, plan, editable, choices, rowsByUid, decided, user, viewerId } = useLoaderData<typeof loader>();
  return (
    <div className="page">
      <Breadcrumbs
        trail={[
          { to: "/", label: "Mina grupper" },
          { to: `/overenskommelser/${agreement.slug}`, label: agreement.title },
        ]}
        current="Åtgärdsplan"
      />
      <h1>Åtgärdsplan {agreement.area ?? agreement.title}</h1>
      {/* lifecycle panel (H4) */}
      <p className="lead">
        Problem och orsak, åtgärd, operativt mål och indikator, tid, ansvar och uppföljning. Planen skrivs tillsammans i realtid; styrgruppen beslutar om den.
        Status: {steeringDocumentStatusLabels[plan.status]}.
      </p>
      <p>
        <a href={`/overenskommelser/${agreement.slug}/atgardsplan.csv`} download>
          Ladda ner åtgärdsplanen (CSV)
        </a>{" "}
        · <Link to="/mina-atgarder">Mina åtgärder</Link>
      </p>
      {editable ? null : <p className="notice">Du kan läsa åtgärdsplanen men inte ändra den.</p>}
      <PlanEditor
        documentName={plan.documentName}
        planId={plan.id}
        editable={editable}
        user={user}
        viewerId={viewerId}
        choices={choices}
        decided={decided}
        rowsByUid={rowsByUid}
      />
    </div>
  );
}
