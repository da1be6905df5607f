import { Link } from "@remix-run/react";
import { useId } from "react";
import { actionRowStatuses, ragMarks, type ActionRowStatus, type RagMark } from "../../../db/domain/enums";
import { actionItemStatusLabels, actionRowStatusLabels, ragLabels } from "../../../db/domain/labels";
import { ActionForm } from "~/components/meeting/action-form";
import { formatIsoDate, formatLongDate } from "~/utils/format";

export interface RowReport {
  id: number;
  status: ActionRowStatus;
  rag: RagMark | null;
  comment: string;
  reportedAt: string;
  reportedBy: string;
  /** A medborgarlöfte's follow-up made at a styrgrupp meeting: when that meeting was. */
  meetingStartsAt?: string | null;
}

export interface RowFollowUpData {
  id: number;
  reports: RowReport[];
  actionItems: { id: number; title: string; status: keyof typeof actionItemStatusLabels; meetingId: number | null; ownerName: string }[];
}

/** The uppdrag linked to an åtgärd, its report history (newest first) and, for those who may, the report form. */
export function RowFollowUp({ data, title, mayReport }: { data: RowFollowUpData; title: string; mayReport: boolean }) {
  return (
    <>
      <h3>Kopplade uppdrag</h3>
      {data.actionItems.length === 0 ? (
        <p className="muted">Inga uppdrag är kopplade till åtgärden.</p>
      ) : (
        <ul>
          {data.actionItems.map((item) => (
            <li key={item.id} data-linked-action-item="">
              {item.meetingId ? <Link to={`/moten/${item.meetingId}`}>{item.title}</Link> : item.title} ({item.ownerName}, {actionItemStatusLabels[item.status]}
              )
            </li>
          ))}
        </ul>
      )}
      <h3>Uppföljning</h3>
      <ReportHistory reports={data.reports} />
      {mayReport ? <ReportForm fields={{ rowId: data.id }} title={title} latest={data.reports[0] ?? null} /> : null}
    </>
  );
}

export function ReportHistory({ reports }: { reports: RowReport[] }) {
  if (reports.length === 0) return <p className="muted">Ingen uppföljning rapporterad än.</p>;
  return (
    <ol className="report-history" reversed>
      {reports.map((report) => (
        <li key={report.id} data-report="">
          <span className="nowrap">{formatIsoDate(report.reportedAt)}</span> – {actionRowStatusLabels[report.status]}
          {report.rag ? <RagBadge rag={report.rag} /> : null} – {report.reportedBy}
          {report.meetingStartsAt ? ` (vid mötet ${formatLongDate(report.meetingStartsAt)})` : null}
          {report.comment ? <p className="report-history__comment">{report.comment}</p> : null}
        </li>
      ))}
    </ol>
  );
}

export function RagBadge({ rag }: { rag: RagMark }) {
  // The space keeps it a word of its own after the status, copied or read aloud ("Pågår Mål: gult").
  return (
    <>
      {" "}
      <span className={`rag rag--${rag}`}>Mål: {ragLabels[rag].toLowerCase()}</span>
    </>
  );
}

/**
 * Status, RAG mark and comment in one submit (intent "report"): one step, also on "Mina åtgärder". `fields` name
 * what is reported on: an åtgärd's row ({ rowId }), or a medborgarlöfte's activity ({ activityId }).
 */
export function ReportForm({
  intent = "report",
  fields,
  title,
  latest,
}: {
  intent?: string;
  fields: Record<string, number>;
  title: string;
  latest: Pick<RowReport, "status" | "rag"> | null;
}) {
  const id = useId();
  return (
    <ActionForm intent={intent} fields={fields} className="report-form" clearOnSuccess>
      {(busy) => (
        <fieldset>
          <legend>
            Rapportera uppföljning<span className="visually-hidden">: {title}</span>
          </legend>
          <div className="field">
            <label htmlFor={`${id}-status`}>Status</label>
            <select id={`${id}-status`} name="status" defaultValue={latest?.status ?? "pagar"}>
              {actionRowStatuses.map((status) => (
                <option key={status} value={status}>
                  {actionRowStatusLabels[status]}
                </option>
              ))}
            </select>
          </div>
          <fieldset className="field rag-choice">
            <legend>Målet (RAG)</legend>
            {ragMarks.map((rag) => (
              <label key={rag} className="checkbox">
                <input type="radio" name="rag" value={rag} defaultChecked={latest?.rag === rag} /> {ragLabels[rag]}
              </label>
            ))}
            <label className="checkbox">
              <input type="radio" name="rag" value="" defaultChecked={!latest?.rag} /> Ingen bedömning
            </label>
          </fieldset>
          <div className="field">
            <label htmlFor={`${id}-comment`}>Kommentar</label>
            <textarea id={`${id}-comment`} name="comment" rows={2} maxLength={2000} />
          </div>
          <button type="submit" className="button">
            {busy ? "Rapporterar…" : "Rapportera"}
          </button>
        </fieldset>
      )}
    </ActionForm>
  );
}
