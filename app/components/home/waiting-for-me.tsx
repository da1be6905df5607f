import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { approverCapacityLabels } from "../../../db/domain/labels";
import { OverdueBadge } from "~/components/ui/overdue-badge";
import { formatIsoDate, formatLongDate, formatMeetingTime } from "~/utils/format";

type Capacity = keyof typeof approverCapacityLabels;

export interface WaitingForMe {
  uppdrag: { id: number; title: string; dueOn: string | null; overdue: boolean; groupName: string }[];
  approvals: { meetingId: number; title: string; startsAt: string; capacity: Capacity; approval: string }[];
  upForDecision: { agendaItemId: number; title: string; meetingId: number; startsAt: string; groupName: string }[];
  events: { path: string; waiting: number; agreementTitle: string }[];
  protocols: { meetingId: number; title: string; startsAt: string; toGroupId: number; toGroupName: string }[];
  promiseActivities: { id: number; title: string; endsOn: string | null; overdue: boolean; promiseTitle: string; path: string }[];
}

function Part({ id, title, empty, children }: { id: string; title: string; empty: boolean; children: ReactNode }) {
  return (
    <>
      <h3 id={id}>{title}</h3>
      {empty ? <p className="muted">Inget just nu.</p> : <ul>{children}</ul>}
    </>
  );
}

/** "Det här väntar på dig": what the chain asks of the viewer now, each with its link; an empty state per kind. */
export function WaitingForMeSection({ waiting }: { waiting: WaitingForMe }) {
  const { uppdrag, approvals, upForDecision, events, protocols, promiseActivities } = waiting;
  const nothing = [uppdrag, approvals, upForDecision, events, protocols, promiseActivities].every((list) => list.length === 0);
  return (
    <section aria-labelledby="vantar" className="notice" data-waiting-for-me="">
      <h2 id="vantar">Det här väntar på dig</h2>
      {nothing ? (
        <p>Inget väntar på dig just nu.</p>
      ) : (
        <>
          <Part id="vantar-uppdrag" title="Uppdrag som snart ska vara klara eller är försenade" empty={uppdrag.length === 0}>
            {uppdrag.map((u) => (
              <li key={u.id}>
                <Link to="/uppdrag">{u.title}</Link> ({u.groupName}
                {u.dueOn ? `, senast ${formatIsoDate(u.dueOn)}` : ""})<OverdueBadge overdue={u.overdue} />
              </li>
            ))}
          </Part>
          <Part id="att-justera" title="Protokoll att justera" empty={approvals.length === 0}>
            {approvals.map((t) => (
              <li key={t.meetingId}>
                <Link to={`/moten/${t.meetingId}#justering`}>
                  {t.title}, {formatMeetingTime(t.startsAt)}
                </Link>{" "}
                (som {approverCapacityLabels[t.capacity].toLowerCase()}
                {t.approval === "voided" ? "; protokollet har ändrats sedan du justerade, justera igen" : ""})
              </li>
            ))}
          </Part>
          <Part id="vantar-beslut" title="Lägesbild och åtgärdsplan för beslut i din styrgrupp" empty={upForDecision.length === 0}>
            {upForDecision.map((item) => (
              <li key={item.agendaItemId}>
                <Link to={`/moten/${item.meetingId}`}>{item.title}</Link> ({item.groupName}, mötet {formatLongDate(item.startsAt)})
              </li>
            ))}
          </Part>
          <Part id="vantar-handelser" title="Händelser av väsentlig betydelse att kvittera" empty={events.length === 0}>
            {events.map((e) => (
              <li key={e.path}>
                <Link to={e.path}>{e.waiting === 1 ? "1 händelse" : `${e.waiting} händelser`}</Link> ({e.agreementTitle})
              </li>
            ))}
          </Part>
          <Part id="vantar-protokoll" title="Olästa protokoll från stadsövergripande styrgruppen" empty={protocols.length === 0}>
            {protocols.map((p) => (
              <li key={`${p.toGroupId}-${p.meetingId}`}>
                <Link to={`/grupper/${p.toGroupId}`}>
                  {p.title}, {formatLongDate(p.startsAt)}
                </Link>{" "}
                (till {p.toGroupName})
              </li>
            ))}
          </Part>
          <Part id="vantar-loften" title="Aktiviteter under medborgarlöften som du ansvarar för" empty={promiseActivities.length === 0}>
            {promiseActivities.map((a) => (
              <li key={a.id}>
                <Link to={a.path}>{a.title}</Link> ({a.promiseTitle}
                {a.endsOn ? `, till ${formatIsoDate(a.endsOn)}` : ""})<OverdueBadge overdue={a.overdue} />
              </li>
            ))}
          </Part>
        </>
      )}
    </section>
  );
}
