import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Breadcrumbs } from "~/components/ui/breadcrumbs";
import { z } from "zod";
import { LiveEditor } from "~/components/editor/live-editor";
import { agreementsQueries, db } from "~/models/db.server";
import { editorFor, editorUser } from "~/models/live-documents.server";
import editorStylesHref from "~/styles/editor.css";
import { notFound, requireParam } from "~/utils/http.server";
import { requireViewer } from "~/utils/session.server";
import { SlugSchema } from "~/utils/validation";
import { SteeringLifecyclePanel, type SteeringPanelResult } from "~/components/steering/lifecycle-panel";
import { handleSteeringAction, lagesbildPanel } from "~/models/steering.server";
import { useStickyActionData } from "~/utils/use-sticky-action-data";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: editorStylesHref }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Lägesbild ${data.year} – ${data.agreement.area ?? data.agreement.title} – Samverkan` : "Lägesbild – Samverkan" },
];

const YearSchema = z.coerce.number().int().min(2000).max(2100);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request);
  const slug = requireParam(SlugSchema, params.slug);
  const year = requireParam(YearSchema, params.year);
  const page = agreementsQueries.getAgreementPage(db(), viewer, slug);
  const editor = editorFor(viewer, { kind: "lagesbild", agreementSlug: slug, year });
  if (!page || !editor) throw notFound();
  const steering = lagesbildPanel(viewer, slug, year);
  if (!steering) throw notFound();
  return { agreement: { slug, title: page.agreement.title, area: page.agreement.area }, year, editor, user: editorUser(viewer), steering };
}

/** The lifecycle panel's forms: put the lägesbild up for decision, hand it over. */
export async function action({ request, params }: ActionFunctionArgs) {
  const viewer = await requireViewer(request);
  const slug = requireParam(SlugSchema, params.slug);
  const year = requireParam(YearSchema, params.year);
  const panel = agreementsQueries.getAgreementPage(db(), viewer, slug) ? lagesbildPanel(viewer, slug, year) : null;
  if (!panel) throw notFound();
  const result = handleSteeringAction(viewer, panel.subject, await request.formData());
  if (!result) return { ok: false as const, fieldErrors: { form: "Okänd åtgärd." } };
  if (!result.ok && result.status === 404) throw notFound();
  return result.ok ? result : { ok: false as const, fieldErrors: result.fieldErrors };
}

export default function LagesbildPage() {
  const { agreement, year, editor, user, steering } = useLoaderData<typeof loader>();
  const result = useStickyActionData<SteeringPanelResult>();
  return (
    <div className="page">
      <Breadcrumbs
        trail={[
          { to: "/", label: "Mina grupper" },
          { to: `/overenskommelser/${agreement.slug}`, label: agreement.title },
        ]}
        current={`Lägesbild ${year}`}
      />
      <h1>Gemensam lokal lägesbild {year}</h1>
      {/* H4: the lifecycle (för beslut, fastställd, överlämnad) right under the heading. */}
      <SteeringLifecyclePanel panel={steering} result={result} />
      <p className="lead">
        Stadens och polisens gemensamma bild av brottslighet och otrygghet. En uppdaterad lägesbild ska beslutas av styrgruppen för att gälla.
      </p>
      {editor.editable ? null : <p className="notice">Du kan läsa lägesbilden men inte ändra den.</p>}
      <LiveEditor documentName={editor.documentName} label={`Lägesbild ${year}`} editable={editor.editable} user={user} />
    </div>
  );
}
