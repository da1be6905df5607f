import { data, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, type ShouldRevalidateFunction } from "@remix-run/react";
import { PlacesTable } from "~/components/lagesbild/places-table";
import { SectionCard, sectionAnchor } from "~/components/lagesbild/section-card";
import { SourcesTable } from "~/components/lagesbild/sources-table";
import { commentsStylesHref } from "~/components/comments/comments-panel";
import { Breadcrumbs } from "~/components/ui/breadcrumbs";
import { agreementsQueries, db, lagesbildQueries } from "~/models/db.server";
import { handleLagesbildAction } from "~/models/lagesbild.server";
import { editorUser } from "~/models/live-documents.server";
import editorStylesHref from "~/styles/editor.css";
import { notFound, requireParam } from "~/utils/http.server";
import { LagesbildYearSchema } from "~/utils/lagesbild-validation";
import { useLiveRevalidation } from "~/utils/use-live-revalidation";
import { requireViewer } from "~/utils/session.server";
import { SlugSchema } from "~/utils/validation";
import { SteeringLifecyclePanel, type SteeringPanelResult } from "~/components/steering/lifecycle-panel";
import { handleSteeringAction, lagesbildPanel } from "~/models/steering.server";
import { useStickyActionData } from "~/utils/use-sticky-action-data";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: editorStylesHref },
  { rel: "stylesheet", href: commentsStylesHref },
];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Lägesbild ${data.picture.year} – ${data.agreement.area ?? data.agreement.title} – Samverkan` : "Lägesbild – Samverkan" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request);
  const slug = requireParam(SlugSchema, params.slug);
  const year = requireParam(LagesbildYearSchema, params.year);
  const page = lagesbildQueries.getLagesbildPage(db(), viewer, slug, year);
  const steering = page ? lagesbildPanel(viewer, slug, year) : null;
  if (!page || !steering) throw notFound();
  return { ...page, user: editorUser(viewer), steering };
}

/** The sections' and tables' forms, and the lifecycle panel's (put up for decision, hand over). */
export async function action({ request, params }: ActionFunctionArgs) {
  const viewer = await requireViewer(request);
  const slug = requireParam(SlugSchema, params.slug);
  const year = requireParam(LagesbildYearSchema, params.year);
  const form = await request.formData();
  const panel = agreementsQueries.getAgreementPage(db(), viewer, slug) ? lagesbildPanel(viewer, slug, year) : null;
  if (!panel) throw notFound();
  const steering = handleSteeringAction(viewer, panel.subject, form);
  if (steering) {
    if (!steering.ok && steering.status === 404) throw notFound();
    return steering.ok ? steering : { ok: false as const, fieldErrors: steering.fieldErrors };
  }
  const result = handleLagesbildAction(viewer, slug, year, form);
  return data(result, { status: result.ok ? 200 : result.status });
}

/** A 404 means something on the page is gone (or no longer the viewer's): reload the page's data too. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ actionStatus, defaultShouldRevalidate }) => actionStatus === 404 || defaultShouldRevalidate;

/** Done: marked klar, or a priority area marked ej aktuellt (its reason is its content). */
const isDone = (s: { status: string; notApplicableReason: string | null }) => s.status === "klar" || s.notApplicableReason !== null;

export default function LagesbildPage() {
  const { agreement, picture, editable, sections, sources, places, priorityAreas, user, steering } = useLoaderData<typeof loader>();
  useLiveRevalidation(`/overenskommelser/${agreement.slug}/lagesbild/${picture.year}/handelser`);
  const done = sections.filter(isDone).length;
  const result = useStickyActionData<SteeringPanelResult>();
  return (
    <div className="page lagesbild">
      <Breadcrumbs
        trail={[
          { to: "/", label: "Mina grupper" },
          { to: `/overenskommelser/${agreement.slug}`, label: agreement.title },
        ]}
        current={`Lägesbild ${picture.year}`}
      />
      <h1>Gemensam lokal lägesbild {picture.year}</h1>
      {/* The lifecycle (för beslut, fastställd, överlämnad) right under the heading. */}
      <SteeringLifecyclePanel panel={steering} result={result} />
      <p>
        <Link to={`/overenskommelser/${agreement.slug}/lagesbild/${picture.year}/versioner`}>Versioner, jämförelser och vem som skrev vad</Link>
      </p>
      <p className="lead">
        Stadens och polisens gemensamma bild av brottslighet och otrygghet i {agreement.area ?? "området"}. En uppdaterad lägesbild ska beslutas av styrgruppen
        för att gälla.
      </p>
      <dl className="facts">
        <dt id="lagesbild-progress-label">Avsnitt klara</dt>
        <dd>
          <progress value={done} max={sections.length} aria-labelledby="lagesbild-progress-label" aria-describedby="lagesbild-progress-text" />{" "}
          <span id="lagesbild-progress-text" data-lagesbild-progress="">
            {done} av {sections.length} avsnitt klara
          </span>
        </dd>
      </dl>
      {editable ? null : <p className="notice">Du kan läsa lägesbilden men inte ändra den.</p>}

      <nav aria-labelledby="innehall-rubrik" className="lagesbild-toc">
        <h2 id="innehall-rubrik">Innehåll</h2>
        <ol>
          {sections.map((s) => (
            <li key={s.id}>
              <a href={`#${sectionAnchor(s.key)}`}>{s.title}</a>
            </li>
          ))}
          <li>
            <a href="#underlag">Underlag och källor (tabell)</a>
          </li>
          <li>
            <a href="#platser">Platser</a>
          </li>
        </ol>
      </nav>

      <h2>Avsnitt</h2>
      {sections.map((section) => (
        <SectionCard key={section.id} section={section} editable={editable} user={user} />
      ))}

      <SourcesTable sources={sources} editable={editable} />
      <PlacesTable places={places} priorityAreas={priorityAreas} editable={editable} />
    </div>
  );
}
