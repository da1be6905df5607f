import { Link } from "@remix-run/react";
import type { ActionItemStatus } from "../../../db/domain/enums";
import { ActionStatusFields } from "~/components/ui/action-status-fields";
import { OverdueBadge } from "~/components/ui/overdue-badge";
import { ParagraphLink } from "~/components/ui/paragraph-link";
import { formatIsoDate, formatLongDate } from "~/utils/format";
import { actionItemStatusLabels, paragraphLabel } from "../../../db/domain/labels";
import { ActionForm } from "./action-form";

interface FollowUpItem {
  id: number;
  title: string;
  ownerId: number;
  ownerName: string;
  dueOn: string | null;
  status: ActionItemStatus;
  overdue: boolean;
  meetingId: number | null;
  meetingStartsAt: string | null;
  agendaItemId: number | null;
  paragraphNumber: number | null;
  paragraphYear: number | null;
  /** The group that gave the uppdrag: this one, or another group of the agreement that gave it to this one. */
  groupId: number;
  groupName: string;
}

interface Props {
  items: FollowUpItem[];
  /** The meeting's group. */
  groupId: number;
  /** Chair or secretary: may change the status of any of the group's uppdrag. */
  canRun: boolean;
  viewerId: number;
}

/**
 * Uppföljning av uppdrag: the group's open uppdrag from earlier meetings, so
 * the meeting can go through them and mark what is done, there and then.
 */
export function FollowUpSection({ items, groupId, canRun, viewerId }: Props) {
  if (items.length === 0) return null;
  return (
    <section aria-labelledby="uppfoljning">
      <h2 id="uppfoljning" tabIndex={-1}>
        Uppföljning av uppdrag
      </h2>
      <p className="lead">Gruppens öppna uppdrag från tidigare möten, det som ska vara klart först överst.</p>
      <ul className="follow-up">
        {items.map((item) => (
          <li key={item.id} data-follow-up={item.title}>
            <strong>{item.title}</strong> – {item.ownerName}
            {item.dueOn ? `, senast ${formatIsoDate(item.dueOn)}` : ""}
            <OverdueBadge overdue={item.overdue} />
            {item.groupId !== groupId ? (
              // Given by another group: its meeting is not this group's to open, so it is named, not linked.
              <span className="muted" data-given-by={item.groupName}>
                {" "}
                (uppdrag från {item.groupName}
                {item.meetingStartsAt ? `, mötet ${formatLongDate(item.meetingStartsAt)}` : ""}
                {item.paragraphNumber !== null && item.paragraphYear !== null ? `, ${paragraphLabel(item.paragraphNumber, item.paragraphYear)}` : ""})
              </span>
            ) : item.meetingId && item.meetingStartsAt ? (
              <span className="muted">
                {" "}
                (från <Link to={`/moten/${item.meetingId}`}>mötet {formatLongDate(item.meetingStartsAt)}</Link>
                {item.paragraphNumber !== null ? (
                  <>
                    , <ParagraphLink item={item} />
                  </>
                ) : null}
                )
              </span>
            ) : null}{" "}
            {canRun || item.ownerId === viewerId ? (
              <ActionForm intent="action-status" fields={{ actionItemId: item.id }}>
                <ActionStatusFields id={item.id} title={item.title} status={item.status} idPrefix="follow-up-status" inline />
              </ActionForm>
            ) : (
              <span className="badge badge--neutral">{actionItemStatusLabels[item.status]}</span>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
