import { getDb } from "../../db/client";
import type { Viewer } from "../../db/queries/sessions";
import { getGroupReports, mayReadSentReport, putReportOnAgenda, createReport, sendReport } from "../../db/queries/chain-reports";
import { isProtocolRenderError } from "../../server/protocol/render-pool";
import { reportFileName, reportPdf } from "../../server/steering/report-pdf";
import { CONFIRM_FIELD, CONFIRM_VALUE } from "../utils/confirmation";
import type { FieldErrors } from "../utils/forms";
import { IdSchema } from "../utils/validation";
import { fieldErrorsFrom } from "./domain-errors.server";
import { editorUser } from "./live-documents.server";

/** The reports page of a group (its own reports and its inbox), or null for a viewer who may not see the group. */
export function reportsPage(viewer: Viewer, groupId: number) {
  const page = getGroupReports(getDb(), viewer, groupId);
  return page && { ...page, user: editorUser(viewer) };
}

export type ReportActionResult = { ok: true; message: string } | { ok: false; fieldErrors: FieldErrors; confirmReportId?: number };

/**
 * The reports page's posts, by intent: start a report, send one (confirmed: it cannot be undone), put
 * a received one on a meeting's agenda. The verbs check the rights; refusals become 404/403 or
 * messages at their fields.
 */
export async function handleReportAction(viewer: Viewer, groupId: number, form: FormData, now = new Date()): Promise<ReportActionResult> {
  const text = (name: string) => {
    const value = form.get(name);
    return typeof value === "string" ? value : "";
  };
  const db = getDb();
  try {
    switch (text("intent")) {
      case "create-report": {
        createReport(db, viewer, groupId, { title: text("title"), periodStart: text("periodStart"), periodEnd: text("periodEnd") }, now);
        return { ok: true, message: "Rapporten är påbörjad. Gruppens medlemmar kan skriva i den tills den skickas." };
      }
      case "send-report": {
        const reportId = IdSchema.safeParse(form.get("reportId"));
        if (!reportId.success) return { ok: false, fieldErrors: { form: "Ogiltig rapport." } };
        if (text(CONFIRM_FIELD) !== CONFIRM_VALUE) return { ok: false, fieldErrors: {}, confirmReportId: reportId.data };
        sendReport(db, viewer, reportId.data, now);
        return { ok: true, message: await archived(reportId.data) };
      }
      case "report-to-agenda": {
        const reportId = IdSchema.safeParse(form.get("reportId"));
        const meetingId = IdSchema.safeParse(form.get("meetingId"));
        if (!reportId.success) return { ok: false, fieldErrors: { form: "Ogiltig rapport." } };
        if (!meetingId.success) return { ok: false, fieldErrors: { meetingId: "Välj ett möte." } };
        putReportOnAgenda(db, viewer, reportId.data, meetingId.data, now);
        return { ok: true, message: "Rapporten är lagd på mötets dagordning." };
      }
      default:
        return { ok: false, fieldErrors: { form: "Okänd åtgärd." } };
    }
  } catch (error) {
    return { ok: false, fieldErrors: fieldErrorsFrom(error) };
  }
}

/** The sent report's PDF/A is made at once; the report is sent whatever happens here. */
async function archived(reportId: number): Promise<string> {
  try {
    await reportPdf(getDb(), reportId);
    return "Rapporten är skickad och arkiverad som PDF/A.";
  } catch (error) {
    if (!isProtocolRenderError(error)) throw error;
    return "Rapporten är skickad. PDF-filen kunde inte skapas just nu; den skapas när någon hämtar den.";
  }
}

/** A sent report's PDF/A for a viewer who may read it (the sending and the receiving group), else null. */
export async function reportPdfFor(viewer: Viewer, reportId: number): Promise<{ bytes: Buffer; fileName: string } | null> {
  const db = getDb();
  if (!mayReadSentReport(db, viewer, reportId)) return null;
  const pdf = await reportPdf(db, reportId);
  const fileName = reportFileName(db, reportId);
  return pdf && fileName ? { bytes: pdf, fileName } : null;
}
