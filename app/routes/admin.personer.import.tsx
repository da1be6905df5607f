import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Breadcrumbs } from "~/components/ui/breadcrumbs";
import { DataTable } from "~/components/ui/data-table";
import { TextAreaField } from "~/components/ui/text-area-field";
import { TextField } from "~/components/ui/text-field";
import { IMPORT_MAX_BYTES, IMPORT_MAX_ROWS, type ImportRow } from "~/models/admin.server";
import { handlePeopleImport } from "~/models/people-import.server";
import { requireAdmin } from "~/utils/session.server";

export const meta: MetaFunction = () => [{ title: "Importera personer – Administration – Samverkan" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  return { maxRows: IMPORT_MAX_ROWS, maxKilobytes: IMPORT_MAX_BYTES / 1024 };
}

export async function action({ request }: ActionFunctionArgs) {
  const viewer = await requireAdmin(request);
  return handlePeopleImport(request, viewer);
}

export default function ImportPeople() {
  const { maxRows, maxKilobytes } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors: Record<string, string | undefined> = result?.step === "refused" ? result.fieldErrors : {};
  return (
    <div className="page">
      <Breadcrumbs trail={[{ to: "/admin", label: "Administration" }]} current="Importera personer" />
      <h1>Importera personer</h1>
      <p>
        Lägg till många personer på en gång från en CSV-fil, till exempel sparad från Excel. Första raden ska vara rubrikerna <strong>namn</strong>,{" "}
        <strong>e-post</strong>, <strong>titel</strong> och <strong>organisation</strong> (namn och e-post måste finnas), avgränsade med semikolon eller komma.
        Organisationen ska heta exakt som under <Link to="/admin/organisationer">Organisationer</Link>. Högst {maxRows} personer och {maxKilobytes} kB åt
        gången.
      </p>
      <p>
        Personerna får inget lösenord. Med en inbjudan får var och en ett mejl med en länk där de väljer sitt lösenord; den kan också skickas senare från
        personens sida under Administration.
      </p>

      <h2>1. Välj fil</h2>
      <Form method="post" encType="multipart/form-data" className="stack" noValidate>
        <input type="hidden" name="intent" value="preview" />
        <TextField label="CSV-fil" name="file" type="file" accept=".csv,.txt,text/csv,text/plain" error={errors.file ?? errors.form} />
        <TextAreaField
          label="Eller klistra in raderna"
          name="csv"
          rows={6}
          hint="Används när ingen fil är vald. Till exempel: namn;e-post;titel;organisation"
        />
        <div>
          <button type="submit" className="button">
            Förhandsgranska
          </button>
        </div>
      </Form>

      {result?.step === "preview" ? <Preview rows={result.rows} csv={result.csv} /> : null}
      {result?.step === "imported" ? <Imported created={result.created} skipped={result.skipped} /> : null}
    </div>
  );
}

function Preview({ rows, csv }: { rows: ImportRow[]; csv: string }) {
  const valid = rows.filter((r) => r.errors.length === 0).length;
  const invalid = rows.length - valid;
  return (
    <section aria-labelledby="forhandsgranskning">
      <h2 id="forhandsgranskning">2. Förhandsgranska</h2>
      <p role="status">
        {valid} av {rows.length} {rows.length === 1 ? "rad" : "rader"} kan importeras.
        {invalid > 0 ? ` ${invalid} ${invalid === 1 ? "rad har fel och hoppas över" : "rader har fel och hoppas över"}.` : ""} Ingenting är sparat ännu.
      </p>
      <RowsTable rows={rows} labelledBy="forhandsgranskning" />
      {valid > 0 ? (
        <Form method="post" encType="multipart/form-data" className="stack">
          <input type="hidden" name="intent" value="import" />
          <input type="hidden" name="csv" value={csv} />
          <label className="checkbox">
            <input type="checkbox" name="invite" defaultChecked /> Skicka inbjudan med e-post till de nya personerna
          </label>
          <div>
            <button type="submit" className="button">
              Importera {valid} {valid === 1 ? "person" : "personer"}
            </button>
          </div>
        </Form>
      ) : (
        <p>Rätta filen och förhandsgranska igen.</p>
      )}
    </section>
  );
}

function Imported({ created, skipped }: { created: ImportRow[]; skipped: ImportRow[] }) {
  return (
    <section aria-labelledby="importerade">
      <h2 id="importerade">Importerat</h2>
      <p role="status">
        {created.length} {created.length === 1 ? "person har lagts till" : "personer har lagts till"}
        {skipped.length > 0 ? `; ${skipped.length} ${skipped.length === 1 ? "rad" : "rader"} hoppades över` : ""}. De kan inte logga in förrän de har fått ett
        lösenord.
      </p>
      <p>
        <Link to="/admin#personer">Till personerna</Link>
      </p>
      {skipped.length > 0 ? (
        <>
          <h3 id="hoppades-over">Rader som hoppades över</h3>
          <RowsTable rows={skipped} labelledBy="hoppades-over" />
        </>
      ) : null}
    </section>
  );
}

function RowsTable({ rows, labelledBy }: { rows: ImportRow[]; labelledBy: string }) {
  return (
    <DataTable labelledBy={labelledBy}>
      <thead>
        <tr>
          <th scope="col">Rad</th>
          <th scope="col">Namn</th>
          <th scope="col">E-post</th>
          <th scope="col">Titel</th>
          <th scope="col">Organisation</th>
          <th scope="col">Kontroll</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.line}>
            <td>{row.line}</td>
            <td>{row.name || "–"}</td>
            <td>{row.email || "–"}</td>
            <td>{row.title || "–"}</td>
            <td>{row.organisation || "–"}</td>
            <td>
              {row.errors.length === 0 ? (
                "OK"
              ) : (
                <ul className="field-error">
                  {row.errors.map((error) => (
                    <li key={error}>{error}</li>
                  ))}
                </ul>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}
