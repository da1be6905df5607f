import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { Breadcrumbs } from "~/components/ui/breadcrumbs";
import { DataTable } from "~/components/ui/data-table";
import { SelectField } from "~/components/ui/select-field";
import { cityOverviewPage } from "~/models/city-overview.server";
import { notFound } from "~/utils/http.server";
import { requireViewer } from "~/utils/session.server";
import { steeringSubjectTitle } from "../../db/domain/labels";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Stadsövergripande översikt ${data.overview.year} – Samverkan` : "Stadsövergripande översikt – Samverkan" },
];

/** The city-wide overview of a year (?ar=2026, this year by default): for the city-wide groups' members and administrators only. */
export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request);
  const page = cityOverviewPage(viewer, new URL(request.url).searchParams.get("ar"));
  if (!page) throw notFound();
  return page;
}

export default function CityOverviewPage() {
  const { overview, asOfLine, charts, tables } = useLoaderData<typeof loader>();
  const { year, years, districts } = overview;
  const exportQuery = `?ar=${year}`;
  return (
    <div className="page city-overview">
      <Breadcrumbs trail={[{ to: "/", label: "Mina grupper" }]} current="Stadsövergripande översikt" />
      <h1>Stadsövergripande översikt {year}</h1>
      <p>
        Alla lokala samverkansöverenskommelser under {overview.agreement.title.toLowerCase()} sida vid sida. {asOfLine} Översikten visar siffror och det som har
        överlämnats till den stadsövergripande beredningsgruppen, inte de lokala texterna.
      </p>
      <Form method="get" className="filters" role="search" aria-label="Välj år">
        <SelectField
          label="År"
          name="ar"
          defaultValue={String(year)}
          error={overview.yearRefused ? `Välj ett år mellan ${years.at(-1)} och ${years[0]}.` : undefined}
        >
          {years.map((y) => (
            <option key={y} value={y}>
              {y}
            </option>
          ))}
        </SelectField>
        <div>
          <button type="submit" className="button">
            Visa året
          </button>
        </div>
      </Form>
      {overview.yearRefused ? <p className="notice notice--error">Året finns inte i översikten. Översikten visar {year}.</p> : null}
      <p>
        Ladda ner översikten {year}: <a href={`/stad/oversikt.csv${exportQuery}`}>CSV för Excel</a> · <a href={`/stad/oversikt.pdf${exportQuery}`}>PDF</a>{" "}
        (tabellerna)
      </p>

      {districts.length === 0 ? (
        <p>Det finns inga lokala överenskommelser under den stadsövergripande ännu.</p>
      ) : (
        <>
          <h2>Diagram</h2>
          {charts.map((chart) => (
            <figure key={chart.id} id={chart.id} className="chart" aria-labelledby={`${chart.id}-rubrik`}>
              <h3 id={`${chart.id}-rubrik`}>{chart.title}</h3>
              {/* Markup drawn on the server by Observable Plot from the figures alone; no text from users is in it but names of areas, groups and priority areas, which Plot escapes. */}
              <div className="chart__svg" dangerouslySetInnerHTML={{ __html: chart.svg }} />
              <figcaption>
                {chart.description} <a href={`#${chart.tableId}`}>Samma siffror i tabellform</a>
              </figcaption>
            </figure>
          ))}

          <h2>Siffrorna i tabellform</h2>
          {tables.map((table) => (
            <div key={table.id} id={table.id} className="chart-table">
              <DataTable labelledBy={`${table.id}-rubrik`}>
                <caption id={`${table.id}-rubrik`}>{table.caption}</caption>
                <thead>
                  <tr>
                    {table.columns.map((column) => (
                      <th key={column} scope="col">
                        {column}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {table.rows.map((row, i) => (
                    <tr key={i}>
                      <th scope="row">{row[0]}</th>
                      {row.slice(1).map((cell, j) => (
                        <td key={j}>{cell}</td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </DataTable>
            </div>
          ))}

          <h2 id="overlamnat">Överlämnat till den stadsövergripande beredningsgruppen</h2>
          <ul>
            {districts.map((d) => (
              <li key={d.agreementId}>
                <strong>{d.area}</strong>:{" "}
                {d.handedOver.length === 0
                  ? "inget överlämnat ännu."
                  : d.handedOver.map((h, i) => (
                      <span key={h.versionId}>
                        {i > 0 ? "; " : ""}
                        {steeringSubjectTitle(h.subjectKind, h.year)}, fastställd {h.decidedOn}, {h.paragraph}, överlämnad {h.handedOverOn}
                        {h.readable ? (
                          <>
                            {" – "}
                            <a href={`/versioner/${h.versionId}.pdf`}>PDF/A</a>
                          </>
                        ) : null}
                      </span>
                    ))}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
