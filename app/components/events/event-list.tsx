import { ActionForm } from "~/components/meeting/action-form";
import { formatClock, formatIsoDate } from "~/utils/format";
import { confidentialityLabels } from "../../../db/domain/labels";
import { occurredAtLabel } from "../../../db/domain/significant-events";
import type { ConfidentialityMarking } from "../../../db/domain/enums";

export interface ListedEvent {
  id: number;
  title: string;
  description: string;
  occurredAt: string;
  place: string;
  confidentiality: ConfidentialityMarking;
  confidentialityNote: string;
  createdAt: string;
  reporterName: string;
  reporterTitle: string | null;
  party: string | null;
  recipients: { personId: number; name: string; title: string | null; notifiedAt: string; acknowledgedAt: string | null }[];
  viewerMayAcknowledge: boolean;
}

function at(iso: string): string {
  return `${formatIsoDate(iso)} ${formatClock(iso)}`;
}

/** The agreement's events, newest first: what, when, where, the marking, who reported it for which party, who was told and who acknowledged. */
export function EventList({ events }: { events: ListedEvent[] }) {
  if (events.length === 0) return <p>Inga händelser är registrerade.</p>;
  return (
    <ol className="event-list">
      {events.map((event) => (
        <li key={event.id} id={`handelse-${event.id}`} className="card" tabIndex={-1} aria-labelledby={`handelse-${event.id}-rubrik`}>
          <h3 id={`handelse-${event.id}-rubrik`}>
            {event.title}{" "}
            <span className={event.confidentiality === "sekretess" ? "badge badge--danger" : "badge badge--neutral"}>
              {confidentialityLabels[event.confidentiality]}
            </span>
          </h3>
          {event.confidentiality === "sekretess" ? (
            <p className="notice notice--error">
              <strong>Sekretessmarkerad</strong> av uppgiftslämnaren ({event.confidentialityNote}). Lämna inte ut uppgifterna utan sekretessprövning; de skickas
              inte med e-post.
            </p>
          ) : null}
          <dl className="facts">
            <dt>När</dt>
            <dd>{occurredAtLabel(event.occurredAt)}</dd>
            <dt>Var</dt>
            <dd>{event.place || <span className="muted">Anges inte</span>}</dd>
            <dt>Rapporterad</dt>
            <dd>
              {at(event.createdAt)} av {event.reporterName}
              {event.reporterTitle ? `, ${event.reporterTitle}` : ""}
              {event.party ? ` (för ${event.party})` : ""}
            </dd>
            <dt>Underrättade</dt>
            <dd>
              {event.recipients.length === 0 ? (
                <strong>Ingen ordförande för den andra parten i den lokala styrgruppen kunde underrättas.</strong>
              ) : (
                <ul>
                  {event.recipients.map((r) => (
                    <li key={r.personId}>
                      {r.name}
                      {r.title ? `, ${r.title}` : ""}: underrättad {at(r.notifiedAt)},{" "}
                      {r.acknowledgedAt ? (
                        <span className="badge badge--ok">kvitterad {at(r.acknowledgedAt)}</span>
                      ) : (
                        <span className="badge badge--warn">ej kvitterad</span>
                      )}
                    </li>
                  ))}
                </ul>
              )}
            </dd>
          </dl>
          <p className="event-description">{event.description}</p>
          {event.viewerMayAcknowledge ? (
            <ActionForm intent="acknowledge" fields={{ eventId: event.id }}>
              <button type="submit" className="button">
                Kvittera<span className="visually-hidden"> ”{event.title}”</span>
              </button>{" "}
              <span className="muted">att du har tagit del av händelsen.</span>
            </ActionForm>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
