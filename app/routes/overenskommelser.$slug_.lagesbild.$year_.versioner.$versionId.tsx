import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { ConfirmedActionForm } from "~/components/meeting/confirmed-action-form";
import { LagesbildBreadcrumbs, lagesbildPath } from "~/components/versions/lagesbild-breadcrumbs";
import { AuthorText } from "~/components/versions/author-text";
import { versionTime } from "~/components/versions/comparison";
import { getLagesbildVersion, handleVersionAction, type VersionActionResult, lagesbildRouteParams } from "~/models/versions.server";
import { CONFIRM_FIELD } from "~/utils/confirmation";
import { notFound, requireIdParam } from "~/utils/http.server";
import { requireViewer } from "~/utils/session.server";
import { versionKindLabels } from "../../db/domain/labels";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.version.label} – Lägesbild ${data.year} – Samverkan` : "Version – Samverkan" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request);
  const { slug, year } = lagesbildRouteParams(params);
  const withAuthors = new URL(request.url).searchParams.get("forfattare") === "ja";
  const page = getLagesbildVersion(viewer, slug, year, requireIdParam(params.versionId), withAuthors);
  if (!page) throw notFound();
  return page;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const viewer = await requireViewer(request);
  const { slug, year } = lagesbildRouteParams(params);
  return data(await handleVersionAction(viewer, slug, year, requireIdParam(params.versionId), await request.formData()));
}

export default function VersionPage() {
  const { agreement, year, version, parts, authorship, mayEdit } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>() as VersionActionResult | undefined;
  const base = lagesbildPath(agreement.slug, year);
  return (
    <div className="page">
      <LagesbildBreadcrumbs agreement={agreement} year={year} underVersions={true} current={version.label} />
      <h1>{version.label}</h1>
      <dl className="facts">
        <dt>Typ</dt>
        <dd>{versionKindLabels[version.kind]}</dd>
        <dt>Sparad av</dt>
        <dd>{version.createdByName ?? "Automatiskt"}</dd>
        <dt>Sparad</dt>
        <dd>{versionTime(version.createdAt)}</dd>
        <dt>Kontrollsumma (SHA-256)</dt>
        <dd>
          <code className="break-anywhere">{version.sha256}</code>
        </dd>
      </dl>

      {answer?.ok ? (
        <p className="notice notice--ok" role="status">
          {answer.message} <Link to={`${base}/versioner`}>Till versionerna</Link>
        </p>
      ) : null}
      {answer && !answer.ok && !answer.fieldErrors[CONFIRM_FIELD] ? (
        <p className="notice notice--error" role="alert">
          {Object.values(answer.fieldErrors)[0]}
        </p>
      ) : null}

      <p>
        {authorship ? (
          <Link to="?">Visa texten utan färger</Link>
        ) : (
          <Link to="?forfattare=ja" preventScrollReset>
            Visa vem som skrev vad
          </Link>
        )}
      </p>

      {mayEdit ? (
        <ConfirmedActionForm
          intent="restore"
          label="Återställ den här versionen"
          question="Återställa den här versionen?"
          consequence="Versionens text ersätter lägesbildens nuvarande text, som en ny ändring gjord av dig. Inget försvinner ur historiken: den nuvarande texten finns kvar i tidigare versioner."
          confirmLabel="Ja, återställ versionen"
          asked={Boolean(answer && !answer.ok && answer.fieldErrors[CONFIRM_FIELD])}
        />
      ) : null}

      {authorship ? (
        <AuthorText data={authorship} />
      ) : (
        parts.map((part) => (
          <section key={part.position} aria-labelledby={`part-${part.position}`}>
            <h2 id={`part-${part.position}`}>{part.title}</h2>
            {part.paragraphs.length === 0 ? <p className="muted">Ingen text.</p> : part.paragraphs.map((line, i) => <p key={i}>{line}</p>)}
          </section>
        ))
      )}
    </div>
  );
}
