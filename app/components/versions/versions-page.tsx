import type { MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ActionForm } from "~/components/meeting/action-form";
import { DataTable } from "~/components/ui/data-table";
import { SelectField } from "~/components/ui/select-field";
import { TextField } from "~/components/ui/text-field";
import { Comparison, versionTime } from "~/components/versions/comparison";
import { subjectNames, subjectPath, VersionsBreadcrumbs } from "~/components/versions/subject";
import type { getVersionsPage, VersionActionResult } from "~/models/versions.server";
import { versionKindLabels } from "../../../db/domain/labels";

/** The versions page's loader data (a route's loader answers 404 where the model says null). */
type VersionsLoader = () => NonNullable<ReturnType<typeof getVersionsPage>>;

export const versionsMeta: MetaFunction<VersionsLoader> = ({ data }) => [
  { title: data ? `Versioner av ${subjectNames(data.about).of} – ${data.agreement.area ?? data.agreement.title} – Samverkan` : "Versioner – Samverkan" },
];

/**
 * The versions of a lägesbild or åtgärdsplan: save a named version, the list, and two chosen
 * versions compared side by side (a plan's rows added, removed and changed among the fields).
 */
export function VersionsPage() {
  const { agreement, about, versions, mayEdit, comparison, chosen } = useLoaderData<VersionsLoader>();
  const answer = useActionData<() => VersionActionResult>();
  const base = subjectPath(about);
  const names = subjectNames(about);
  const defaultA = chosen.a ?? versions[1]?.id ?? versions[0]?.id;
  const defaultB = chosen.b ?? versions[0]?.id;
  return (
    <div className="page">
      <VersionsBreadcrumbs agreement={agreement} about={about} underVersions={false} current="Versioner" />
      <h1>Versioner av {names.of}</h1>
      <p className="lead">
        En version är en fryst kopia av {names.whole}. Namngivna versioner sparas av den som skriver; en automatisk version sparas varje dag då texten har
        ändrats. <Link to={`${base}/versioner/nuvarande`}>Vem skrev vad i nuvarande text</Link>
      </p>

      {answer?.ok ? (
        <p className="notice notice--ok" role="status">
          {answer.message}
        </p>
      ) : null}

      {mayEdit ? (
        <section aria-labelledby="save-heading">
          <h2 id="save-heading">Spara version</h2>
          <ActionForm intent="save-version" clearOnSuccess className="versions-form">
            {(busy) => (
              <>
                <TextField
                  label="Namn på versionen"
                  name="label"
                  required
                  maxLength={120}
                  hint="Till exempel ”Inför styrgruppen i mars”. Högst 120 tecken."
                  error={answer && !answer.ok ? (answer.fieldErrors.label ?? answer.fieldErrors.form) : undefined}
                />
                <button type="submit" className="button" disabled={busy}>
                  {busy ? "Sparar …" : "Spara version"}
                </button>
              </>
            )}
          </ActionForm>
        </section>
      ) : null}

      <section aria-labelledby="list-heading">
        <h2 id="list-heading">Sparade versioner</h2>
        {versions.length === 0 ? (
          <p>Inga versioner är sparade ännu.</p>
        ) : (
          <DataTable labelledBy="list-heading">
            <thead>
              <tr>
                <th scope="col">Namn</th>
                <th scope="col">Typ</th>
                <th scope="col">Sparad av</th>
                <th scope="col">Sparad</th>
                <th scope="col">Kontrollsumma (SHA-256)</th>
              </tr>
            </thead>
            <tbody>
              {versions.map((v) => (
                <tr key={v.id}>
                  <td>
                    <Link to={`${base}/versioner/${v.id}`}>{v.label}</Link>
                  </td>
                  <td>{versionKindLabels[v.kind]}</td>
                  <td>{v.createdByName ?? "Automatiskt"}</td>
                  <td>{versionTime(v.createdAt)}</td>
                  <td>
                    <code title={v.sha256}>{v.sha256.slice(0, 12)}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </DataTable>
        )}
      </section>

      {versions.length > 1 ? (
        <section aria-labelledby="compare-heading">
          <h2 id="compare-heading">Jämför två versioner</h2>
          <Form method="get" className="versions-form" preventScrollReset>
            <SelectField label="Äldre version" name="a" defaultValue={defaultA}>
              <VersionOptions versions={versions} />
            </SelectField>
            <SelectField label="Nyare version" name="b" defaultValue={defaultB}>
              <VersionOptions versions={versions} />
            </SelectField>
            <button type="submit" className="button">
              Jämför
            </button>
          </Form>
        </section>
      ) : null}

      {comparison ? <Comparison data={comparison} fieldsHeading={names.fieldsHeading} noFields={names.noFields} /> : null}
    </div>
  );
}

function VersionOptions({ versions }: { versions: { id: number; label: string; createdAt: string }[] }) {
  return versions.map((v) => (
    <option key={v.id} value={v.id}>
      {v.label} ({versionTime(v.createdAt)})
    </option>
  ));
}
