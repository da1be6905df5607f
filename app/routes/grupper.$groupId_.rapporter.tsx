import { data, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useState } from "react";
import { CommentsPanel, commentsStylesHref } from "~/components/comments/comments-panel";
import { useDocumentComments } from "~/components/comments/use-document-comments";
import { editorStylesHref, LiveEditor } from "~/components/editor/live-editor";
import { ActionForm } from "~/components/meeting/action-form";
import { OnAgendas, PutOnAgendaForm } from "~/components/meeting/put-on-agenda";
import { ConfirmedActionForm } from "~/components/meeting/confirmed-action-form";
import { Breadcrumbs } from "~/components/ui/breadcrumbs";
import { FormResult } from "~/components/ui/form-result";
import { TextField } from "~/components/ui/text-field";
import { handleReportAction, reportsPage, type ReportActionResult } from "~/models/reports.server";
import { formatIsoDate, formatLongDate } from "~/utils/format";
import { notFound, requireIdParam } from "~/utils/http.server";
import { requireViewer } from "~/utils/session.server";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: editorStylesHref },
  { rel: "stylesheet", href: commentsStylesHref },
];

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Rapporter – ${data.group.name} – Samverkan` : "Rapporter – Samverkan" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request);
  const page = reportsPage(viewer, requireIdParam(params.groupId));
  // Same answer for "does not exist" and "not yours".
  if (!page) throw notFound();
  return page;
}

/** Start, send, or put a received report on the agenda; a viewer who may not see the group gets the one 404 and nothing is stored. */
export async function action({ request, params }: ActionFunctionArgs) {
  const viewer = await requireViewer(request);
  const page = reportsPage(viewer, requireIdParam(params.groupId));
  if (!page) throw notFound();
  return data(await handleReportAction(viewer, page.group.id, await request.formData()));
}

type Page = ReturnType<typeof useLoaderData<typeof loader>>;

export default function GroupReportsPage() {
  const page = useLoaderData<typeof loader>();
  const result = useActionData<ReportActionResult>();
  const errors: Record<string, string | undefined> = result && !result.ok ? result.fieldErrors : {};
  const { group, receiver, mayManage, own, inbox } = page;
  return (
    <div className="page">
      <Breadcrumbs
        trail={[
          { to: "/", label: "Mina grupper" },
          { to: `/grupper/${group.id}`, label: group.name },
        ]}
        current="Rapporter"
      />
      <h1>Rapporter – {group.name}</h1>
      <p className="lead">
        {receiver
          ? `Gruppen rapporterar till ${receiver.name}. En rapport fylls i från åtgärdsplanen, skrivs tillsammans och skickas sedan; en skickad rapport ändras inte.`
          : "Gruppen rapporterar inte vidare till någon annan grupp."}
      </p>
      <FormResult message={result?.ok ? result.message : null} error={errors.form} />
      {receiver || own.length > 0 ? (
        <>
          <h2>Gruppens rapporter</h2>
          {own.length === 0 ? <p className="muted">Inga rapporter ännu.</p> : null}
          {own.map((report) => (
            <OwnReport key={report.id} report={report} page={page} asked={result !== undefined && !result.ok && result.confirmReportId === report.id} />
          ))}
          {receiver && mayManage ? <NewReportForm errors={errors} /> : null}
        </>
      ) : null}
      <h2>Inkorg</h2>
      {inbox.length === 0 ? (
        <p className="muted">Inga rapporter har skickats till gruppen.</p>
      ) : (
        inbox.map((report) => <ReceivedReport key={report.id} report={report} page={page} errors={errors} />)
      )}
    </div>
  );
}

function NewReportForm({ errors }: { errors: Record<string, string | undefined> }) {
  return (
    <section aria-labelledby="ny-rapport">
      <h3 id="ny-rapport">Ny rapport</h3>
      <ActionForm intent="create-report">
        <TextField label="Rubrik" name="title" required maxLength={200} error={errors.title} />
        <TextField label="Periodens första dag" name="periodStart" type="date" required hint="ÅÅÅÅ-MM-DD" error={errors.periodStart} />
        <TextField label="Periodens sista dag" name="periodEnd" type="date" required hint="ÅÅÅÅ-MM-DD" error={errors.periodEnd} />
        <button type="submit" className="button">
          Påbörja rapporten
        </button>
      </ActionForm>
    </section>
  );
}

function OwnReport({ report, page, asked }: { report: Page["own"][number]; page: Page; asked: boolean }) {
  const headingId = `rapport-${report.id}-rubrik`;
  return (
    <section id={`rapport-${report.id}`} aria-labelledby={headingId} className="card">
      <h3 id={headingId}>{report.title}</h3>
      <p>
        Till {report.toGroupName}, perioden {report.periodStart} – {report.periodEnd}.{" "}
        {report.status === "skickad" && report.sentAt ? `Skickad ${formatLongDate(report.sentAt)}.` : "Utkast."}
      </p>
      {report.status === "skickad" ? (
        <>
          <PdfLink path={report.pdfPath} sha256={report.pdfSha256} title={report.title} />
          <SentReportComments documentName={report.documentName} />
        </>
      ) : (
        <>
          <DraftReportText report={report} page={page} />
          {page.mayManage ? (
            <ConfirmedActionForm
              intent="send-report"
              fields={{ reportId: report.id }}
              label="Skicka rapporten"
              question={`Skicka rapporten ”${report.title}”?`}
              consequence={`Rapporten skickas till ${report.toGroupName} och arkiveras som PDF/A. Den kan inte ändras efteråt.`}
              confirmLabel="Ja, skicka rapporten"
              asked={asked}
            />
          ) : null}
        </>
      )}
    </section>
  );
}

/** A draft's live document with the group's review comments on its text beside it. */
function DraftReportText({ report, page }: { report: Page["own"][number]; page: Page }) {
  const comments = useDocumentComments(report.documentName, report.commentable);
  return (
    <>
      <LiveEditor
        documentName={report.documentName}
        label={`Rapport: ${report.title}`}
        editable={report.editable}
        user={page.user}
        comments={comments.editor}
      />
      <CommentsPanel comments={comments} heading="h4" />
    </>
  );
}

/**
 * A sent report is frozen: the comments made on its draft stay readable, none are added. They are read
 * only when opened, so a long list of sent reports does not poll for each one.
 */
function SentReportComments({ documentName }: { documentName: string }) {
  const [open, setOpen] = useState(false);
  return (
    <details onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>Kommentarer på utkastet</summary>
      {open ? <SentCommentsPanel documentName={documentName} /> : null}
    </details>
  );
}

function SentCommentsPanel({ documentName }: { documentName: string }) {
  return <CommentsPanel comments={useDocumentComments(documentName, false)} heading="h4" />;
}

function ReceivedReport({ report, page, errors }: { report: Page["inbox"][number]; page: Page; errors: Record<string, string | undefined> }) {
  const headingId = `rapport-${report.id}-rubrik`;
  return (
    <section id={`rapport-${report.id}`} aria-labelledby={headingId} className="card">
      <h3 id={headingId}>{report.title}</h3>
      <p>
        Från {report.fromGroupName}, perioden {report.periodStart} – {report.periodEnd}. {report.sentAt ? `Skickad ${formatIsoDate(report.sentAt)}.` : null}
      </p>
      <PdfLink path={report.pdfPath} sha256={report.pdfSha256} title={report.title} />
      <OnAgendas meetings={report.meetings} />
      {page.mayManage ? (
        <PutOnAgendaForm
          intent="report-to-agenda"
          fields={{ reportId: report.id }}
          label={`Möte för rapporten ”${report.title}”`}
          meetings={page.plannedMeetings}
          error={errors.meetingId}
        />
      ) : null}
    </section>
  );
}

function PdfLink({ path, sha256, title }: { path: string; sha256: string | null; title: string }) {
  return (
    <p>
      <a href={path}>{`${title} (PDF/A)`}</a>
      {sha256 ? <span className="muted">{` SHA-256 ${sha256.slice(0, 12)}…`}</span> : null}
    </p>
  );
}
