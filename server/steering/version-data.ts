import { eq, inArray } from "drizzle-orm";
import type { Db } from "../../db/client";
import { paragraphLabel, sectionOwnerLabels, versionKindLabels } from "../../db/domain/labels";
import { stockholmLongDate } from "../../db/domain/stockholm-time";
import { isDemoData } from "../../db/queries/demo-flag";
import { bilagaTitle, steeringState } from "../../db/queries/steering-documents";
import { versionParts } from "../../db/queries/versions";
import { agreementParties, agreements, decisions, documentVersions, groups, people, places, priorityAreas } from "../../db/schema";
import { textBudget } from "../protocol/text-limits";
import { blocksOfState, limitBlocks, type DataTable, type VersionDocument } from "./version-document";

interface LagesbildData {
  sections?: { title: string; owner: keyof typeof sectionOwnerLabels; notApplicableReason: string | null }[];
  sources?: { title: string; year: number | null; source: string }[];
  places?: { name: string; district: string; type: string; why: string; since: string | null }[];
}

interface PlanRow {
  problem: string;
  cause: string;
  placeIds: number[];
  priorityAreaIds: number[];
  measure: string;
  goal: string;
  indicator: string;
  startsOn: string | null;
  endsOn: string | null;
  responsiblePartyId: number | null;
  responsibleFunction: string;
  responsiblePersonId: number | null;
  followUp: string;
}

const namesOf = (rows: { id: number; name: string }[]) => new Map(rows.map((r) => [r.id, r.name]));

function planTable(db: Db, rows: PlanRow[]): DataTable {
  const placeIds = rows.flatMap((r) => r.placeIds);
  const areaIds = rows.flatMap((r) => r.priorityAreaIds);
  const partyIds = rows.flatMap((r) => (r.responsiblePartyId ? [r.responsiblePartyId] : []));
  const personIds = rows.flatMap((r) => (r.responsiblePersonId ? [r.responsiblePersonId] : []));
  const placeNames = namesOf(placeIds.length ? db.select({ id: places.id, name: places.name }).from(places).where(inArray(places.id, placeIds)).all() : []);
  const areaNames = namesOf(
    areaIds.length ? db.select({ id: priorityAreas.id, name: priorityAreas.name }).from(priorityAreas).where(inArray(priorityAreas.id, areaIds)).all() : [],
  );
  const partyNames = namesOf(
    partyIds.length
      ? db.select({ id: agreementParties.id, name: agreementParties.shortName }).from(agreementParties).where(inArray(agreementParties.id, partyIds)).all()
      : [],
  );
  const personNames = namesOf(personIds.length ? db.select({ id: people.id, name: people.name }).from(people).where(inArray(people.id, personIds)).all() : []);
  const list = (ids: number[], names: Map<number, string>) =>
    ids
      .map((id) => names.get(id) ?? "")
      .filter((n) => n !== "")
      .join(", ");
  return {
    heading: "Åtgärder",
    columns: ["Åtgärd", "Problem", "Orsak", "Platser", "Prioriterade områden", "Mål", "Indikator", "Period", "Ansvarig", "Uppföljning"],
    rows: rows.map((r) => [
      r.measure,
      r.problem,
      r.cause,
      list(r.placeIds, placeNames),
      list(r.priorityAreaIds, areaNames),
      r.goal,
      r.indicator,
      [r.startsOn, r.endsOn].filter(Boolean).join(" – "),
      [
        r.responsiblePartyId ? partyNames.get(r.responsiblePartyId) : "",
        r.responsibleFunction,
        r.responsiblePersonId ? personNames.get(r.responsiblePersonId) : "",
      ]
        .filter((s) => s)
        .join(", "),
      r.followUp,
    ]),
    empty: "Planen har inga åtgärder.",
  };
}

function lagesbildTables(data: LagesbildData): DataTable[] {
  return [
    {
      heading: "Underlag",
      columns: ["Underlag", "År", "Avsändare"],
      rows: (data.sources ?? []).map((s) => [s.title, s.year === null ? "" : String(s.year), s.source]),
      empty: "Inga underlag angivna.",
    },
    {
      heading: "Avgränsade platser",
      columns: ["Plats", "Område", "Typ", "Varför", "Sedan"],
      rows: (data.places ?? []).map((p) => [p.name, p.district, p.type, p.why, p.since ?? ""]),
      empty: "Inga platser angivna.",
    },
  ];
}

/** A version as the exports print it, or null when there is no such version. Whether the viewer may read it is the caller's check. */
export function versionDocument(db: Db, versionId: number): VersionDocument | null {
  const version = db.select().from(documentVersions).where(eq(documentVersions.id, versionId)).get();
  if (!version) return null;
  const state = steeringState(db, { kind: version.subjectKind, id: version.subjectId })!;
  const agreement = db.select({ title: agreements.title }).from(agreements).where(eq(agreements.id, state.agreementId)).get()!;
  const decision = version.decisionId
    ? db
        .select({ number: decisions.number, year: decisions.year, adoptedAt: decisions.adoptedAt, groupName: groups.name })
        .from(decisions)
        .innerJoin(groups, eq(groups.id, decisions.groupId))
        .where(eq(decisions.id, version.decisionId))
        .get()
    : undefined;
  const data = JSON.parse(version.data) as LagesbildData & { rows?: PlanRow[] };
  const isPlan = version.subjectKind === "atgardsplan";
  // The protocol's limits: a part (a section, a row's notes) is one text, printed in this order.
  const budget = textBudget();
  const parts = versionParts(db, versionId)
    // The plan's first part is its rows' Y.Doc (maps, no text): the rows are printed as the table below.
    .filter((_, i) => !(isPlan && i === 0))
    .map((part, i) => {
      const blocks = blocksOfState(part.state);
      const section = isPlan ? undefined : data.sections?.[i];
      if (section?.notApplicableReason) blocks.unshift({ type: "paragraph", text: `Ej aktuellt: ${section.notApplicableReason}` });
      const owner = section ? ` (${sectionOwnerLabels[section.owner] ?? section.owner})` : "";
      return { title: `${part.title}${owner}`, blocks: limitBlocks(blocks, budget) };
    })
    .filter((part) => !isPlan || part.blocks.length > 0);
  return {
    title: bilagaTitle(state),
    agreementTitle: agreement.title,
    label: version.label,
    statusLine: decision
      ? `Fastställd av ${decision.groupName} ${stockholmLongDate(decision.adoptedAt)}, ${paragraphLabel(decision.number, decision.year)}`
      : `${versionKindLabels[version.kind]}, inte fastställd`,
    decided: decision !== undefined,
    demo: isDemoData(db),
    parts,
    cutCount: budget.cutCount(),
    tables: isPlan ? [planTable(db, data.rows ?? [])] : lagesbildTables(data),
    sha256: version.sha256,
    generatedAt: decision?.adoptedAt ?? version.createdAt,
  };
}
