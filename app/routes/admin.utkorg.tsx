import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Breadcrumbs } from "~/components/ui/breadcrumbs";
import { DataTable } from "~/components/ui/data-table";
import { adminQueries } from "~/models/admin.server";
import { db } from "~/models/db.server";
import { formatClock, formatIsoDate } from "~/utils/format";
import { notFound } from "~/utils/http.server";
import { requireAdmin } from "~/utils/session.server";
import { IdSchema } from "~/utils/validation";
import { mailStatusLabels, notificationKindLabels } from "../../db/domain/labels";

export const meta: MetaFunction = () => [{ title: "Utkorg – Administration – Samverkan" }];

/** The mail queue: what waits (all of it when no SMTP server is configured), what was sent, what failed and why. */
export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireAdmin(request);
  const raw = new URL(request.url).searchParams.get("visa");
  let shown = null;
  if (raw !== null) {
    const id = IdSchema.safeParse(raw);
    shown = id.success ? adminQueries.getOutboxMail(db(), viewer, id.data) : null;
    if (!shown) throw notFound();
  }
  return { mails: adminQueries.listOutbox(db(), viewer), shown, smtpConfigured: Boolean(process.env.SMTP_URL) };
}

function When({ at }: { at: string }) {
  return (
    <>
      <span className="nowrap">{formatIsoDate(at)}</span> {formatClock(at)}
    </>
  );
}

export default function Outbox() {
  const { mails, shown, smtpConfigured } = useLoaderData<typeof loader>();
  return (
    <div className="page">
      <Breadcrumbs trail={[{ to: "/admin", label: "Administration" }]} current="Utkorg" />
      <h1>Utkorg</h1>
      <p className="lead">
        {smtpConfigured
          ? "E-post skickas från den här kön. Ett meddelande som inte gick fram försöker igen efter 1, 5 och 30 minuter och 2 timmar."
          : "Ingen e-postserver är inställd (SMTP_URL), så e-posten stannar här. Inget går förlorat: den skickas när en server ställs in."}
      </p>
      {shown ? (
        <section aria-labelledby="meddelande-rubrik" className="card" data-outbox-message={shown.id}>
          <h2 id="meddelande-rubrik">{shown.subject}</h2>
          <p>
            Till {shown.toAddress}, {notificationKindLabels[shown.kind]}, {mailStatusLabels[shown.status]}
          </p>
          <pre className="mail-text">{shown.text}</pre>
          {shown.ics ? (
            <details>
              <summary>Kalenderinbjudan (ICS)</summary>
              <pre className="mail-text">{shown.ics}</pre>
            </details>
          ) : null}
          <p>
            <Link to="/admin/utkorg">Stäng meddelandet</Link>
          </p>
        </section>
      ) : null}
      {mails.length === 0 ? (
        <p>Utkorgen är tom.</p>
      ) : (
        <DataTable labelledBy="utkorg-rubrik">
          <caption id="utkorg-rubrik">E-post, senaste först</caption>
          <thead>
            <tr>
              <th scope="col">Köad</th>
              <th scope="col">Till</th>
              <th scope="col">Ämne</th>
              <th scope="col">Slag</th>
              <th scope="col">Status</th>
              <th scope="col">Försök</th>
              <th scope="col">Senaste fel</th>
            </tr>
          </thead>
          <tbody>
            {mails.map((mail) => (
              <tr key={mail.id} data-outbox-row={mail.id}>
                <td>
                  <When at={mail.createdAt} />
                </td>
                <td>{mail.to}</td>
                <td>
                  <Link to={`/admin/utkorg?visa=${mail.id}`}>{mail.subject}</Link>
                  {mail.hasIcs ? <div className="muted">Med kalenderinbjudan</div> : null}
                </td>
                <td>{notificationKindLabels[mail.kind]}</td>
                <td>
                  {mailStatusLabels[mail.status]}
                  {mail.sentAt ? (
                    <div className="muted">
                      <When at={mail.sentAt} />
                    </div>
                  ) : null}
                </td>
                <td>{mail.attempts}</td>
                <td>{mail.lastError ?? ""}</td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
    </div>
  );
}
