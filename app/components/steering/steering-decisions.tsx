import type { ActionItemStatus } from "../../../db/domain/enums";
import { actionItemStatusLabels, paragraphLabel } from "../../../db/domain/labels";
import { OverdueBadge } from "~/components/ui/overdue-badge";
import { formatIsoDate, formatLongDate } from "~/utils/format";

interface Props {
  steering: { id: number; name: string };
  decisions: {
    id: number;
    number: number;
    year: number;
    title: string;
    text: string;
    adoptedAt: string;
    uppdrag: { id: number; title: string; ownerName: string; dueOn: string | null; status: ActionItemStatus; overdue: boolean }[];
  }[];
}

/**
 * "Styrgruppens beslut" on a beredningsgrupp's page: the styrgrupp's final decisions of this and last
 * year with the uppdrag given under them, so the beredningsgrupp can follow them up as its mandate says.
 * Only the decisions: the styrgrupp's minutes and notes stay the styrgrupp's.
 */
export function SteeringDecisions({ steering, decisions }: Props) {
  return (
    <section aria-labelledby="styrgruppens-beslut">
      <h2 id="styrgruppens-beslut">Beslut i {steering.name}</h2>
      <p className="lead">Justerade beslut i år och förra året, med uppdragen som gavs och hur långt de har kommit.</p>
      {decisions.length === 0 ? (
        <p>Inga justerade beslut ännu.</p>
      ) : (
        <ul className="steering-decisions">
          {decisions.map((d) => (
            <li key={d.id} data-steering-decision={paragraphLabel(d.number, d.year)}>
              <h3>
                {paragraphLabel(d.number, d.year)} {d.title}
              </h3>
              <p className="muted">Beslutat {formatLongDate(d.adoptedAt)}</p>
              <p className="register__text">{d.text}</p>
              {d.uppdrag.length > 0 ? (
                <ul>
                  {d.uppdrag.map((u) => (
                    <li key={u.id}>
                      Uppdrag: {u.title} – {u.ownerName}
                      {u.dueOn ? `, senast ${formatIsoDate(u.dueOn)}` : ""} <span className="badge badge--neutral">{actionItemStatusLabels[u.status]}</span>
                      <OverdueBadge overdue={u.overdue} />
                    </li>
                  ))}
                </ul>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
