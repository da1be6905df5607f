/**
 * The figures of the city-wide overview, computed from plain rows: meetings held against the minimum,
 * the age of a decided document, åtgärder per status and per RAG mark, and how a lägesbild covers the
 * city-wide priority areas. No database here: db/queries/city-overview.ts gathers the rows.
 */
import { hasStarted } from "./meeting-status";
import { stockholmDate, stockholmYear } from "./stockholm-time";
import { actionRowStatuses, ragMarks, type ActionRowStatus, type MeetingStatus, type RagMark } from "./enums";

/** How a lägesbild treats one priority area: written about, marked "ej aktuellt" with a reason, or neither. */
export const coverageKinds = ["behandlat", "ej_aktuellt", "saknas"] as const;
export type Coverage = (typeof coverageKinds)[number];
export const coverageLabels: Record<Coverage, string> = { behandlat: "Behandlat", ej_aktuellt: "Ej aktuellt", saknas: "Saknas" };

/** An åtgärd without any follow-up report has neither a status nor a RAG mark reported yet. */
export const NOT_REPORTED = "ingen_rapport";
export const notReportedLabel = "Ingen rapport";
export type RowStatusBucket = ActionRowStatus | typeof NOT_REPORTED;
export type RagBucket = RagMark | typeof NOT_REPORTED;
export const rowStatusBuckets: readonly RowStatusBucket[] = [...actionRowStatuses, NOT_REPORTED];
export const ragBuckets: readonly RagBucket[] = [...ragMarks, NOT_REPORTED];

/** Meetings of the year that took place (started: pågått, avslutat, justerat); planned and inställda ones do not count. */
export function meetingsHeldInYear(meetings: { startsAt: string; status: MeetingStatus }[], year: number): number {
  return meetings.filter((m) => hasStarted(m.status) && stockholmYear(m.startsAt) === year).length;
}

/**
 * The day the overview of a year is seen from: today for this year (and any later one), the year's last day for a
 * past year, so a past year's figures are as they stood when it ended.
 */
export function referenceDay(year: number, now: Date): string {
  const today = stockholmDate(now);
  const lastDay = `${year}-12-31`;
  return lastDay < today ? lastDay : today;
}

/** Whole days from one ISO date (YYYY-MM-DD) to a later one. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Counts of each bucket, every bucket present (zero when none). */
export function countBy<K extends string>(buckets: readonly K[], values: K[]): Record<K, number> {
  const counts = Object.fromEntries(buckets.map((b) => [b, 0])) as Record<K, number>;
  for (const value of values) counts[value]++;
  return counts;
}

/**
 * Each åtgärd's latest report (by report id, on or before the reference day) as status and RAG buckets; a row
 * never reported, or reported without a RAG mark, counts as "ingen rapport" for that figure.
 */
export function rowFigures(
  rowIds: number[],
  reports: { rowId: number; id: number; status: ActionRowStatus; rag: RagMark | null; reportedAt: string }[],
  day: string,
): { byStatus: Record<RowStatusBucket, number>; byRag: Record<RagBucket, number> } {
  const latest = new Map<number, (typeof reports)[number]>();
  for (const report of reports) {
    if (stockholmDate(report.reportedAt) > day) continue;
    const seen = latest.get(report.rowId);
    if (!seen || seen.id < report.id) latest.set(report.rowId, report);
  }
  const statuses = rowIds.map((id) => latest.get(id)?.status ?? NOT_REPORTED);
  const rags = rowIds.map((id) => latest.get(id)?.rag ?? NOT_REPORTED);
  return { byStatus: countBy(rowStatusBuckets, statuses), byRag: countBy(ragBuckets, rags) };
}

/** One priority-area section as a lägesbild (or a version of it) holds it. */
export interface PrioritySection {
  priorityAreaId: number;
  notApplicableReason: string | null;
  /** Whether the section has any text of its own (guidance is never text). */
  hasText: boolean;
}

/** Coverage of each priority area (in the areas' order): ej aktuellt wins over text, no section or no text is saknas. */
export function priorityCoverage(areaIds: number[], sections: PrioritySection[]): Coverage[] {
  const byArea = new Map(sections.map((s) => [s.priorityAreaId, s]));
  return areaIds.map((id) => {
    const section = byArea.get(id);
    if (section?.notApplicableReason) return "ej_aktuellt";
    return section?.hasText ? "behandlat" : "saknas";
  });
}
