import { and, asc, desc, eq } from "drizzle-orm";
import type { Db } from "../client";
import type { RevisionRule } from "../domain/enums";
import {
  agreementAttachments,
  agreementParties,
  agreements,
  agreementSignatories,
  documentVersions,
  groups,
  organisations,
  priorityAreas,
  situationPictures,
} from "../schema";
import { memberGroupIds, visibleAgreementIds } from "./access";
import { revisionDue } from "../domain/agreement-rules";
import { stockholmDate, stockholmYear } from "../domain/stockholm-time";
import { agreementHistory } from "./agreement-versions";
import { byGroupKind } from "./groups";
import { decidedVersionsOfAgreement, mayReadVersion } from "./steering-documents";
import type { Viewer } from "./sessions";

/** Everything the agreement page shows, or null when it does not exist or the viewer may not read it. */
export function getAgreementPage(db: Db, viewer: Viewer, slug: string, now = new Date()) {
  const agreement = db.select().from(agreements).where(eq(agreements.slug, slug)).get();
  if (!agreement) return null;
  const visible = visibleAgreementIds(db, viewer);
  if (!visible.has(agreement.id)) return null;

  const parties = db
    .select({
      shortName: agreementParties.shortName,
      diarienummer: agreementParties.diarienummer,
      note: agreementParties.note,
      name: organisations.name,
      orgNr: organisations.orgNr,
      postalAddress: organisations.postalAddress,
    })
    .from(agreementParties)
    .innerJoin(organisations, eq(organisations.id, agreementParties.organisationId))
    .where(eq(agreementParties.agreementId, agreement.id))
    .orderBy(asc(agreementParties.position))
    .all();

  const attachments = db
    .select()
    .from(agreementAttachments)
    .where(eq(agreementAttachments.agreementId, agreement.id))
    .orderBy(asc(agreementAttachments.position))
    .all();

  const signatories = db
    .select({ name: agreementSignatories.name, title: agreementSignatories.title, signedOn: agreementSignatories.signedOn })
    .from(agreementSignatories)
    .where(eq(agreementSignatories.agreementId, agreement.id))
    .orderBy(asc(agreementSignatories.position))
    .all();

  const myGroupIds = new Set(memberGroupIds(db, viewer));
  const agreementGroups = db
    .select({ id: groups.id, name: groups.name, kind: groups.kind, active: groups.active })
    .from(groups)
    .where(eq(groups.agreementId, agreement.id))
    .orderBy(asc(groups.name))
    .all()
    .sort(byGroupKind)
    .map((g) => ({ ...g, viewerMayOpen: viewer.isAdmin || myGroupIds.has(g.id) }));

  const parent = agreement.parentId
    ? (db
        .select({ slug: agreements.slug, title: agreements.title, startsOn: agreements.startsOn })
        .from(agreements)
        .where(eq(agreements.id, agreement.parentId))
        .get() ?? null)
    : null;

  const children = db
    .select({ id: agreements.id, slug: agreements.slug, title: agreements.title })
    .from(agreements)
    .where(eq(agreements.parentId, agreement.id))
    .orderBy(asc(agreements.title))
    .all()
    .filter((c) => visible.has(c.id));

  const priorities = db
    .select({ name: priorityAreas.name })
    .from(priorityAreas)
    .where(eq(priorityAreas.agreementId, agreement.id))
    .orderBy(asc(priorityAreas.position))
    .all()
    .map((p) => p.name);

  return {
    agreement,
    parties,
    attachments,
    signatories,
    groups: agreementGroups,
    parent,
    revisionDueUnderParent: parent ? madeBeforeParent(agreement, parent) : false,
    // By its own rule: revised yearly and the last revision (or its start) more than a year back.
    revisionDue: revisionDue(agreement, stockholmDate(now)),
    // Earlier versions (kept readable) and ändringar och tillägg.
    ...agreementHistory(db, agreement.id),
    children,
    priorities,
    lagesbild: agreement.scope === "local" ? lagesbildStanding(db, agreement, stockholmYear(now)) : null,
    // The fastställda versions of its lägesbilder and åtgärdsplan: the bilagor as decided, each with its §.
    decidedVersions: decidedVersionsOfAgreement(db, agreement.id).filter((v) => mayReadVersion(db, viewer, v.versionId)),
  };
}

/**
 * Whether the agreement's lägesbild is up to date by its revision rule: yearly, a lägesbild decided
 * (a fastställd version) for this year; vid behov, one decided at all. `latestYear` is the year of
 * the latest decided lägesbild.
 */
export function lagesbildStanding(db: Db, agreement: { id: number; revisionRule: RevisionRule }, year: number) {
  const latest = db
    .select({ year: situationPictures.year })
    .from(documentVersions)
    .innerJoin(situationPictures, eq(situationPictures.id, documentVersions.subjectId))
    .where(and(eq(documentVersions.subjectKind, "lagesbild"), eq(documentVersions.kind, "faststalld"), eq(situationPictures.agreementId, agreement.id)))
    .orderBy(desc(situationPictures.year))
    .limit(1)
    .get();
  const latestYear = latest?.year ?? null;
  const due = agreement.revisionRule === "yearly" ? latestYear === null || latestYear < year : latestYear === null;
  return { year, latestYear, due };
}

/**
 * A local agreement that took effect before the city-wide agreement now in force was made
 * under an earlier one (Östermalm 2021 and Hässelby-Vällingby 2020 under the one replaced on
 * 2024-01-01). It stays valid while a city-wide agreement is, but is due for revision under
 * the current one, whose templates the local agreements are to follow.
 */
export function madeBeforeParent(agreement: { startsOn: string }, parent: { startsOn: string }): boolean {
  return agreement.startsOn < parent.startsOn;
}

/** Agreements for pickers in the administration. */
export function listAgreements(db: Db) {
  return db.select({ id: agreements.id, title: agreements.title, scope: agreements.scope }).from(agreements).orderBy(asc(agreements.title)).all();
}
