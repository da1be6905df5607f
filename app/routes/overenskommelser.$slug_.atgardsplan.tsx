import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { PlanEditor } from "~/components/plan/plan-editor";
import { Breadcrumbs } from "~/components/ui/breadcrumbs";
import { SteeringLifecyclePanel, type SteeringPanelResult } from "~/components/steering/lifecycle-panel";
import { handleRowReport } from "~/models/action-plans.server";
import { handleSteeringAction, planPanel } from "~/models/steering.server";
import { useStickyActionData } from "~/utils/use-sticky-action-data";
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
  const steering = page ? planPanel(viewer, slug) : null;
  if (!page || !steering) throw notFound();
  return { ...page, user: editorUser(viewer), viewerId: viewer.id, steering };
}

/** A row's follow-up report, and the lifecycle panel's forms (put up for decision, hand over). */
export async function action({ request, params }: ActionFunctionArgs) {
  const viewer = await requireViewer(request);
  const form = await request.clone().formData();
  const intent = String(form.get("intent") ?? "");
  if (intent !== "put-up" && intent !== "hand-over") return handleRowReport(viewer, request);
  const slug = requireParam(SlugSchema, params.slug);
  const panel = actionPlansQueries.getActionPlanPage(db(), viewer, slug) ? planPanel(viewer, slug) : null;
  if (!panel) throw notFound();
  const result = handleSteeringAction(viewer, panel.subject, form)!;
  if (!result.ok && result.status === 404) throw notFound();
  return result.ok ? result : { ok: false as const, fieldErrors: result.fieldErrors };
}

export default function ActionPlanPage() {
  const { agreement, plan, editable, choices, rowsByUid, decided, user, viewerId, steering } = useLoaderData<typeof loader>();
  const result = useStickyActionData<SteeringPanelResult>();
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
      <SteeringLifecyclePanel panel={steering} result={result} />
      <p>
        <Link to={`/overenskommelser/${agreement.slug}/atgardsplan/versioner`}>Versioner, jämförelser och vem som skrev vad</Link>
      </p>
      <p className="lead">
        Problem och orsak, åtgärd, operativt mål och indikator, tid, ansvar och uppföljning. Planen skrivs tillsammans i realtid; styrgruppen beslutar om den.
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
