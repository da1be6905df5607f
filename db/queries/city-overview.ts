/**
 * The city-wide overview: every local agreement under a city-wide one side by side, for the
 * stadsövergripande styrgrupp and beredningsgrupp. It shows figures (counts, dates, statuses) and what
 * was handed over to them, never a local live text: a section's text is only tested for being empty.
 * Each kind of row is read once for all the local agreements (a city has a handful, at most some
 * thirty), and the figures are computed by the pure functions of db/domain/city-overview.ts.
 */
import { and, asc, desc, eq, gte, inArray, isNotNull, isNull, lt, or, sql } from "drizzle-orm";
import type { Db } from "../client";
import { readDocumentText } from "../documents/store";
import { revisionDue } from "../domain/agreement-rules";
import {
  daysBetween,
  meetingsHeldInYear,
  priorityCoverage,
  referenceDay,
  rowFigures,
  type Coverage,
  type PrioritySection,
  type RagBucket,
  type RowStatusBucket,
} from "../domain/city-overview";
import { documentName } from "../domain/document-names";
import type { GroupKind, SteeringDocumentStatus, VersionSubject } from "../domain/enums";
import { paragraphLabel } from "../domain/labels";
import { stockholmDate, stockholmYear } from "../domain/stockholm-time";
import {
  actionItems,
  actionPlanRows,
  actionPlans,
  actionRowReports,
  agreements,
  decisions,
  documentVersionParts,
  documentVersions,
  groups,
  meetings,
  memberships,
  priorityAreas,
  situationPictures,
  situationSections,
} from "../schema";
import { byGroupKind } from "./groups";
import { openActionItemStatuses } from "./action-items";
import { madeBeforeParent } from "./agreements";
import { handedOverToGroup, mayReadVersion } from "./steering-documents";
import type { Viewer } from "./sessions";

/** The earliest year the overview offers when the agreements start earlier still. */
const OLDEST_YEAR_SHOWN = 2000;

type CityAgreement = Pick<typeof agreements.$inferSelect, "id" | "slug" | "title" | "startsOn">;

/**
 * The city-wide agreement whose overview the viewer may see: the newest one (by start) of whose
 * styrgrupp or beredningsgrupp the viewer is a member, in any role; administrators see the newest one.
 * Null for everyone else, who is answered "finns inte".
 */
export function overviewAgreementFor(db: Db, viewer: Viewer): CityAgreement | null {
  const columns = { id: agreements.id, slug: agreements.slug, title: agreements.title, startsOn: agreements.startsOn };
  if (viewer.isAdmin) {
    return db.select(columns).from(agreements).where(eq(agreements.scope, "city_wide")).orderBy(desc(agreements.startsOn), desc(agreements.id)).get() ?? null;
  }
  return (
    db
      .selectDistinct(columns)
      .from(memberships)
      .innerJoin(groups, eq(groups.id, memberships.groupId))
      .innerJoin(agreements, eq(agreements.id, groups.agreementId))
      .where(
        and(
          eq(memberships.personId, viewer.id),
          eq(agreements.scope, "city_wide"),
          eq(groups.level, "city_wide"),
          inArray(groups.kind, ["styrgrupp", "beredningsgrupp"]),
        ),
      )
      .orderBy(desc(agreements.startsOn), desc(agreements.id))
      .get() ?? null
  );
}

/** Whether the viewer may see the city-wide overview at all (the home page and the city-wide groups' pages link it then). */
export function mayViewCityOverview(db: Db, viewer: Viewer): boolean {
  return overviewAgreementFor(db, viewer) !== null;
}

/** The years the overview offers, newest first: from the first year any of the agreements ran to this year. */
export function overviewYears(db: Db, agreement: CityAgreement, now = new Date()): number[] {
  const earliest = db
    .select({ startsOn: sql<string>`min(${agreements.startsOn})` })
    .from(agreements)
    .where(or(eq(agreements.id, agreement.id), eq(agreements.parentId, agreement.id)))
    .get()?.startsOn;
  const thisYear = stockholmYear(now);
  const first = Math.min(thisYear, Math.max(OLDEST_YEAR_SHOWN, earliest ? Number(earliest.slice(0, 4)) : thisYear));
  return Array.from({ length: thisYear - first + 1 }, (_, i) => thisYear - i);
}

export interface GroupFigures {
  id: number;
  name: string;
  kind: GroupKind;
  held: number;
  /** The agreement's yearly minimum, or null when it sets none. */
  required: number | null;
}

export interface DistrictOverview {
  agreementId: number;
  slug: string;
  title: string;
  /** The district ("Skärholmen"), or the title when the agreement names none. */
  area: string;
  groups: GroupFigures[];
  /** The year's lägesbild: its status (null when none is begun) and, once decided, the decision's date and §. */
  lagesbild: { status: SteeringDocumentStatus | null; decidedOn: string | null; paragraph: string | null };
  /** The last lägesbild decided by the reference day: its year, the decision's date and its age in days. */
  lastDecidedLagesbild: { year: number; decidedOn: string; ageDays: number } | null;
  /** The åtgärdsplan's last decision by the reference day. */
  actionPlanDecidedOn: string | null;
  actionRows: number;
  rowsByStatus: Record<RowStatusBucket, number>;
  rowsByRag: Record<RagBucket, number>;
  /** Coverage of each city-wide priority area, in the order of `CityOverview.priorityAreas`. */
  priorities: Coverage[];
  /** What the coverage is read from: the year's decided lägesbild, its draft, or nothing (none begun). */
  prioritiesFrom: "faststalld" | "utkast" | null;
  /** Uppdrag of the agreement's groups not done (nor cancelled) past their due date, today. */
  overdueUppdrag: number;
  /** Due for revision by its own rule, or because it was made before the city-wide agreement in force. */
  revisionDue: boolean;
  revisionDueUnderParent: boolean;
  /** What the lokal styrgrupp handed over to the stadsövergripande beredningsgrupp (links only where the viewer may read the version). */
  handedOver: {
    versionId: number;
    subjectKind: VersionSubject;
    year: number | null;
    decidedOn: string;
    paragraph: string;
    handedOverOn: string;
    readable: boolean;
  }[];
}

export interface CityOverview {
  agreement: CityAgreement;
  year: number;
  /** A year was asked for that the overview does not offer: this year is shown instead, and the page says so. */
  yearRefused: boolean;
  years: number[];
  /** The day the figures are as of: today, or the last day of a past year. */
  asOf: string;
  today: string;
  priorityAreas: { id: number; name: string }[];
  districts: DistrictOverview[];
}

/**
 * The overview of the requested year (this year when none is asked for, or one the overview does not
 * offer) for a viewer who may see it, or null (the route answers 404).
 */
export function getCityOverview(db: Db, viewer: Viewer, requestedYear?: number, now = new Date()): CityOverview | null {
  const agreement = overviewAgreementFor(db, viewer);
  if (!agreement) return null;
  const years = overviewYears(db, agreement, now);
  const year = requestedYear !== undefined && years.includes(requestedYear) ? requestedYear : years[0]!;
  const today = stockholmDate(now);
  const asOf = referenceDay(year, now);
  const areas = db
    .select({ id: priorityAreas.id, name: priorityAreas.name })
    .from(priorityAreas)
    .where(eq(priorityAreas.agreementId, agreement.id))
    .orderBy(asc(priorityAreas.position))
    .all();
  const local = db.select().from(agreements).where(eq(agreements.parentId, agreement.id)).all();
  local.sort((a, b) => (a.area ?? a.title).localeCompare(b.area ?? b.title, "sv"));
  const ids = local.map((a) => a.id);
  const rows = ids.length === 0 ? null : gatherRows(db, ids, year, today);
  const handed = handedOverOf(db, viewer, agreement.id);
  return {
    agreement,
    year,
    yearRefused: requestedYear !== undefined && requestedYear !== year,
    years,
    asOf,
    today,
    priorityAreas: areas,
    districts: rows
      ? local.map((a) =>
          district(
            db,
            { ...a, parentStartsOn: agreement.startsOn },
            rows,
            areas.map((p) => p.id),
            { year, asOf, today },
            handed.get(a.id) ?? [],
          ),
        )
      : [],
  };
}

/** Every row the figures need, for all the local agreements at once. */
function gatherRows(db: Db, agreementIds: number[], year: number, today: string) {
  const agreementGroups = db
    .select({ id: groups.id, agreementId: groups.agreementId, name: groups.name, kind: groups.kind, required: groups.minMeetingsPerYear })
    .from(groups)
    .where(and(inArray(groups.agreementId, agreementIds), eq(groups.active, true)))
    .orderBy(asc(groups.name))
    .all()
    .sort(byGroupKind);
  const groupIds = agreementGroups.map((g) => g.id);
  // A day either side of the year in UTC covers every meeting of the Stockholm year; the domain function keeps the year's own.
  const groupMeetings =
    groupIds.length === 0
      ? []
      : db
          .select({ groupId: meetings.groupId, startsAt: meetings.startsAt, status: meetings.status })
          .from(meetings)
          .where(and(inArray(meetings.groupId, groupIds), gte(meetings.startsAt, `${year - 1}-12-31`), lt(meetings.startsAt, `${year + 1}-01-02`)))
          .all();
  const overdue =
    groupIds.length === 0
      ? []
      : db
          .select({ groupId: actionItems.groupId, count: sql<number>`count(*)` })
          .from(actionItems)
          .where(and(inArray(actionItems.groupId, groupIds), inArray(actionItems.status, openActionItemStatuses), lt(actionItems.dueOn, today)))
          .groupBy(actionItems.groupId)
          .all();
  const pictures = db.select().from(situationPictures).where(inArray(situationPictures.agreementId, agreementIds)).all();
  const plans = db
    .select({ id: actionPlans.id, agreementId: actionPlans.agreementId })
    .from(actionPlans)
    .where(inArray(actionPlans.agreementId, agreementIds))
    .all();
  const decided = decidedVersions(db, [
    ...pictures.map((p) => ({ kind: "lagesbild" as const, id: p.id })),
    ...plans.map((p) => ({ kind: "atgardsplan" as const, id: p.id })),
  ]);
  const planIds = plans.map((p) => p.id);
  const planRows =
    planIds.length === 0
      ? []
      : db
          .select({ id: actionPlanRows.id, planId: actionPlanRows.planId })
          .from(actionPlanRows)
          .where(and(inArray(actionPlanRows.planId, planIds), isNull(actionPlanRows.removedAt)))
          .all();
  const reports =
    planRows.length === 0
      ? []
      : db
          .select({
            rowId: actionRowReports.rowId,
            id: actionRowReports.id,
            status: actionRowReports.status,
            rag: actionRowReports.rag,
            reportedAt: actionRowReports.reportedAt,
          })
          .from(actionRowReports)
          .where(
            inArray(
              actionRowReports.rowId,
              planRows.map((r) => r.id),
            ),
          )
          .all();
  return { agreementGroups, groupMeetings, overdue, pictures, plans, decided, planRows, reports };
}

type Rows = ReturnType<typeof gatherRows>;

interface DecidedRow {
  versionId: number;
  subjectKind: VersionSubject;
  subjectId: number;
  adoptedAt: string;
  paragraph: string;
}

/** Decided versions of the subjects, newest decision first. */
function decidedVersions(db: Db, subjects: { kind: VersionSubject; id: number }[]): DecidedRow[] {
  const of = (kind: VersionSubject) => subjects.filter((s) => s.kind === kind).map((s) => s.id);
  const conditions = (["lagesbild", "atgardsplan"] as const)
    .filter((kind) => of(kind).length > 0)
    .map((kind) => and(eq(documentVersions.subjectKind, kind), inArray(documentVersions.subjectId, of(kind))));
  if (conditions.length === 0) return [];
  return db
    .select({
      versionId: documentVersions.id,
      subjectKind: documentVersions.subjectKind,
      subjectId: documentVersions.subjectId,
      adoptedAt: decisions.adoptedAt,
      number: decisions.number,
      year: decisions.year,
    })
    .from(documentVersions)
    .innerJoin(decisions, eq(decisions.id, documentVersions.decisionId))
    .where(and(isNotNull(documentVersions.decisionId), or(...conditions)))
    .orderBy(desc(decisions.adoptedAt), desc(documentVersions.id))
    .all()
    .map(({ number, year, ...row }) => ({ ...row, paragraph: paragraphLabel(number, year) }));
}

function district(
  db: Db,
  agreement: typeof agreements.$inferSelect & { parentStartsOn: string },
  rows: Rows,
  areaIds: number[],
  when: { year: number; asOf: string; today: string },
  handedOver: DistrictOverview["handedOver"],
): DistrictOverview {
  const { year, asOf, today } = when;
  const ownGroups = rows.agreementGroups.filter((g) => g.agreementId === agreement.id);
  const pictures = rows.pictures.filter((p) => p.agreementId === agreement.id);
  const pictureYear = new Map(pictures.map((p) => [p.id, p.year]));
  const decidedPictures = rows.decided.filter((d) => d.subjectKind === "lagesbild" && pictureYear.has(d.subjectId));
  const picture = pictures.find((p) => p.year === year);
  const pictureDecision = picture ? decidedPictures.find((d) => d.subjectId === picture.id) : undefined;
  const lastDecided = decidedPictures.find((d) => stockholmDate(d.adoptedAt) <= asOf);
  const plan = rows.plans.find((p) => p.agreementId === agreement.id);
  const planDecision = plan
    ? rows.decided.find((d) => d.subjectKind === "atgardsplan" && d.subjectId === plan.id && stockholmDate(d.adoptedAt) <= asOf)
    : undefined;
  const rowIds = plan ? rows.planRows.filter((r) => r.planId === plan.id).map((r) => r.id) : [];
  const figures = rowFigures(
    rowIds,
    rows.reports.filter((r) => rowIds.includes(r.rowId)),
    asOf,
  );
  const ownGroupIds = new Set(ownGroups.map((g) => g.id));
  return {
    agreementId: agreement.id,
    slug: agreement.slug,
    title: agreement.title,
    area: agreement.area ?? agreement.title,
    groups: ownGroups.map((g) => ({
      id: g.id,
      name: g.name,
      kind: g.kind,
      required: g.required,
      held: meetingsHeldInYear(
        rows.groupMeetings.filter((m) => m.groupId === g.id),
        year,
      ),
    })),
    lagesbild: {
      status: picture?.status ?? null,
      decidedOn: pictureDecision ? stockholmDate(pictureDecision.adoptedAt) : null,
      paragraph: pictureDecision?.paragraph ?? null,
    },
    lastDecidedLagesbild: lastDecided
      ? {
          year: pictureYear.get(lastDecided.subjectId)!,
          decidedOn: stockholmDate(lastDecided.adoptedAt),
          ageDays: daysBetween(stockholmDate(lastDecided.adoptedAt), asOf),
        }
      : null,
    actionPlanDecidedOn: planDecision ? stockholmDate(planDecision.adoptedAt) : null,
    actionRows: rowIds.length,
    rowsByStatus: figures.byStatus,
    rowsByRag: figures.byRag,
    priorities: priorityCoverage(areaIds, picture ? prioritySections(db, picture.id, pictureDecision?.versionId) : []),
    prioritiesFrom: picture ? (pictureDecision ? "faststalld" : "utkast") : null,
    overdueUppdrag: rows.overdue.filter((o) => ownGroupIds.has(o.groupId)).reduce((sum, o) => sum + o.count, 0),
    revisionDue: revisionDue(agreement, today),
    revisionDueUnderParent: madeBeforeParent(agreement, { startsOn: agreement.parentStartsOn }),
    handedOver,
  };
}

/** The frozen "data" of a lägesbild version, as far as the coverage needs it. */
interface FrozenSections {
  sections: { key: string; notApplicableReason: string | null }[];
}

/**
 * The priority-area sections of a lägesbild: from its decided version when it has one (what the
 * styrgrupp fastställde), else as the sections stand now. Part i of a version is data.sections[i].
 */
function prioritySections(db: Db, pictureId: number, decidedVersionId: number | undefined): PrioritySection[] {
  if (decidedVersionId !== undefined) {
    const version = db.select({ data: documentVersions.data }).from(documentVersions).where(eq(documentVersions.id, decidedVersionId)).get();
    const data = JSON.parse(version?.data ?? "{}") as Partial<FrozenSections>;
    const written = new Set(
      db
        .select({ position: documentVersionParts.position })
        .from(documentVersionParts)
        .where(and(eq(documentVersionParts.versionId, decidedVersionId), sql`length(trim(${documentVersionParts.plainText})) > 0`))
        .all()
        .map((p) => p.position),
    );
    return (data.sections ?? []).flatMap((s, index) => {
      const match = /^prio-(\d+)$/.exec(s.key);
      return match ? [{ priorityAreaId: Number(match[1]), notApplicableReason: s.notApplicableReason, hasText: written.has(index) }] : [];
    });
  }
  return db
    .select({ id: situationSections.id, priorityAreaId: situationSections.priorityAreaId, notApplicableReason: situationSections.notApplicableReason })
    .from(situationSections)
    .where(and(eq(situationSections.pictureId, pictureId), isNotNull(situationSections.priorityAreaId)))
    .all()
    .map((s) => ({
      priorityAreaId: s.priorityAreaId!,
      notApplicableReason: s.notApplicableReason,
      // Only whether it is empty is used: the overview never shows a local live text.
      hasText: readDocumentText(db, documentName({ kind: "lagesbild_section", sectionId: s.id })).trim() !== "",
    }));
}

/** What each local agreement handed over to the city-wide agreement's beredningsgrupp, by agreement id. */
function handedOverOf(db: Db, viewer: Viewer, cityAgreementId: number): Map<number, DistrictOverview["handedOver"]> {
  const receivers = db
    .select({ id: groups.id })
    .from(groups)
    .where(and(eq(groups.agreementId, cityAgreementId), eq(groups.kind, "beredningsgrupp"), eq(groups.level, "city_wide")))
    .all();
  const found = new Map<number, DistrictOverview["handedOver"]>();
  for (const receiver of receivers) {
    for (const h of handedOverToGroup(db, receiver.id)) {
      const list = found.get(h.agreementId) ?? [];
      list.push({
        versionId: h.versionId,
        subjectKind: h.subjectKind,
        year: h.year,
        decidedOn: stockholmDate(h.adoptedAt),
        paragraph: h.paragraph,
        handedOverOn: stockholmDate(h.handedOverAt),
        readable: mayReadVersion(db, viewer, h.versionId),
      });
      found.set(h.agreementId, list);
    }
  }
  return found;
}
