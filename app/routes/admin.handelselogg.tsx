import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import type { AuditAction } from "../../db/domain/enums";
import { auditSummary } from "~/utils/audit-summary";
import { Breadcrumbs } from "~/components/ui/breadcrumbs";
import { adminQueries, type AuditSubject } from "~/models/admin.server";
import { db } from "~/models/db.server";
import { formatClock, formatIsoDate, formatLongDate } from "~/utils/format";
import { auditActionLabels } from "../../db/domain/labels";
import { requireAdmin } from "~/utils/session.server";
import { IdSchema } from "~/utils/validation";
import { DataTable } from "~/components/ui/data-table";

export const meta: MetaFunction = () => [{ title: "Händelselogg – Administration – Samverkan" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireAdmin(request);
  const raw = new URL(request.url).searchParams.get("before");
  const before = raw === null ? undefined : IdSchema.safeParse(raw);
  if (before && !before.success) throw new Response("Ogiltig sida i händelseloggen.", { status: 400 });
  return {
    ...adminQueries.listAuditEntries(db(), viewer, before?.data),
    chain: adminQueries.verifyAuditChain(db(), viewer),
    firstPage: before === undefined,
  };
}

export default function AuditLog() {
  const { entries, olderBefore, chain, firstPage } = useLoaderData<typeof loader>();
  return (
    <div className="page">
      <Breadcrumbs trail={[{ to: "/admin", label: "Administration" }]} current="Händelselogg" />
      <h1>Händelselogg</h1>
      <p className="lead">
        Vem som ändrade dagordningar, närvaro, beslut, protokoll och behörigheter, och när. Varje post är kedjad till den förra, så att en ändring i efterhand
        syns.
      </p>
      {chain.ok ? (
        <p className="notice notice--ok">Kedjan är obruten: alla {chain.entries} poster stämmer.</p>
      ) : (
        <p className="notice notice--error" role="alert">
          Händelseloggen har ändrats i efterhand: post {chain.entryId}{" "}
          {chain.reason === "link"
            ? "pekar inte på posten före (en post har tagits bort eller flyttats)."
            : "stämmer inte med sin kontrollsumma (posten har ändrats)."}
        </p>
      )}
      <DataTable labelledBy="handelser-rubrik">
        <caption id="handelser-rubrik">{firstPage ? "De senaste händelserna" : "Äldre händelser"}</caption>
        <thead>
          <tr>
            <th scope="col">Tid</th>
            <th scope="col">Vem</th>
            <th scope="col">Händelse</th>
            <th scope="col">Gäller</th>
            <th scope="col">Uppgifter</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => {
            const action = entry.action as AuditAction;
            const summary = auditSummary(action, entry.payload, entry.personName);
            return (
              <tr key={entry.id} data-audit-entry={entry.id}>
                <td>
                  <span className="nowrap">{formatIsoDate(entry.at)}</span> {formatClock(entry.at)}
                </td>
                <td>{entry.actorName ?? "Systemet eller driften"}</td>
                <td>
                  {auditActionLabels[action] ?? entry.action}
                  {summary ? (
                    <div className="muted" data-audit-summary="">
                      {summary}
                    </div>
                  ) : null}
                </td>
                <td>
                  <SubjectLink subject={entry.subject} />
                </td>
                <td>
                  <details>
                    <summary>
                      Visa <span className="visually-hidden">uppgifterna i post {entry.id}</span>
                    </summary>
                    <pre className="audit-payload">{JSON.stringify(entry.payload, null, 2)}</pre>
                  </details>
                </td>
              </tr>
            );
          })}
        </tbody>
      </DataTable>
      {entries.length === 0 ? <p>Inga händelser.</p> : null}
      <p>
        {olderBefore !== null ? <Link to={`/admin/handelselogg?before=${olderBefore}`}>Äldre händelser</Link> : null}
        {olderBefore !== null && !firstPage ? " · " : null}
        {!firstPage ? <Link to="/admin/handelselogg">De senaste händelserna</Link> : null}
      </p>
    </div>
  );
}

function SubjectLink({ subject }: { subject: AuditSubject }) {
  if (subject.kind === "other" || subject.id === null) return <>{subject.stored}</>;
  const name = subject.name ?? "(finns inte längre)";
  switch (subject.kind) {
    case "meeting":
      return <Link to={`/moten/${subject.id}`}>{subject.startsAt ? `${name}, möte ${formatLongDate(subject.startsAt)}` : `Möte ${subject.id}`}</Link>;
    case "decision":
      return subject.meetingId ? <Link to={`/moten/${subject.meetingId}`}>Beslut {name}</Link> : <>Beslut {name}</>;
    case "group":
      return <Link to={`/grupper/${subject.id}`}>{name}</Link>;
    case "person":
      return <Link to={`/admin/personer/${subject.id}`}>{name}</Link>;
    case "action_item":
      return <>Uppdrag: {name}</>;
    case "agreement":
      return <Link to={`/admin/overenskommelser/${subject.id}`}>{name}</Link>;
    case "organisation":
      return <Link to={`/admin/organisationer/${subject.id}`}>{name}</Link>;
  }
}
