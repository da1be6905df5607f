import { Link } from "@remix-run/react";
import { LatestFollowUp, activityPeriod, type PromiseActivity } from "~/components/promises/promise-register";
import { ReportForm } from "~/components/plan/row-follow-up";
import { ShortLabel } from "~/components/ui/short-label";

interface MeetingPromiseActivity extends Omit<PromiseActivity, "history"> {
  promiseTitle: string;
  paragraph: string;
}

/**
 * Uppföljning av medborgarlöften, on a lokal styrgrupp's meeting: the activities of the year's löften not yet
 * genomförda or stoppade. The chair and secretary report each one's follow-up here, recorded as made at this
 * meeting, until its protocol is justerat.
 */
export function PromiseFollowUpSection({
  activities,
  mayReport,
  registerPath,
}: {
  activities: MeetingPromiseActivity[];
  mayReport: boolean;
  registerPath: string | null;
}) {
  if (activities.length === 0) return null;
  return (
    <section aria-labelledby="medborgarloften">
      <h2 id="medborgarloften" tabIndex={-1}>
        Uppföljning av medborgarlöften
      </h2>
      <p className="lead">
        Aktiviteterna under årets och förra årets medborgarlöften som inte är genomförda eller stoppade.
        {registerPath ? (
          <>
            {" "}
            <Link to={registerPath}>Hela registret över medborgarlöften</Link>
          </>
        ) : null}
      </p>
      <ul className="follow-up">
        {activities.map((a) => (
          <li key={a.id} data-promise-activity={a.title}>
            <strong>{a.title}</strong> – {a.responsibleName ?? "ingen ansvarig angiven"}, {activityPeriod(a)}{" "}
            <span className="muted">
              ({a.paragraph}: {a.promiseTitle})
            </span>
            <br />
            Senast: <LatestFollowUp latest={a.latest} />
            {a.latest?.comment ? <> – {a.latest.comment}</> : null}
            {mayReport ? (
              // Closed until the chair comes to it: a list of open forms hides which activities there are.
              <details>
                <summary>
                  <ShortLabel shown="Rapportera uppföljning" hidden={`: ${a.title}`} />
                </summary>
                <ReportForm intent="promise-follow-up" fields={{ activityId: a.id }} title={a.title} latest={a.latest} />
              </details>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
