import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { LiveEditor } from "~/components/editor/live-editor";
import { db, meetingsQueries } from "~/models/db.server";
import { editorFor, editorUser } from "~/models/live-documents.server";
import editorStylesHref from "~/styles/editor.css";
import { formatMeetingTime } from "~/utils/format";
import { notFound, requireIdParam } from "~/utils/http.server";
import { meetingStatusLabels } from "~/utils/labels";
import { requireViewer } from "~/utils/session.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: editorStylesHref }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.meeting.title} ${data.meeting.groupName} – Samverkan` : "Möte – Samverkan" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request);
  const meetingId = requireIdParam(params.meetingId);
  const meeting = meetingsQueries.getMeetingForViewer(db(), viewer, meetingId);
  const agenda = editorFor(viewer, { kind: "agenda", meetingId });
  const minutes = editorFor(viewer, { kind: "minutes", meetingId });
  if (!meeting || !agenda || !minutes) throw notFound();
  return { meeting, agenda, minutes, user: editorUser(viewer) };
}

export default function MeetingPage() {
  const { meeting, agenda, minutes, user } = useLoaderData<typeof loader>();
  return (
    <div className="page">
      <nav aria-label="Brödsmulor" className="breadcrumbs">
        <ol>
          <li>
            <Link to="/">Mina grupper</Link>
          </li>
          <li>
            <Link to={`/grupper/${meeting.groupId}`}>{meeting.groupName}</Link>
          </li>
          <li aria-current="page">{meeting.title}</li>
        </ol>
      </nav>
      <h1>
        {meeting.title} <span className="muted">{meeting.groupName}</span>
      </h1>
      <dl className="facts">
        <dt>Tid</dt>
        <dd>{formatMeetingTime(meeting.startsAt)}</dd>
        {meeting.location ? (
          <>
            <dt>Plats</dt>
            <dd>{meeting.location}</dd>
          </>
        ) : null}
        <dt>Status</dt>
        <dd>{meetingStatusLabels[meeting.status]}</dd>
      </dl>
      {minutes.locked ? (
        <p className="notice">Protokollet är justerat och låst. Det kan inte längre ändras.</p>
      ) : null}

      <h2 id="dagordning">Dagordning</h2>
      <LiveEditor documentName={agenda.documentName} label="Dagordning" editable={agenda.editable} user={user} />

      <h2 id="anteckningar">Protokollsanteckningar</h2>
      <LiveEditor documentName={minutes.documentName} label="Protokollsanteckningar" editable={minutes.editable} user={user} />
    </div>
  );
}
