import { Link } from "@remix-run/react";
import type { SharedMeeting } from "~/models/db.server";
import { formatIsoDate, formatMeetingTime } from "~/utils/format";
import { meetingStatusLabels } from "../../../db/domain/labels";

/**
 * "Möten som styrgruppen har delat" on a beredningsgrupp's page: the styrgrupp's meetings shared with
 * the group now, which its members may read (the page, handlingar, protocol). A revoked share is gone from the list.
 */
export function SharedMeetings({ meetings }: { meetings: SharedMeeting[] }) {
  return (
    <section aria-labelledby="delade-moten">
      <h2 id="delade-moten">Möten som styrgruppen har delat</h2>
      {meetings.length === 0 ? (
        <p>Styrgruppen har inte delat något möte med gruppen. Styrgruppens beslut syns ändå ovan.</p>
      ) : (
        <ul className="meeting-list">
          {meetings.map((m) => (
            <li key={m.meetingId} data-shared-meeting={m.meetingId}>
              <Link to={`/moten/${m.meetingId}`}>
                <strong>{m.title}</strong> – {m.groupName}, {formatMeetingTime(m.startsAt)}
              </Link>{" "}
              <span className="badge badge--neutral">{meetingStatusLabels[m.status]}</span> <span className="muted">delat {formatIsoDate(m.sharedAt)}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
