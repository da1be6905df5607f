import { createHash } from "node:crypto";
import type { Db } from "../../db/client";
import { stockholmLongDate } from "../../db/domain/stockholm-time";
import { isDemoData } from "../../db/queries/demo-flag";
import { sentReportContent, storeReportPdf } from "../../db/queries/chain-reports";
import { renderVersionOffThread } from "../protocol/render-pool";
import { textBudget } from "../protocol/text-limits";
import { blocksOfState, limitBlocks, type VersionDocument } from "./version-document";

/**
 * A sent report as the version PDF prints a document (server/steering/version-pdf.ts: PDF/A-2b, DejaVu
 * embedded, tagged, deterministic): its frozen state, never the live document, dated by when it was
 * sent, so rendering it again gives the same bytes. Null when the report was not sent.
 */
export function reportDocument(db: Db, reportId: number): VersionDocument | null {
  const report = sentReportContent(db, reportId);
  if (!report) return null;
  const budget = textBudget();
  const blocks = limitBlocks(blocksOfState(report.frozenState), budget);
  return {
    title: `Rapport: ${report.title}`,
    agreementTitle: report.agreementTitle,
    label: `Från ${report.fromGroupName} till ${report.toGroupName}, perioden ${report.periodStart} – ${report.periodEnd}`,
    statusLine: `Skickad ${stockholmLongDate(report.sentAt)} av ${report.sentByName}`,
    // "Decided" only keeps the draft watermark off: a sent report is final.
    decided: true,
    demo: isDemoData(db),
    parts: [{ title: "Rapport", blocks }],
    cutCount: budget.cutCount(),
    tables: [],
    sha256: createHash("sha256").update(report.frozenText).digest("hex"),
    generatedAt: report.sentAt,
  };
}

/**
 * Renders a sent report's PDF/A once and stores it with its SHA-256, like a decided version
 * (version-archive.ts). Called right after sending; a render that failed then (pool busy) is done
 * on the first download. Returns the stored bytes, or null for a report not sent.
 */
export async function reportPdf(db: Db, reportId: number): Promise<Buffer | null> {
  const stored = sentReportContent(db, reportId);
  if (!stored) return null;
  if (stored.pdf) return stored.pdf;
  const data = reportDocument(db, reportId)!;
  const pdf = await renderVersionOffThread(data, { archival: true });
  storeReportPdf(db, reportId, pdf, createHash("sha256").update(pdf).digest("hex"));
  // Only the first stored PDF counts: a render racing this one returns what was stored.
  return sentReportContent(db, reportId)!.pdf;
}

/** "Rapport – <title> – <from group>.pdf" (with DEMO on demo data), what the download is saved as. */
export function reportFileName(db: Db, reportId: number): string | null {
  const report = sentReportContent(db, reportId);
  if (!report) return null;
  return `Rapport – ${report.title} – ${report.fromGroupName}${isDemoData(db) ? " DEMO" : ""}.pdf`;
}
