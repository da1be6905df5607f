import type { MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { ConfirmedActionForm } from "~/components/meeting/confirmed-action-form";
import { AuthorText } from "~/components/versions/author-text";
import { versionTime } from "~/components/versions/comparison";
import { PlanRows } from "~/components/versions/plan-rows";
import { ActivityTable } from "~/components/kommunikationsplan/activity-table";
import { subjectNames, subjectPath, VersionsBreadcrumbs } from "~/components/versions/subject";
import type { getSubjectVersion, VersionActionResult } from "~/models/versions.server";
import { CONFIRM_FIELD } from "~/utils/confirmation";
import { versionKindLabels } from "../../../db/domain/labels";

/** A version page's loader data (a route's loader answers 404 where the model says null). */
type VersionLoader = () => NonNullable<ReturnType<typeof getSubjectVersion>>;

export const versionMeta: MetaFunction<VersionLoader> = ({ data }) => [
  { title: data ? `${data.version.label} – ${subjectNames(data.about).title} – Samverkan` : "Version – Samverkan" },
];

/** One version of a lägesbild, åtgärdsplan or kommunikationsplan: what it is, its content (a plan's rows first), "vem skrev vad", and restore. */
export function VersionPage() {
  const { agreement, about, version, parts, rows, activities, authorship, mayEdit } = useLoaderData<VersionLoader>();
  const answer = useActionData<() => VersionActionResult>();
  const base = subjectPath(about);
  return (
    <div className="page">
      <VersionsBreadcrumbs agreement={agreement} about={about} underVersions={true} current={version.label} />
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
          consequence={`Versionens innehåll ersätter ${subjectNames(about).contents}, som en ny ändring gjord av dig. Inget försvinner ur historiken: det nuvarande innehållet finns kvar i tidigare versioner.`}
          confirmLabel="Ja, återställ versionen"
          asked={Boolean(answer && !answer.ok && answer.fieldErrors[CONFIRM_FIELD])}
        />
      ) : null}

      {rows && !authorship ? <PlanRows rows={rows} /> : null}
      {activities && !authorship ? (
        <section aria-labelledby="activities-heading">
          <h2 id="activities-heading">Aktiviteter</h2>
          {activities.length === 0 ? <p>Planen hade inga aktiviteter.</p> : <ActivityTable activities={activities} labelledBy="activities-heading" />}
        </section>
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
