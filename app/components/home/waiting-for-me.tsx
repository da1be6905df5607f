import { Link } from "@remix-run/react";
import { Fragment, type ReactNode } from "react";
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

interface Part {
  id: string;
  title: string;
  /** The kind in a few words, for the line that lists the kinds with nothing waiting. */
  kind: string;
  items: ReactNode[];
}

/**
 * "Det här väntar på dig": what the chain asks of the viewer now, each with its link. The kinds with something
 * waiting come under headings of their own; those with nothing are named together in one line at the end, so the
 * box says what it looks at without a heading for every empty kind.
 */
export function WaitingForMeSection({ waiting }: { waiting: WaitingForMe }) {
  const { uppdrag, approvals, upForDecision, events, protocols, promiseActivities } = waiting;
  const parts: Part[] = [
    {
      id: "vantar-uppdrag",
      title: "Uppdrag som snart ska vara klara eller är försenade",
      kind: "uppdrag",
      items: uppdrag.map((u) => (
        <li key={u.id}>
          <Link to="/uppdrag">{u.title}</Link> ({u.groupName}
          {u.dueOn ? `, senast ${formatIsoDate(u.dueOn)}` : ""})<OverdueBadge overdue={u.overdue} />
        </li>
      )),
    },
    {
      id: "att-justera",
      title: "Protokoll att justera",
      kind: "protokoll att justera",
      items: approvals.map((t) => (
        <li key={t.meetingId}>
          <Link to={`/moten/${t.meetingId}#justering`}>
            {t.title}, {formatMeetingTime(t.startsAt)}
          </Link>{" "}
          (som {approverCapacityLabels[t.capacity].toLowerCase()}
          {t.approval === "voided" ? "; protokollet har ändrats sedan du justerade, justera igen" : ""})
        </li>
      )),
    },
    {
      id: "vantar-beslut",
      title: "Lägesbild och åtgärdsplan för beslut i din styrgrupp",
      kind: "lägesbild eller åtgärdsplan för beslut",
      items: upForDecision.map((item) => (
        <li key={item.agendaItemId}>
          <Link to={`/moten/${item.meetingId}`}>{item.title}</Link> ({item.groupName}, mötet {formatLongDate(item.startsAt)})
        </li>
      )),
    },
    {
      id: "vantar-handelser",
      title: "Händelser av väsentlig betydelse att kvittera",
      kind: "händelser att kvittera",
      items: events.map((e) => (
        <li key={e.path}>
          <Link to={e.path}>{e.waiting === 1 ? "1 händelse" : `${e.waiting} händelser`}</Link> ({e.agreementTitle})
        </li>
      )),
    },
    {
      id: "vantar-protokoll",
      title: "Olästa protokoll från stadsövergripande styrgruppen",
      kind: "olästa protokoll från stadsövergripande styrgruppen",
      items: protocols.map((p) => (
        <li key={`${p.toGroupId}-${p.meetingId}`}>
          <Link to={`/grupper/${p.toGroupId}`}>
            {p.title}, {formatLongDate(p.startsAt)}
          </Link>{" "}
          (till {p.toGroupName})
        </li>
      )),
    },
    {
      id: "vantar-loften",
      title: "Aktiviteter under medborgarlöften som du ansvarar för",
      kind: "aktiviteter under medborgarlöften",
      items: promiseActivities.map((a) => (
        <li key={a.id}>
          <Link to={a.path}>{a.title}</Link> ({a.promiseTitle}
          {a.endsOn ? `, till ${formatIsoDate(a.endsOn)}` : ""})<OverdueBadge overdue={a.overdue} />
        </li>
      )),
    },
  ];
  const waitingParts = parts.filter((part) => part.items.length > 0);
  const emptyKinds = parts.filter((part) => part.items.length === 0).map((part) => part.kind);
  return (
    <section aria-labelledby="vantar" className="notice" data-waiting-for-me="">
      <h2 id="vantar">Det här väntar på dig</h2>
      {waitingParts.length === 0 ? (
        <p>Inget väntar på dig just nu.</p>
      ) : (
        <>
          {waitingParts.map((part) => (
            <Fragment key={part.id}>
              <h3 id={part.id}>{part.title}</h3>
              <ul>{part.items}</ul>
            </Fragment>
          ))}
          {emptyKinds.length > 0 ? (
            <p className="muted" data-nothing-waiting="">
              Inget just nu: {emptyKinds.join(", ")}.
            </p>
          ) : null}
        </>
      )}
    </section>
  );
}
