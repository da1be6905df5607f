import { Fragment } from "react";
import type { NamedPlanRow } from "~/models/versions.server";

const fields: [keyof NamedPlanRow, string][] = [
  ["measure", "Åtgärd"],
  ["problem", "Problem"],
  ["cause", "Orsak"],
  ["places", "Platser"],
  ["priorityAreas", "Prioriterade områden"],
  ["goal", "Operativt mål"],
  ["indicator", "Indikator"],
  ["period", "Tid"],
  ["party", "Ansvarig part"],
  ["responsibleFunction", "Ansvarig funktion"],
  ["person", "Ansvarig person"],
  ["followUp", "Uppföljning"],
];

/**
 * A version's åtgärder as records, a heading and its filled-in fields each (as the PDF prints them):
 * a dozen columns would not reflow at 320 px.
 */
export function PlanRows({ rows }: { rows: NamedPlanRow[] }) {
  return (
    <section aria-labelledby="rows-heading">
      <h2 id="rows-heading">Åtgärder</h2>
      {rows.length === 0 ? <p>Planen hade inga åtgärder.</p> : null}
      {rows.map((row) => (
        <article key={row.uid} aria-labelledby={`row-${row.uid}`} data-plan-row={row.uid}>
          <h3 id={`row-${row.uid}`}>{row.title}</h3>
          <dl className="facts">
            {fields
              .filter(([key]) => row[key] !== "")
              .map(([key, label]) => (
                <Fragment key={key}>
                  <dt>{label}</dt>
                  <dd>{row[key]}</dd>
                </Fragment>
              ))}
          </dl>
        </article>
      ))}
    </section>
  );
}
