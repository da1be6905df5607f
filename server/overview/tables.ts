import {
  coverageLabels,
  NOT_REPORTED,
  notReportedLabel,
  ragBuckets,
  rowStatusBuckets,
  type RagBucket,
  type RowStatusBucket,
} from "../../db/domain/city-overview";
import { actionRowStatusLabels, groupKindLabels, ragLabels, steeringDocumentStatusLabels } from "../../db/domain/labels";
import type { CityOverview, DistrictOverview } from "../../db/queries/city-overview";

/**
 * The city-wide overview's figures as tables: the page shows them under the charts, the CSV and the PDF
 * are made of them, so all three always say the same. Every cell is text; the first cell of a row names
 * the district (a row header).
 */
export interface OverviewTable {
  /** The HTML id the charts link to. */
  id: string;
  caption: string;
  columns: string[];
  rows: string[][];
}

export const statusBucketLabel = (b: RowStatusBucket) => (b === NOT_REPORTED ? notReportedLabel : actionRowStatusLabels[b]);
export const ragBucketLabel = (b: RagBucket) => (b === NOT_REPORTED ? "Ingen RAG-markering" : ragLabels[b]);

function lagesbildStatus(d: DistrictOverview): string {
  return d.lagesbild.status ? steeringDocumentStatusLabels[d.lagesbild.status] : "Inte påbörjad";
}

function revision(d: DistrictOverview): string {
  const reasons = [
    ...(d.revisionDue ? ["enligt sin revideringsregel"] : []),
    ...(d.revisionDueUnderParent ? ["gjord före den stadsövergripande överenskommelsen"] : []),
  ];
  return reasons.length === 0 ? "Nej" : `Ja, ${reasons.join(" och ")}`;
}

/** "2 av 4", "3 (inget minimum)". */
export function heldAgainstMinimum(held: number, required: number | null): string {
  return required === null ? `${held} (inget minimum)` : `${held} av ${required}`;
}

export function overviewTables(overview: CityOverview): OverviewTable[] {
  const { year, districts, priorityAreas } = overview;
  return [
    {
      id: "tabell-sammanstallning",
      caption: `Sammanställning per område ${year}`,
      columns: [
        "Område",
        `Lägesbild ${year}`,
        "Fastställd",
        "Senast fastställda lägesbild",
        "Ålder i dagar",
        "Åtgärdsplan senast fastställd",
        "Åtgärder",
        "Försenade uppdrag i dag",
        "Ska revideras",
      ],
      rows: districts.map((d) => [
        d.area,
        lagesbildStatus(d),
        d.lagesbild.decidedOn ? `${d.lagesbild.decidedOn}, ${d.lagesbild.paragraph}` : "–",
        d.lastDecidedLagesbild ? `${d.lastDecidedLagesbild.year} (fastställd ${d.lastDecidedLagesbild.decidedOn})` : "Ingen",
        d.lastDecidedLagesbild ? String(d.lastDecidedLagesbild.ageDays) : "–",
        d.actionPlanDecidedOn ?? "Aldrig",
        String(d.actionRows),
        String(d.overdueUppdrag),
        revision(d),
      ]),
    },
    {
      id: "tabell-moten",
      caption: `Möten som hållits ${year} mot överenskommelsens minimum, per grupp`,
      columns: ["Område", "Grupp", "Typ", "Hållna möten", "Minimum per år", "Minimum uppnått"],
      rows: districts.flatMap((d) =>
        d.groups.map((g) => [
          d.area,
          g.name,
          groupKindLabels[g.kind],
          String(g.held),
          g.required === null ? "Inget" : String(g.required),
          g.required === null ? "–" : g.held >= g.required ? "Ja" : "Nej",
        ]),
      ),
    },
    {
      id: "tabell-status",
      caption: "Åtgärder per status (senaste rapporten)",
      columns: ["Område", ...rowStatusBuckets.map(statusBucketLabel), "Totalt"],
      rows: districts.map((d) => [d.area, ...rowStatusBuckets.map((b) => String(d.rowsByStatus[b])), String(d.actionRows)]),
    },
    {
      id: "tabell-rag",
      caption: "Åtgärder per RAG-markering (senaste rapporten)",
      columns: ["Område", ...ragBuckets.map(ragBucketLabel), "Totalt"],
      rows: districts.map((d) => [d.area, ...ragBuckets.map((b) => String(d.rowsByRag[b])), String(d.actionRows)]),
    },
    {
      id: "tabell-prioriterade",
      caption: `De prioriterade samverkansområdena i lägesbilden ${year}`,
      columns: ["Område", ...priorityAreas.map((a) => a.name), "Enligt"],
      rows: districts.map((d) => [
        d.area,
        ...d.priorities.map((c) => coverageLabels[c]),
        d.prioritiesFrom === "faststalld" ? "Fastställd lägesbild" : d.prioritiesFrom === "utkast" ? "Utkast" : "Ingen lägesbild",
      ]),
    },
  ];
}
