import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ActionForm } from "~/components/meeting/action-form";
import { LagesbildBreadcrumbs, lagesbildPath } from "~/components/versions/lagesbild-breadcrumbs";
import { DataTable } from "~/components/ui/data-table";
import { SelectField } from "~/components/ui/select-field";
import { TextField } from "~/components/ui/text-field";
import { Comparison, versionTime } from "~/components/versions/comparison";
import { getLagesbildVersionsPage, handleVersionsAction, type VersionActionResult, lagesbildRouteParams } from "~/models/versions.server";
import { notFound } from "~/utils/http.server";
import { requireViewer } from "~/utils/session.server";
import { versionKindLabels } from "../../db/domain/labels";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Versioner av lägesbild ${data.year} – ${data.agreement.area ?? data.agreement.title} – Samverkan` : "Versioner – Samverkan" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request);
  const { slug, year } = lagesbildRouteParams(params);
  const page = getLagesbildVersionsPage(viewer, slug, year, new URL(request.url).searchParams);
  if (!page) throw notFound();
  return page;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const viewer = await requireViewer(request);
  const { slug, year } = lagesbildRouteParams(params);
  const result = handleVersionsAction(viewer, slug, year, await request.formData());
  return data(result);
}

export default function VersionsPage() {
  const { agreement, year, versions, mayEdit, comparison, chosen } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>() as VersionActionResult | undefined;
  const base = lagesbildPath(agreement.slug, year);
  const defaultA = chosen.a ?? versions[1]?.id ?? versions[0]?.id;
  const defaultB = chosen.b ?? versions[0]?.id;
  return (
    <div className="page">
      <LagesbildBreadcrumbs agreement={agreement} year={year} underVersions={false} current="Versioner" />
      <h1>Versioner av lägesbild {year}</h1>
      <p className="lead">
        En version är en fryst kopia av hela lägesbilden. Namngivna versioner sparas av den som skriver; en automatisk version sparas varje dag då texten har
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
              {versions.map((v) => (
                <option key={v.id} value={v.id}>
                  {v.label} ({versionTime(v.createdAt)})
                </option>
              ))}
            </SelectField>
            <SelectField label="Nyare version" name="b" defaultValue={defaultB}>
              {versions.map((v) => (
                <option key={v.id} value={v.id}>
                  {v.label} ({versionTime(v.createdAt)})
                </option>
              ))}
            </SelectField>
            <button type="submit" className="button">
              Jämför
            </button>
          </Form>
        </section>
      ) : null}

      {comparison ? <Comparison data={comparison} /> : null}
    </div>
  );
}
