import { getDb } from "../../db/client";
import { stockholmLongDate } from "../../db/domain/stockholm-time";
import { getCityOverview, type CityOverview } from "../../db/queries/city-overview";
import { isDemoData } from "../../db/queries/demo-flag";
import type { Viewer } from "../../db/queries/sessions";
import { nowIso } from "../../db/time";
import { overviewCharts } from "../../server/overview/charts";
import { overviewTables } from "../../server/overview/tables";
import { renderOverviewOffThread } from "../../server/protocol/render-pool";
import { toCsv } from "../utils/csv";

/**
 * The city-wide overview for the page and its two exports. `ar` is the query parameter as given: absent
 * means this year; anything that is not a year the overview offers is refused (the page says so and
 * shows this year, the exports answer 404). Null when the viewer may not see the overview.
 */
export function requestedYear(ar: string | null): number | undefined {
  if (ar === null || ar === "") return undefined;
  return /^\d{4}$/.test(ar) ? Number(ar) : Number.NaN;
}

function overviewFor(viewer: Viewer, ar: string | null): CityOverview | null {
  return getCityOverview(getDb(), viewer, requestedYear(ar));
}

/** "Uppgifterna gäller 23 november 2026 (2026-11-23)." */
function asOfLine(overview: CityOverview): string {
  return `Uppgifterna gäller ${stockholmLongDate(overview.asOf)} (${overview.asOf}).`;
}

export function cityOverviewPage(viewer: Viewer, ar: string | null) {
  const overview = overviewFor(viewer, ar);
  if (!overview) return null;
  return { overview, asOfLine: asOfLine(overview), charts: overviewCharts(overview), tables: overviewTables(overview) };
}

function exportName(overview: CityOverview, extension: "csv" | "pdf"): string {
  return `Stadsövergripande översikt ${overview.year}${isDemoData(getDb()) ? " DEMO" : ""}.${extension}`;
}

/** The tables one after another, each under its caption and followed by an empty line, as Swedish Excel opens CSV. */
export function cityOverviewCsv(viewer: Viewer, ar: string | null): { bytes: Uint8Array; fileName: string } | null {
  const overview = overviewFor(viewer, ar);
  if (!overview || overview.yearRefused) return null;
  const lines = [[`Stadsövergripande översikt ${overview.year}`], [asOfLine(overview)], []];
  for (const table of overviewTables(overview)) lines.push([table.caption], table.columns, ...table.rows, []);
  return { bytes: new TextEncoder().encode(toCsv(lines)), fileName: exportName(overview, "csv") };
}

export async function cityOverviewPdf(viewer: Viewer, ar: string | null): Promise<{ bytes: Uint8Array; fileName: string } | null> {
  const overview = overviewFor(viewer, ar);
  if (!overview || overview.yearRefused) return null;
  const pdf = await renderOverviewOffThread({
    title: `Stadsövergripande översikt ${overview.year}`,
    agreementTitle: overview.agreement.title,
    asOfLine: asOfLine(overview),
    demo: isDemoData(getDb()),
    tables: overviewTables(overview),
    generatedAt: nowIso(new Date()),
  });
  return { bytes: pdf, fileName: exportName(overview, "pdf") };
}
