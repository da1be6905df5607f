import { data, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ActivitySection } from "~/components/kommunikationsplan/activity-table";
import { LiveEditor } from "~/components/editor/live-editor";
import { Breadcrumbs } from "~/components/ui/breadcrumbs";
import { SteeringLifecyclePanel, type SteeringPanelResult } from "~/components/steering/lifecycle-panel";
import { db, kommunikationsplanQueries } from "~/models/db.server";
import { handleActivityAction } from "~/models/kommunikationsplan.server";
import { editorUser } from "~/models/live-documents.server";
import { handleSteeringAction, planPanel } from "~/models/steering.server";
import editorStylesHref from "~/styles/editor.css";
import { notFound, requireParam } from "~/utils/http.server";
import { requireViewer } from "~/utils/session.server";
import { useStickyActionData } from "~/utils/use-sticky-action-data";
import { SlugSchema } from "~/utils/validation";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: editorStylesHref }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Kommunikationsplan – ${data.agreement.area ?? data.agreement.title} – Samverkan` : "Kommunikationsplan – Samverkan" },
];

/** The page and its lifecycle panel, for a viewer who may read the agreement's plans (else 404; nothing is created for an outsider). */
function pageFor(viewer: Parameters<typeof editorUser>[0], slug: string) {
  const page = kommunikationsplanQueries.getKommunikationsplanPage(db(), viewer, slug);
  const steering = page ? planPanel(viewer, slug, "kommunikationsplan") : null;
  if (!page || !steering) throw notFound();
  return { page, steering };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request);
  const { page, steering } = pageFor(viewer, requireParam(SlugSchema, params.slug));
  return { ...page, user: editorUser(viewer), steering };
}

/** The activities' forms, and the lifecycle panel's (put up for decision, hand over). */
export async function action({ request, params }: ActionFunctionArgs) {
  const viewer = await requireViewer(request);
  const { page, steering } = pageFor(viewer, requireParam(SlugSchema, params.slug));
  const form = await request.formData();
  const lifecycle = handleSteeringAction(viewer, steering.subject, form);
  if (lifecycle) {
    if (!lifecycle.ok && lifecycle.status === 404) throw notFound();
    return lifecycle.ok ? lifecycle : { ok: false as const, fieldErrors: lifecycle.fieldErrors };
  }
  const result = handleActivityAction(viewer, page.plan.id, form);
  if (!result) return data({ ok: false as const, intent: "", target: "new", fieldErrors: { form: "Okänd åtgärd." } }, { status: 400 });
  return data(result, { status: result.ok ? 200 : result.status });
}

export default function KommunikationsplanPage() {
  const { agreement, plan, editable, activities, people, user, steering } = useLoaderData<typeof loader>();
  const result = useStickyActionData<SteeringPanelResult | { intent: string }>();
  return (
    <div className="page">
      <Breadcrumbs
        trail={[
          { to: "/", label: "Mina grupper" },
          { to: `/overenskommelser/${agreement.slug}`, label: agreement.title },
        ]}
        current="Kommunikationsplan"
      />
      <h1>Kommunikationsplan {agreement.area ?? agreement.title}</h1>
      <SteeringLifecyclePanel panel={steering} result={result} />
      <p>
        <Link to={`/overenskommelser/${agreement.slug}/kommunikationsplan/versioner`}>Versioner, jämförelser och vem som skrev vad</Link>
      </p>
      <p className="lead">
        Hur parterna kommunicerar internt och externt om samverkan: vad, till vem, i vilken kanal, när och vem som ansvarar. Planen skrivs tillsammans;
        styrgruppen beslutar om den.
      </p>
      {editable ? null : <p className="notice">Du kan läsa kommunikationsplanen men inte ändra den.</p>}
      <section aria-labelledby="plantext-rubrik">
        <h2 id="plantext-rubrik">Planens text</h2>
        <LiveEditor
          documentName={plan.documentName}
          label="Kommunikationsplanens text"
          editable={editable}
          user={user}
          placeholder="Syfte, målgrupper, budskap och hur parterna samordnar sin kommunikation. Aktiviteterna förs in i tabellen nedan."
        />
      </section>
      <ActivitySection activities={activities} editable={editable} people={people} />
    </div>
  );
}
