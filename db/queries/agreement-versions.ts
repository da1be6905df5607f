import { and, asc, desc, eq } from "drizzle-orm";
import type { Db } from "../client";
import type { AgreementScope, AttachmentKind, RevisionRule } from "../domain/enums";
import { canonicalJson } from "../domain/agreement-rules";
import {
  agreementAmendments,
  agreementAttachments,
  agreementParties,
  agreements,
  agreementSignatories,
  agreementVersions,
  organisations,
  priorityAreas,
} from "../schema";
import { visibleAgreementIds } from "./access";
import type { Viewer } from "./sessions";

/**
 * What an agreement said at one version: the agreement itself, its parties, signatories, priority areas and
 * bilagor, with organisations by name (an organisation renamed later does not change what was agreed).
 */
export interface AgreementSnapshot {
  agreement: {
    title: string;
    scope: AgreementScope;
    area: string | null;
    parentTitle: string | null;
    startsOn: string;
    endsOn: string | null;
    revisionRule: RevisionRule;
    revisionText: string;
    copies: number | null;
    lastRevisedOn: string | null;
    version: number;
  };
  parties: { organisation: string; shortName: string; diarienummer: string | null; note: string | null }[];
  signatories: { name: string; title: string; organisation: string | null; signedOn: string | null }[];
  priorityAreas: string[];
  attachments: { label: string | null; title: string; kind: AttachmentKind; datedOn: string | null }[];
}

/** An agreement's parties in their order, with the organisation's name. */
export function partiesOfAgreement(db: Db, agreementId: number) {
  return db
    .select({
      id: agreementParties.id,
      organisationId: agreementParties.organisationId,
      organisation: organisations.name,
      shortName: agreementParties.shortName,
      diarienummer: agreementParties.diarienummer,
      note: agreementParties.note,
      position: agreementParties.position,
    })
    .from(agreementParties)
    .innerJoin(organisations, eq(organisations.id, agreementParties.organisationId))
    .where(eq(agreementParties.agreementId, agreementId))
    .orderBy(asc(agreementParties.position), asc(agreementParties.id))
    .all();
}

/** An agreement's signatories in their order, with the organisation's name when one is given. */
export function signatoriesOfAgreement(db: Db, agreementId: number) {
  return db
    .select({
      id: agreementSignatories.id,
      name: agreementSignatories.name,
      title: agreementSignatories.title,
      organisationId: agreementSignatories.organisationId,
      organisation: organisations.name,
      signedOn: agreementSignatories.signedOn,
      position: agreementSignatories.position,
    })
    .from(agreementSignatories)
    .leftJoin(organisations, eq(organisations.id, agreementSignatories.organisationId))
    .where(eq(agreementSignatories.agreementId, agreementId))
    .orderBy(asc(agreementSignatories.position), asc(agreementSignatories.id))
    .all();
}

/** The agreement as it stands now, as canonical JSON for agreement_versions. */
export function agreementSnapshot(db: Db, agreementId: number): string {
  const a = db.select().from(agreements).where(eq(agreements.id, agreementId)).get();
  if (!a) throw new Error(`no agreement ${agreementId}`);
  const parent = a.parentId ? db.select({ title: agreements.title }).from(agreements).where(eq(agreements.id, a.parentId)).get() : undefined;
  const snapshot: AgreementSnapshot = {
    agreement: {
      title: a.title,
      scope: a.scope,
      area: a.area,
      parentTitle: parent?.title ?? null,
      startsOn: a.startsOn,
      endsOn: a.endsOn,
      revisionRule: a.revisionRule,
      revisionText: a.revisionText,
      copies: a.copies,
      lastRevisedOn: a.lastRevisedOn,
      version: a.version,
    },
    parties: partiesOfAgreement(db, agreementId).map(({ organisation, shortName, diarienummer, note }) => ({ organisation, shortName, diarienummer, note })),
    signatories: signatoriesOfAgreement(db, agreementId).map(({ name, title, organisation, signedOn }) => ({ name, title, organisation, signedOn })),
    priorityAreas: db
      .select({ name: priorityAreas.name })
      .from(priorityAreas)
      .where(eq(priorityAreas.agreementId, agreementId))
      .orderBy(asc(priorityAreas.position), asc(priorityAreas.id))
      .all()
      .map((p) => p.name),
    attachments: db
      .select({ label: agreementAttachments.label, title: agreementAttachments.title, kind: agreementAttachments.kind, datedOn: agreementAttachments.datedOn })
      .from(agreementAttachments)
      .where(eq(agreementAttachments.agreementId, agreementId))
      .orderBy(asc(agreementAttachments.position), asc(agreementAttachments.id))
      .all(),
  };
  return canonicalJson(snapshot);
}

/** The earlier versions of an agreement (newest first) and its ändringar och tillägg, for the agreement pages. */
export function agreementHistory(db: Db, agreementId: number) {
  return {
    versions: db
      .select({ version: agreementVersions.version, reason: agreementVersions.reason, createdAt: agreementVersions.createdAt })
      .from(agreementVersions)
      .where(eq(agreementVersions.agreementId, agreementId))
      .orderBy(desc(agreementVersions.version))
      .all(),
    amendments: db
      .select({
        id: agreementAmendments.id,
        title: agreementAmendments.title,
        datedOn: agreementAmendments.datedOn,
        signedOn: agreementAmendments.signedOn,
        signedBy: agreementAmendments.signedBy,
        agreementVersion: agreementAmendments.agreementVersion,
      })
      .from(agreementAmendments)
      .where(eq(agreementAmendments.agreementId, agreementId))
      .orderBy(asc(agreementAmendments.datedOn), asc(agreementAmendments.id))
      .all(),
  };
}

/**
 * An earlier version of an agreement, read-only, for whoever may read the agreement; null when there is no
 * such agreement or version, or the viewer may not see it (one answer for both).
 */
export function getAgreementVersionPage(db: Db, viewer: Viewer, slug: string, version: number) {
  const agreement = db
    .select({ id: agreements.id, slug: agreements.slug, title: agreements.title, version: agreements.version })
    .from(agreements)
    .where(eq(agreements.slug, slug))
    .get();
  if (!agreement || !visibleAgreementIds(db, viewer).has(agreement.id)) return null;
  const row = db
    .select()
    .from(agreementVersions)
    .where(and(eq(agreementVersions.agreementId, agreement.id), eq(agreementVersions.version, version)))
    .get();
  if (!row) return null;
  return {
    agreement,
    version: row.version,
    reason: row.reason,
    // The revision that replaced it: when this version stopped being the one in force.
    replacedAt: row.createdAt,
    snapshot: JSON.parse(row.snapshot) as AgreementSnapshot,
  };
}
