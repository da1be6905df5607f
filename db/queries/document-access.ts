import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "../client";
import { parseDocumentName, type DocumentRef } from "../domain/document-names";
import type { VersionSubject } from "../domain/enums";
import {
  actionPlans,
  agendaItems,
  agreements,
  chainReports,
  communicationPlans,
  decisions,
  documentVersionParts,
  documentVersions,
  groups,
  meetings,
  memberships,
  situationPictures,
  situationSections,
  type DocumentKind,
} from "../schema";
import { stockholmYear } from "../domain/stockholm-time";
import { meetingContext } from "./meeting-rights";
import type { Viewer } from "./sessions";

/** The year range a lägesbild may be opened for: history, this year and next year's draft. */
export function isPlausibleLagesbildYear(year: number, now = new Date()): boolean {
  return year >= 2000 && year <= stockholmYear(now) + 1;
}

export type DocumentAccess =
  | {
      ok: true;
      mode: "edit" | "read";
      /** Approved minutes: nobody may change them any more. */
      locked: boolean;
      kind: DocumentKind;
      owner: { groupId?: number; agreementId?: number; meetingId?: number };
    }
  | { ok: false; reason: "missing" | "forbidden" };

/**
 * Whether the viewer may edit or only read a live document. Used by page loaders
 * (to render the editor editable or not) and by the collab server (to enforce it).
 */
export function documentAccess(db: Db, viewer: Viewer, ref: DocumentRef, now = new Date()): DocumentAccess {
  if (ref.kind === "lagesbild") return lagesbildAccess(db, viewer, ref, now);
  if (ref.kind === "version_part") return versionPartAccess(db, viewer, ref);
  if (ref.kind === "report") return reportDocumentAccess(db, viewer, ref.reportId);
  if (ref.kind === "lagesbild_section" || ref.kind === "atgardsplan" || ref.kind === "atgard_notes" || ref.kind === "kommunikationsplan") {
    const agreementId = owningAgreementId(db, ref);
    return agreementId === undefined ? { ok: false, reason: "missing" } : agreementDocumentAccess(db, viewer, agreementId, ref.kind);
  }
  const meetingId =
    "meetingId" in ref
      ? ref.meetingId
      : db.select({ meetingId: agendaItems.meetingId }).from(agendaItems).where(eq(agendaItems.id, ref.agendaItemId)).get()?.meetingId;
  if (meetingId === undefined) return { ok: false, reason: "missing" };

  // The meeting's own rule decides: whoever may edit the meeting may edit its documents.
  const context = meetingContext(db, viewer, meetingId);
  if (!context) {
    const exists = db.select({ id: meetings.id }).from(meetings).where(eq(meetings.id, meetingId)).get();
    return { ok: false, reason: exists ? "forbidden" : "missing" };
  }
  const owner = { groupId: context.groupId, meetingId };
  const editable = context.canEdit && !(ref.kind === "decision_text" && isAdopted(db, ref.agendaItemId));
  return { ok: true, mode: editable ? "edit" : "read", locked: context.locked, kind: ref.kind, owner };
}

/**
 * Once an ärende's decision is adopted, its § holds the text and the page shows
 * that instead of the proposal, so the proposal is read-only: an edit nobody
 * sees would still change the record that the justering binds to.
 */
function isAdopted(db: Db, agendaItemId: number): boolean {
  return db.select({ id: decisions.id }).from(decisions).where(eq(decisions.agendaItemId, agendaItemId)).limit(1).get() !== undefined;
}

function lagesbildAccess(db: Db, viewer: Viewer, ref: Extract<DocumentRef, { kind: "lagesbild" }>, now: Date): DocumentAccess {
  const agreement = db.select({ id: agreements.id, scope: agreements.scope }).from(agreements).where(eq(agreements.slug, ref.agreementSlug)).get();
  if (!agreement || agreement.scope !== "local" || !isPlausibleLagesbildYear(ref.year, now)) return { ok: false, reason: "missing" };
  return agreementDocumentAccess(db, viewer, agreement.id, "lagesbild");
}

/**
 * A part of a frozen version: whoever may read its subject reads it, nobody edits it (locked, so a
 * change attempt is refused like one on approved minutes). Its kind is that of the live document it froze.
 */
function versionPartAccess(db: Db, viewer: Viewer, ref: Extract<DocumentRef, { kind: "version_part" }>): DocumentAccess {
  const part = db
    .select({ documentName: documentVersionParts.documentName, subjectKind: documentVersions.subjectKind, subjectId: documentVersions.subjectId })
    .from(documentVersionParts)
    .innerJoin(documentVersions, eq(documentVersions.id, documentVersionParts.versionId))
    .where(and(eq(documentVersionParts.versionId, ref.versionId), eq(documentVersionParts.position, ref.partIndex)))
    .get();
  const frozen = part ? parseDocumentName(part.documentName) : null;
  const agreementId = part ? subjectAgreementId(db, part) : undefined;
  if (!frozen || frozen.kind === "version_part" || agreementId === undefined) return { ok: false, reason: "missing" };
  const access = agreementDocumentAccess(db, viewer, agreementId, frozen.kind);
  return access.ok ? { ...access, mode: "read", locked: true } : access;
}

/**
 * The live document kind whose rule decides who reads and writes a versioned subject: a lägesbild's
 * sections', a plan's own. All three follow agreementDocumentAccess.
 */
export function subjectDocumentKind(kind: VersionSubject): DocumentKind {
  return kind === "lagesbild" ? "lagesbild_section" : kind;
}

/** The agreement a versioned subject (a lägesbild, an åtgärdsplan or a kommunikationsplan) belongs to, or undefined. */
export function subjectAgreementId(db: Db, subject: { subjectKind: VersionSubject; subjectId: number }): number | undefined {
  if (subject.subjectKind === "lagesbild") {
    return db.select({ agreementId: situationPictures.agreementId }).from(situationPictures).where(eq(situationPictures.id, subject.subjectId)).get()
      ?.agreementId;
  }
  if (subject.subjectKind === "kommunikationsplan") return communicationPlanAgreementId(db, subject.subjectId);
  return db.select({ agreementId: actionPlans.agreementId }).from(actionPlans).where(eq(actionPlans.id, subject.subjectId)).get()?.agreementId;
}

function communicationPlanAgreementId(db: Db, planId: number): number | undefined {
  return db.select({ agreementId: communicationPlans.agreementId }).from(communicationPlans).where(eq(communicationPlans.id, planId)).get()?.agreementId;
}

/** The agreement a lägesbild section, a plan or an åtgärd's notes belong to, or undefined. */
function owningAgreementId(
  db: Db,
  ref: Extract<DocumentRef, { kind: "lagesbild_section" | "atgardsplan" | "atgard_notes" | "kommunikationsplan" }>,
): number | undefined {
  if (ref.kind === "kommunikationsplan") return communicationPlanAgreementId(db, ref.planId);
  if (ref.kind === "lagesbild_section") {
    return db
      .select({ agreementId: situationPictures.agreementId })
      .from(situationSections)
      .innerJoin(situationPictures, eq(situationPictures.id, situationSections.pictureId))
      .where(eq(situationSections.id, ref.sectionId))
      .get()?.agreementId;
  }
  return db.select({ agreementId: actionPlans.agreementId }).from(actionPlans).where(eq(actionPlans.id, ref.planId)).get()?.agreementId;
}

/**
 * The lägesbild, the åtgärdsplan and the kommunikationsplan are the agreement's, not one group's: members of its styrgrupp
 * and beredningsgrupp write them (läsare excepted), its working groups read them, administrators
 * read them. Decided content is never a live document (it is a version), so nothing here is locked.
 */
export function agreementDocumentAccess(db: Db, viewer: Viewer, agreementId: number, kind: DocumentKind): DocumentAccess {
  const owner = { agreementId };
  const roles = db
    .select({ role: memberships.role, kind: groups.kind })
    .from(memberships)
    .innerJoin(groups, eq(groups.id, memberships.groupId))
    .where(and(eq(groups.agreementId, agreementId), eq(memberships.personId, viewer.id), inArray(groups.kind, ["styrgrupp", "beredningsgrupp", "arbetsgrupp"])))
    .all();
  if (roles.length === 0) {
    return viewer.isAdmin ? { ok: true, mode: "read", locked: false, kind, owner } : { ok: false, reason: "forbidden" };
  }
  const mayEdit = roles.some((r) => r.kind !== "arbetsgrupp" && r.role !== "lasare");
  return { ok: true, mode: mayEdit ? "edit" : "read", locked: false, kind, owner };
}

/**
 * A report's live document is the sending group's: its members write it while it is a draft (läsare
 * read it), and once it is sent it is locked for them (what was sent is frozen on the report). The
 * receiving group never opens the live document: it reads what was sent, the PDF. Administrators read.
 */
export function reportDocumentAccess(db: Db, viewer: Viewer, reportId: number): DocumentAccess {
  const report = db
    .select({ fromGroupId: chainReports.fromGroupId, agreementId: chainReports.agreementId, status: chainReports.status })
    .from(chainReports)
    .where(eq(chainReports.id, reportId))
    .get();
  if (!report) return { ok: false, reason: "missing" };
  const owner = { groupId: report.fromGroupId, agreementId: report.agreementId };
  const sent = report.status === "skickad";
  const member = db
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.groupId, report.fromGroupId), eq(memberships.personId, viewer.id)))
    .get();
  if (!member) return viewer.isAdmin ? { ok: true, mode: "read", locked: sent, kind: "report", owner } : { ok: false, reason: "forbidden" };
  const mayEdit = !sent && member.role !== "lasare";
  return { ok: true, mode: mayEdit ? "edit" : "read", locked: sent, kind: "report", owner };
}
