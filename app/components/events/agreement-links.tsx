import { Link } from "@remix-run/react";

/**
 * On the agreement page: the parties' information to each other, for those who may read it: the
 * events of significant importance (with how many wait for the viewer's acknowledgement) and the
 * kontaktuppgifter.
 */
export function PartiesInformationLinks({ slug, events, contacts }: { slug: string; events: { path: string; waiting: number } | null; contacts: boolean }) {
  if (!events && !contacts) return null;
  return (
    <>
      <h2>Information mellan parterna</h2>
      <ul>
        {events ? (
          <li>
            <Link to={events.path}>Händelser av väsentlig betydelse</Link>
            {events.waiting > 0 ? (
              <>
                {" "}
                <span className="badge badge--warn">{events.waiting === 1 ? "1 väntar på din kvittering" : `${events.waiting} väntar på din kvittering`}</span>
              </>
            ) : null}
          </li>
        ) : null}
        {contacts ? (
          <li>
            <Link to={`/overenskommelser/${slug}/kontakter`}>Kontaktuppgifter</Link>
          </li>
        ) : null}
      </ul>
    </>
  );
}
