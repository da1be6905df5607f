import { Link } from "@remix-run/react";
import type { MeetingStatus } from "../../db/domain/enums";
import { formatMeetingTime } from "~/utils/format";
import { meetingStatusLabels } from "../../db/domain/labels";

interface MeetingSummary {
  id: number;
  title: string;
  startsAt: string;
  location: string | null;
  status: MeetingStatus;
}

export function MeetingList({ meetings, empty }: { meetings: MeetingSummary[]; empty: string }) {
  if (meetings.length === 0) return <p>{empty}</p>;
  return (
    <ul className="meeting-list">
      {meetings.map((m) => (
        <li key={m.id}>
          <Link to={`/moten/${m.id}`}>
            <strong>{m.title}</strong>, {formatMeetingTime(m.startsAt)}
          </Link>
          {m.location ? `, ${m.location}` : ""} <span className="badge badge--neutral">{meetingStatusLabels[m.status]}</span>
        </li>
      ))}
    </ul>
  );
}
