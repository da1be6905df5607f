import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { paragraphLabel, sectionOwnerLabels, versionKindLabels } from "../../db/domain/labels";
import { stockholmLongDate } from "../../db/domain/stockholm-time";
import { isDemoData } from "../../db/queries/demo-flag";
import { bilagaTitle, steeringState } from "../../db/queries/steering-documents";
import { isTextPart, versionParts } from "../../db/queries/versions";
import { namedPlanRows, type VersionPlanRow } from "../../db/queries/action-plans";
import { responsibleLine, type VersionActivity } from "../../db/queries/communication-plans";
import { agreements, decisions, documentVersions, groups } from "../../db/schema";
import { textBudget } from "../protocol/text-limits";
import { blocksOfState, limitBlocks, type DataTable, type VersionDocument } from "./version-document";

interface LagesbildData {
  sections?: { title: string; owner: keyof typeof sectionOwnerLabels; notApplicableReason: string | null }[];
  sources?: { title: string; year: number | null; source: string }[];
  places?: { name: string; district: string; type: string; why: string; since: string | null }[];
}

function planTable(db: Db, rows: VersionPlanRow[]): DataTable {
  return {
    heading: "Åtgärder",
    columns: ["Åtgärd", "Problem", "Orsak", "Platser", "Prioriterade områden", "Mål", "Indikator", "Period", "Ansvarig", "Uppföljning"],
    rows: namedPlanRows(db, rows).map((r) => [
      r.measure,
      r.problem,
      r.cause,
      r.places,
      r.priorityAreas,
      r.goal,
      r.indicator,
      r.period,
      [r.party, r.responsibleFunction, r.person].filter((s) => s).join(", "),
      r.followUp,
    ]),
    empty: "Planen har inga åtgärder.",
  };
}

function activityTable(activities: VersionActivity[]): DataTable {
  return {
    heading: "Aktiviteter",
    columns: ["Vad", "Till vem", "Kanal", "När", "Vem/ansvarig"],
    rows: activities.map((a) => [a.what, a.audience, a.channel, [a.timing, a.plannedOn ?? ""].filter((s) => s).join(", "), responsibleLine(a)]),
    empty: "Planen har inga aktiviteter.",
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
  const data = JSON.parse(version.data) as LagesbildData & { rows?: VersionPlanRow[]; activities?: VersionActivity[] };
  const isPlan = version.subjectKind === "atgardsplan";
  // The protocol's limits: a part (a section, a row's notes) is one text, printed in this order.
  const budget = textBudget();
  const parts = versionParts(db, versionId)
    // The plan's rows' Y.Doc (maps, no text) is printed as the table below.
    .filter(isTextPart)
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
    tables: isPlan
      ? [planTable(db, data.rows ?? [])]
      : version.subjectKind === "kommunikationsplan"
        ? [activityTable(data.activities ?? [])]
        : lagesbildTables(data),
    sha256: version.sha256,
    generatedAt: decision?.adoptedAt ?? version.createdAt,
  };
}
