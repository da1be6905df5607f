import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { CadenceSummary } from "~/components/cadence-summary";
import { WaitingForMeSection } from "~/components/home/waiting-for-me";
import { calendarQueries, cityOverviewQueries, db, groupsQueries, waitingQueries } from "~/models/db.server";
import { formatMeetingTime } from "~/utils/format";
import { roleLabels } from "../../db/domain/labels";
import { requireViewer } from "~/utils/session.server";

export const meta: MetaFunction = () => [{ title: "Mina grupper – Samverkan" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request);
  return {
    isAdmin: viewer.isAdmin,
    groups: groupsQueries.listGroupsForViewer(db(), viewer),
    waiting: waitingQueries.waitingForMe(db(), viewer),
    hasCalendarFeed: calendarQueries.hasCalendarToken(db(), viewer),
    mayViewCityOverview: cityOverviewQueries.mayViewCityOverview(db(), viewer),
  };
}

/** Creates or renews the secret link of the viewer's calendar feed and shows it once. */
export async function action({ request }: ActionFunctionArgs) {
  const viewer = await requireViewer(request);
  const token = calendarQueries.renewCalendarToken(db(), viewer);
  return { feedUrl: `${new URL(request.url).origin}/kalender/${token}.ics` };
}

export default function Home() {
  const { groups, isAdmin, waiting, hasCalendarFeed, mayViewCityOverview } = useLoaderData<typeof loader>();
  const feedUrl = useActionData<typeof action>()?.feedUrl;
  return (
    <div className="page">
      <h1>Mina grupper</h1>
      {mayViewCityOverview ? (
        <p>
          <Link to="/stad/oversikt">Stadsövergripande översikt</Link>: alla lokala samverkansöverenskommelser sida vid sida, med möten, lägesbilder, åtgärder
          och uppdrag.
        </p>
      ) : null}
      <WaitingForMeSection waiting={waiting} />
      {groups.length === 0 ? (
        <p>Du är inte medlem i någon samverkansgrupp ännu. {isAdmin ? <Link to="/admin">Gå till administrationen</Link> : "Kontakta din administratör."}</p>
      ) : (
        <ul className="cards">
          {groups.map((g) => (
            <li key={g.groupId} className="card">
              <h2 className="card__title">
                <Link to={`/grupper/${g.groupId}`}>{g.name}</Link>
              </h2>
              <dl className="facts">
                <dt>Överenskommelse</dt>
                <dd>
                  <Link to={`/overenskommelser/${g.agreementSlug}`}>{g.agreementTitle}</Link>
                </dd>
                <dt>Min roll</dt>
                <dd>
                  {roleLabels[g.role]}
                  {g.functionName ? `, ${g.functionName}` : ""}
                </dd>
                <dt>Nästa möte</dt>
                <dd>{g.nextMeeting ? formatMeetingTime(g.nextMeeting.startsAt) : "Inget planerat"}</dd>
                <dt>Mötestakt</dt>
                <dd>
                  <CadenceSummary cadence={g.cadence} />
                </dd>
              </dl>
            </li>
          ))}
        </ul>
      )}
      <h2>Mina möten i kalendern</h2>
      <p>
        Prenumerera på alla möten i dina grupper i din kalender (Outlook, Google, Apple). Länken är personlig: dela den inte.{" "}
        {hasCalendarFeed ? "Skapar du en ny länk slutar den gamla att fungera." : null}
      </p>
      {feedUrl ? (
        <p className="notice notice--ok" role="status">
          Din prenumerationslänk: <code data-calendar-feed="">{feedUrl}</code>
        </p>
      ) : null}
      <Form method="post">
        <button type="submit" className="button button--secondary">
          {hasCalendarFeed ? "Skapa ny prenumerationslänk" : "Skapa prenumerationslänk"}
        </button>
      </Form>
    </div>
  );
}
