import * as Plot from "@observablehq/plot";
import { parseHTML } from "linkedom";
import { coverageLabels, ragBuckets, rowStatusBuckets, type Coverage, type RagBucket, type RowStatusBucket } from "../../db/domain/city-overview";
import { groupKindLabels } from "../../db/domain/labels";
import type { CityOverview } from "../../db/queries/city-overview";
import { heldAgainstMinimum, ragBucketLabel, statusBucketLabel } from "./tables";

/**
 * The city-wide overview's charts, drawn on the server with Observable Plot into SVG (linkedom gives Plot
 * a document): the browser gets finished markup and no chart code. Each SVG is role="img" with an
 * aria-label saying what it shows; the page puts a visible caption on it and links the table with the
 * same figures. Colours reach 3:1 against white and against the white text on them, and nothing is said
 * by colour alone: every bar and cell carries its category in an axis label and its figure as text.
 */
export interface OverviewChart {
  id: string;
  title: string;
  /** What the chart shows, in a sentence: the SVG's aria-label and the page's caption. */
  description: string;
  /** The id of the table with the same figures. */
  tableId: string;
  svg: string;
}

const INK = "#1a1a1a";
const BAR = "#1f5fa8";
const ragColours: Record<RagBucket, string> = { gront: "#1a7f37", gult: "#8a5a00", rott: "#b3261e", ingen_rapport: "#5c5c5c" };
const statusColours: Record<RowStatusBucket, string> = {
  ej_paborjad: "#5c5c5c",
  pagar: "#1f5fa8",
  genomford: "#1a7f37",
  stoppad: "#b3261e",
  ingen_rapport: "#767676",
};
const coverageColours: Record<Coverage, string> = { behandlat: "#1a7f37", ej_aktuellt: "#5c5c5c", saknas: "#ffffff" };

const ROW_HEIGHT = 22;
/** The SVG's own width; it scales down with the page (max-width: 100%). */
const WIDTH = 760;
const STYLE = `font-size: 12px; color: ${INK}; background: #ffffff; overflow: visible;`;

function render(options: Plot.PlotOptions, ariaLabel: string): string {
  const { document } = parseHTML("<!doctype html><html><body></body></html>");
  const figure = Plot.plot({ width: WIDTH, ...options, document, ariaLabel }) as unknown as Element;
  figure.setAttribute("role", "img");
  // Plot names its marks' groups too (aria-label="bar"); inside an image they are presentational, and a name on a
  // <g> without a role is not allowed, so the chart's own label is the only one.
  for (const named of figure.querySelectorAll("[aria-label]")) named.removeAttribute("aria-label");
  // Set here rather than through Plot's `style`, which assigns to a property linkedom only has a getter for.
  figure.setAttribute("style", STYLE);
  return figure.outerHTML;
}

/** Integer ticks from 0 to the largest value (at least 1), at most about ten of them. */
function countTicks(max: number): number[] {
  const top = Math.max(1, max);
  const step = Math.max(1, Math.ceil(top / 10));
  return Array.from({ length: Math.floor(top / step) + 1 }, (_, i) => i * step);
}

function meetingsChart(overview: CityOverview): OverviewChart {
  const data = overview.districts.flatMap((d) =>
    d.groups
      .filter((g) => g.required !== null)
      .map((g) => ({ label: `${d.area} – ${groupKindLabels[g.kind].toLowerCase()}`, held: g.held, required: g.required! })),
  );
  const max = Math.max(0, ...data.map((d) => Math.max(d.held, d.required)));
  const description = `Möten som hållits ${overview.year} i varje grupp med ett minimum, som stapel, mot minimum per år, som lodrätt streck.`;
  return {
    id: "diagram-moten",
    title: `Möten ${overview.year} mot minimum`,
    description,
    tableId: "tabell-moten",
    svg: render(
      {
        height: 40 + data.length * ROW_HEIGHT,
        marginLeft: 260,
        marginRight: 70,
        x: { label: "Antal möten", domain: [0, max + 1], ticks: countTicks(max + 1), tickFormat: "d", grid: true },
        y: { label: null, domain: data.map((d) => d.label) },
        marks: [
          Plot.barX(data, { x: "held", y: "label", fill: BAR }),
          Plot.tickX(data, { x: "required", y: "label", stroke: INK, strokeWidth: 3 }),
          Plot.text(data, {
            x: (d) => Math.max(d.held, d.required),
            y: "label",
            text: (d) => heldAgainstMinimum(d.held, d.required),
            dx: 8,
            textAnchor: "start",
            fill: INK,
          }),
          Plot.ruleX([0], { stroke: INK }),
        ],
      },
      description,
    ),
  };
}

/** One bar per district and category, the districts stacked as facets: the category is the axis label, the count the text. */
function perCategoryChart<K extends string>(
  overview: CityOverview,
  spec: { id: string; title: string; description: string; tableId: string; buckets: readonly K[]; label: (k: K) => string; colours: Record<K, string> },
  counts: (d: CityOverview["districts"][number]) => Record<K, number>,
): OverviewChart {
  const data = overview.districts.flatMap((d) =>
    spec.buckets.map((b) => ({ area: d.area, bucket: spec.label(b), count: counts(d)[b], colour: spec.colours[b] })),
  );
  const max = Math.max(0, ...data.map((d) => d.count));
  return {
    id: spec.id,
    title: spec.title,
    description: spec.description,
    tableId: spec.tableId,
    svg: render(
      {
        height: 40 + overview.districts.length * (spec.buckets.length * ROW_HEIGHT + 12),
        marginLeft: 150,
        marginRight: 40,
        fy: { label: null, domain: overview.districts.map((d) => d.area), axis: "left", padding: 0.15 },
        // The category is written beside each bar ("Pågår 3"), so the y axis itself is not drawn.
        y: { label: null, domain: spec.buckets.map(spec.label), axis: null },
        x: { label: "Antal åtgärder", domain: [0, max + 1], ticks: countTicks(max + 1), tickFormat: "d", grid: true },
        marks: [
          Plot.barX(data, { fy: "area", y: "bucket", x: "count", fill: "colour" }),
          Plot.text(data, { fy: "area", y: "bucket", x: "count", text: (d) => `${d.bucket} ${d.count}`, dx: 6, textAnchor: "start", fill: INK }),
          Plot.ruleX([0], { stroke: INK }),
          Plot.frame({ stroke: "#d0d0d0" }),
        ],
      },
      spec.description,
    ),
  };
}

function coverageChart(overview: CityOverview): OverviewChart {
  const data = overview.districts.flatMap((d) => overview.priorityAreas.map((area, i) => ({ area: d.area, priority: area.name, coverage: d.priorities[i]! })));
  const description = `Hur lägesbilden ${overview.year} i varje område behandlar de stadsövergripande prioriterade samverkansområdena: behandlat, ej aktuellt eller saknas.`;
  return {
    id: "diagram-prioriterade",
    title: `Prioriterade områden i lägesbilden ${overview.year}`,
    description,
    tableId: "tabell-prioriterade",
    svg: render(
      {
        height: 50 + overview.priorityAreas.length * 30,
        marginLeft: 360,
        padding: 0.06,
        x: { label: null, domain: overview.districts.map((d) => d.area), axis: "top" },
        y: { label: null, domain: overview.priorityAreas.map((a) => a.name) },
        marks: [
          Plot.cell(data, {
            x: "area",
            y: "priority",
            fill: (d) => coverageColours[d.coverage as Coverage],
            stroke: (d) => (d.coverage === "saknas" ? "#b3261e" : "none"),
          }),
          Plot.text(data, {
            x: "area",
            y: "priority",
            text: (d) => coverageLabels[d.coverage as Coverage],
            fill: (d) => (d.coverage === "saknas" ? "#b3261e" : "#ffffff"),
            fontWeight: "bold",
          }),
        ],
      },
      description,
    ),
  };
}

function ageChart(overview: CityOverview): OverviewChart {
  const data = overview.districts.map((d) => ({ area: d.area, age: d.lastDecidedLagesbild?.ageDays ?? 0, decided: d.lastDecidedLagesbild !== null }));
  const max = Math.max(0, ...data.map((d) => d.age));
  const description = `Dagar sedan den senast fastställda lägesbilden i varje område, räknat till ${overview.asOf}.`;
  return {
    id: "diagram-alder",
    title: "Lägesbildens ålder",
    description,
    tableId: "tabell-sammanstallning",
    svg: render(
      {
        height: 50 + data.length * ROW_HEIGHT * 1.4,
        marginLeft: 150,
        marginRight: 140,
        x: { label: "Dagar sedan fastställandet", domain: [0, Math.max(10, max * 1.1)], grid: true, tickFormat: "d" },
        y: { label: null, domain: data.map((d) => d.area) },
        marks: [
          Plot.barX(data, { x: "age", y: "area", fill: BAR }),
          Plot.text(data, { x: "age", y: "area", text: (d) => (d.decided ? `${d.age} dagar` : "Ingen fastställd"), dx: 6, textAnchor: "start", fill: INK }),
          Plot.ruleX([0], { stroke: INK }),
        ],
      },
      description,
    ),
  };
}

export function overviewCharts(overview: CityOverview): OverviewChart[] {
  if (overview.districts.length === 0) return [];
  return [
    meetingsChart(overview),
    ageChart(overview),
    perCategoryChart(
      overview,
      {
        id: "diagram-status",
        title: "Åtgärder per status",
        description: "Åtgärdsplanernas åtgärder per status i den senaste rapporten, område för område.",
        tableId: "tabell-status",
        buckets: rowStatusBuckets,
        label: statusBucketLabel,
        colours: statusColours,
      },
      (d) => d.rowsByStatus,
    ),
    perCategoryChart(
      overview,
      {
        id: "diagram-rag",
        title: "Åtgärder per RAG-markering",
        description: "Åtgärdsplanernas åtgärder per RAG-markering (grönt, gult, rött) i den senaste rapporten, område för område.",
        tableId: "tabell-rag",
        buckets: ragBuckets,
        label: ragBucketLabel,
        colours: ragColours,
      },
      (d) => d.rowsByRag,
    ),
    coverageChart(overview),
  ];
}
