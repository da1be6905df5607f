import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { db, notificationsQueries } from "~/models/db.server";
import { formatClock, formatIsoDate } from "~/utils/format";
import { requireViewer } from "~/utils/session.server";
import { notificationKindLabels } from "../../db/domain/labels";

export const meta: MetaFunction = () => [{ title: "Notiser – Samverkan" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request);
  return { notices: notificationsQueries.listMyNotifications(db(), viewer) };
}

export async function action({ request }: ActionFunctionArgs) {
  const viewer = await requireViewer(request);
  notificationsQueries.markAllNotificationsRead(db(), viewer);
  return { message: "Alla notiser är markerade som lästa." };
}

/** The viewer's notices, newest first; opening one (/notiser/<id>) marks it read and goes to what it is about. */
export default function Notices() {
  const { notices } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const unread = notices.filter((n) => !n.readAt).length;
  return (
    <div className="page">
      <h1>Notiser</h1>
      <p>
        {unread === 0 ? "Du har inga olästa notiser." : `Du har ${unread} ${unread === 1 ? "oläst notis" : "olästa notiser"}.`}{" "}
        <Link to="/notiser/installningar">Välj vilka notiser du får och hur</Link>
      </p>
      <p role="status">{answer?.message ?? ""}</p>
      {unread > 0 ? (
        <Form method="post">
          <button type="submit" className="button button--secondary">
            Markera alla som lästa
          </button>
        </Form>
      ) : null}
      {notices.length === 0 ? (
        <p>Inga notiser än.</p>
      ) : (
        <ul className="notice-list">
          {notices.map((notice) => (
            <li key={notice.id} data-notice={notice.id} className={notice.readAt ? undefined : "notice-list__unread"}>
              <Link to={`/notiser/${notice.id}`}>
                {/* No space inside the link before the title: it would be underlined. The badge keeps its distance by margin. */}
                {notice.readAt ? null : (
                  <>
                    <span className="badge">Oläst</span>
                    <span className="visually-hidden">: </span>
                  </>
                )}
                {notice.title}
              </Link>
              <div className="muted">
                {notificationKindLabels[notice.kind]}, <span className="nowrap">{formatIsoDate(notice.createdAt)}</span> {formatClock(notice.createdAt)}
              </div>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
