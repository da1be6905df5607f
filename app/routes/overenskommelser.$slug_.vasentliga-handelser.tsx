import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { EventForm } from "~/components/events/event-form";
import { EventList } from "~/components/events/event-list";
import { Breadcrumbs } from "~/components/ui/breadcrumbs";
import { FormResult } from "~/components/ui/form-result";
import { db, significantEventsQueries } from "~/models/db.server";
import { handleSignificantEventAction, type EventActionResult } from "~/models/significant-events.server";
import { notFound, requireParam } from "~/utils/http.server";
import { requireViewer } from "~/utils/session.server";
import { SlugSchema } from "~/utils/validation";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Händelser av väsentlig betydelse – ${data.agreement.title} – Samverkan` : "Händelser av väsentlig betydelse – Samverkan" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request);
  const page = significantEventsQueries.getSignificantEventsPage(db(), viewer, requireParam(SlugSchema, params.slug));
  if (!page) throw notFound();
  return page;
}

/** Recording an event and acknowledging one; a viewer who may not read the agreement's events gets the one 404 and nothing is stored. */
export async function action({ request, params }: ActionFunctionArgs) {
  const viewer = await requireViewer(request);
  const page = significantEventsQueries.getSignificantEventsPage(db(), viewer, requireParam(SlugSchema, params.slug));
  if (!page) throw notFound();
  return data(handleSignificantEventAction(viewer, page.agreement.id, await request.formData()));
}

export default function SignificantEventsPage() {
  const { agreement, events, mayRecord, wouldNotify, clause } = useLoaderData<typeof loader>();
  const result = useActionData<EventActionResult>();
  const errors: Record<string, string | undefined> = result && !result.ok ? result.fieldErrors : {};
  return (
    <div className="page">
      <Breadcrumbs
        trail={[
          { to: "/", label: "Mina grupper" },
          { to: `/overenskommelser/${agreement.slug}`, label: agreement.title },
        ]}
        current="Händelser av väsentlig betydelse"
      />
      <h1>Händelser av väsentlig betydelse</h1>
      <p className="lead">
        Händelser eller åtgärder som kan ha väsentlig betydelse för överenskommelsen, med vem som underrättades och när de kvitterade. Listan ändras inte i
        efterhand. Den läses av medlemmarna i överenskommelsens grupper. {mayRecord ? <a href="#registrera">Registrera en händelse</a> : null}
      </p>
      <FormResult message={result?.ok ? result.message : null} error={errors.form} />
      <h2>Registrerade händelser</h2>
      <EventList events={events} />
      {mayRecord ? (
        <>
          <h2 id="registrera" tabIndex={-1}>
            Registrera en händelse
          </h2>
          <EventForm clause={clause} wouldNotify={wouldNotify} errors={errors} />
        </>
      ) : (
        <p className="muted">Som läsare kan du läsa händelserna men inte registrera dem.</p>
      )}
      <p>
        <Link to={`/overenskommelser/${agreement.slug}/kontakter`}>Kontaktuppgifter för överenskommelsen</Link>
      </p>
    </div>
  );
}
