import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import { type Db, writeTransaction } from "../client";
import { readDocumentText } from "../documents/store";
import { documentPresence, liveEvents } from "../live-events";
import { documentName } from "../domain/document-names";
import type { SectionOwner, SectionStatus } from "../domain/enums";
import { sectionOwnerLabels, sectionStatusLabels } from "../domain/labels";
import { agreements, placePriorityAreas, places, situationPictures, situationSections, situationSources } from "../schema";
import { nowIso } from "../time";
import { visibleAgreementIds } from "./access";
import { appendAudit } from "./audit";
import { agreementDocumentAccess, isPlausibleLagesbildYear } from "./document-access";
import { ConflictError, ForbiddenError, NotFoundError } from "./errors";
import { agreementPriorityAreas, ensureSituationPicture, listSections } from "./lagesbild";
import type { Viewer } from "./sessions";

/**
 * The lägesbild page's verbs: a section's status, owner and "ej aktuellt" reason, the underlag
 * (sources) and the agreement's places. Whoever may edit the sections' live documents may change
 * these (`agreementDocumentAccess`): one rule for text and rows. Live work continues in every
 * status of the lägesbild (what was decided is a version), so no status refuses them.
 */

export interface SourceInput {
  title: string;
  year: number | null;
  source: string;
}

export interface PlaceInput {
  name: string;
  district: string;
  type: string;
  why: string;
  since: string | null;
  priorityAreaIds: number[];
}

/** Everything the lägesbild page shows, or null when the viewer may not open it (or the year is not one to open). */
export function getLagesbildPage(db: Db, viewer: Viewer, slug: string, year: number, now = new Date()) {
  const agreement = db.select().from(agreements).where(eq(agreements.slug, slug)).get();
  if (!agreement || agreement.scope !== "local" || !isPlausibleLagesbildYear(year, now)) return null;
  if (!visibleAgreementIds(db, viewer).has(agreement.id)) return null;
  const access = agreementDocumentAccess(db, viewer, agreement.id, "lagesbild_section");
  if (!access.ok) return null;
  const picture = ensureSituationPicture(db, agreement.id, year, viewer.id, now);
  const sections = listSections(db, picture.id).map((s) => {
    const name = documentName({ kind: "lagesbild_section", sectionId: s.id });
    return { ...s, documentName: name, text: readDocumentText(db, name), editing: sectionEditors(name) };
  });
  return {
    agreement: { id: agreement.id, slug: agreement.slug, title: agreement.title, area: agreement.area },
    picture,
    editable: access.mode === "edit",
    sections,
    sources: listSources(db, picture.id),
    places: listPlaces(db, agreement.id),
    priorityAreas: agreementPriorityAreas(db, agreement.id).map((a) => ({ id: a.id, name: a.name })),
  };
}

/** Who has the section open to write in it now (the viewer may see it: checked by the caller). */
function sectionEditors(name: string): string[] {
  return documentPresence()
    .people(name)
    .filter((p) => p.mode === "edit")
    .map((p) => p.name);
}

export function listSources(db: Db, pictureId: number) {
  return db.select().from(situationSources).where(eq(situationSources.pictureId, pictureId)).orderBy(asc(situationSources.position)).all();
}

/** The agreement's places not archived, each with the priority areas it is linked to. */
export function listPlaces(db: Db, agreementId: number) {
  const rows = db
    .select()
    .from(places)
    .where(and(eq(places.agreementId, agreementId), isNull(places.archivedAt)))
    .orderBy(asc(places.name))
    .all();
  const links =
    rows.length === 0
      ? []
      : db
          .select()
          .from(placePriorityAreas)
          .where(
            inArray(
              placePriorityAreas.placeId,
              rows.map((r) => r.id),
            ),
          )
          .all();
  return rows.map((p) => ({ ...p, priorityAreaIds: links.filter((l) => l.placeId === p.id).map((l) => l.priorityAreaId) }));
}

/** A write to the agreement's lägesbild rows, then open lägesbild pages are told to reload them. */
function writeRows<T>(db: Db, write: (tx: Db) => { agreementId: number; result: T }): T {
  const { agreementId, result } = writeTransaction(db, write);
  liveEvents().emit("lagesbildChanged", agreementId);
  return result;
}

/** Refuses a viewer who may not write the agreement's lägesbild: 404 for one who may not see it, 403 for a reader. */
function requireAgreementEditor(db: Db, viewer: Viewer, agreementId: number): void {
  const access = agreementDocumentAccess(db, viewer, agreementId, "lagesbild_section");
  if (!access.ok) throw new NotFoundError();
  if (access.mode !== "edit") throw new ForbiddenError("Du kan läsa lägesbilden men inte ändra den.");
}

/** A section with its lägesbild, once the viewer may edit it. */
function editableSection(db: Db, viewer: Viewer, sectionId: number) {
  const row = db
    .select({ section: situationSections, picture: situationPictures })
    .from(situationSections)
    .innerJoin(situationPictures, eq(situationPictures.id, situationSections.pictureId))
    .where(eq(situationSections.id, sectionId))
    .get();
  if (!row) throw new NotFoundError();
  requireAgreementEditor(db, viewer, row.picture.agreementId);
  return row;
}

function editablePicture(db: Db, viewer: Viewer, pictureId: number) {
  const picture = db.select().from(situationPictures).where(eq(situationPictures.id, pictureId)).get();
  if (!picture) throw new NotFoundError();
  requireAgreementEditor(db, viewer, picture.agreementId);
  return picture;
}

function editableSource(db: Db, viewer: Viewer, sourceId: number) {
  const source = db.select().from(situationSources).where(eq(situationSources.id, sourceId)).get();
  if (!source) throw new NotFoundError();
  return { source, picture: editablePicture(db, viewer, source.pictureId) };
}

type SectionChange = { status: SectionStatus } | { owner: SectionOwner } | { notApplicableReason: string | null };

function describe(change: SectionChange): string {
  if ("status" in change) return `Status: ${sectionStatusLabels[change.status]}`;
  if ("owner" in change) return `Ansvarig: ${sectionOwnerLabels[change.owner]}`;
  return change.notApplicableReason === null ? "Aktuellt igen" : `Ej aktuellt: ${change.notApplicableReason}`;
}

function changeSection(db: Db, viewer: Viewer, sectionId: number, change: SectionChange, now: Date): void {
  writeRows(db, (tx) => {
    const { section, picture } = editableSection(tx, viewer, sectionId);
    if ("notApplicableReason" in change && section.priorityAreaId === null) {
      throw new ConflictError("Bara avsnitt om prioriterade områden kan markeras som ej aktuella.", "notApplicable");
    }
    tx.update(situationSections)
      .set({ ...change, updatedAt: nowIso(now), updatedBy: viewer.id })
      .where(eq(situationSections.id, sectionId))
      .run();
    appendAudit(
      tx,
      {
        actorId: viewer.id,
        action: "lagesbild.section_changed",
        subject: `agreement:${picture.agreementId}`,
        payload: { title: `Lägesbild ${picture.year}: ${section.title}`, detail: describe(change), sectionId },
      },
      now,
    );
    return { agreementId: picture.agreementId, result: undefined };
  });
}

export function setSectionStatus(db: Db, viewer: Viewer, sectionId: number, status: SectionStatus, now = new Date()): void {
  changeSection(db, viewer, sectionId, { status }, now);
}

export function setSectionOwner(db: Db, viewer: Viewer, sectionId: number, owner: SectionOwner, now = new Date()): void {
  changeSection(db, viewer, sectionId, { owner }, now);
}

/** Marks a priority area's section "ej aktuellt"; the reason is required (it is what the section then says). */
export function markSectionNotApplicable(db: Db, viewer: Viewer, sectionId: number, reason: string, now = new Date()): void {
  const trimmed = reason.trim();
  if (trimmed === "") throw new ConflictError("Ange varför området inte är aktuellt.", "reason");
  changeSection(db, viewer, sectionId, { notApplicableReason: trimmed }, now);
}

export function clearSectionNotApplicable(db: Db, viewer: Viewer, sectionId: number, now = new Date()): void {
  changeSection(db, viewer, sectionId, { notApplicableReason: null }, now);
}

function auditSource(tx: Db, viewer: Viewer, picture: { agreementId: number; year: number }, detail: string, now: Date): void {
  appendAudit(
    tx,
    {
      actorId: viewer.id,
      action: "lagesbild.source_changed",
      subject: `agreement:${picture.agreementId}`,
      payload: { title: `Lägesbild ${picture.year}: Underlag`, detail },
    },
    now,
  );
}

export function addSource(db: Db, viewer: Viewer, pictureId: number, input: SourceInput, now = new Date()): number {
  return writeRows(db, (tx) => {
    const picture = editablePicture(tx, viewer, pictureId);
    const last = listSources(tx, pictureId).at(-1);
    const row = tx
      .insert(situationSources)
      .values({ pictureId, ...input, position: (last?.position ?? -1) + 1 })
      .returning()
      .get();
    auditSource(tx, viewer, picture, `Tillagt: ${input.title}`, now);
    return { agreementId: picture.agreementId, result: row.id };
  });
}

export function updateSource(db: Db, viewer: Viewer, sourceId: number, input: SourceInput, now = new Date()): void {
  writeRows(db, (tx) => {
    const { picture } = editableSource(tx, viewer, sourceId);
    tx.update(situationSources).set(input).where(eq(situationSources.id, sourceId)).run();
    auditSource(tx, viewer, picture, `Ändrat: ${input.title}`, now);
    return { agreementId: picture.agreementId, result: undefined };
  });
}

export function removeSource(db: Db, viewer: Viewer, sourceId: number, now = new Date()): void {
  writeRows(db, (tx) => {
    const { source, picture } = editableSource(tx, viewer, sourceId);
    tx.delete(situationSources).where(eq(situationSources.id, sourceId)).run();
    auditSource(tx, viewer, picture, `Borttaget: ${source.title}`, now);
    return { agreementId: picture.agreementId, result: undefined };
  });
}

/** Moves a source one step up or down the list (swaps positions with its neighbour). */
export function moveSource(db: Db, viewer: Viewer, sourceId: number, direction: "up" | "down", now = new Date()): void {
  writeRows(db, (tx) => {
    const { source, picture } = editableSource(tx, viewer, sourceId);
    const list = listSources(tx, source.pictureId);
    const index = list.findIndex((s) => s.id === sourceId);
    const neighbour = list[direction === "up" ? index - 1 : index + 1];
    if (!neighbour) return { agreementId: picture.agreementId, result: undefined };
    tx.update(situationSources).set({ position: neighbour.position }).where(eq(situationSources.id, source.id)).run();
    tx.update(situationSources).set({ position: source.position }).where(eq(situationSources.id, neighbour.id)).run();
    auditSource(tx, viewer, picture, `Flyttat ${direction === "up" ? "upp" : "ned"}: ${source.title}`, now);
    return { agreementId: picture.agreementId, result: undefined };
  });
}

/** Only the agreement's own priority areas may be linked to its places. */
function checkPriorityAreas(tx: Db, agreementId: number, ids: number[]): void {
  const allowed = new Set(agreementPriorityAreas(tx, agreementId).map((a) => a.id));
  if (ids.some((id) => !allowed.has(id))) throw new ConflictError("Välj bland överenskommelsens prioriterade områden.", "priorityAreaIds");
}

function linkPriorityAreas(tx: Db, placeId: number, ids: number[]): void {
  tx.delete(placePriorityAreas).where(eq(placePriorityAreas.placeId, placeId)).run();
  const unique = [...new Set(ids)];
  if (unique.length > 0)
    tx.insert(placePriorityAreas)
      .values(unique.map((priorityAreaId) => ({ placeId, priorityAreaId })))
      .run();
}

function auditPlace(tx: Db, viewer: Viewer, agreementId: number, name: string, detail: string, now: Date): void {
  appendAudit(tx, { actorId: viewer.id, action: "place.changed", subject: `agreement:${agreementId}`, payload: { title: `Plats: ${name}`, detail } }, now);
}

export function addPlace(db: Db, viewer: Viewer, agreementId: number, input: PlaceInput, now = new Date()): number {
  return writeRows(db, (tx) => {
    requireAgreementEditor(tx, viewer, agreementId);
    checkPriorityAreas(tx, agreementId, input.priorityAreaIds);
    const { priorityAreaIds, ...fields } = input;
    const row = tx
      .insert(places)
      .values({ ...fields, agreementId, createdAt: nowIso(now), createdBy: viewer.id })
      .returning()
      .get();
    linkPriorityAreas(tx, row.id, priorityAreaIds);
    auditPlace(tx, viewer, agreementId, input.name, "Tillagd", now);
    return { agreementId, result: row.id };
  });
}

function editablePlace(tx: Db, viewer: Viewer, placeId: number) {
  const place = tx.select().from(places).where(eq(places.id, placeId)).get();
  if (!place || place.archivedAt !== null) throw new NotFoundError();
  requireAgreementEditor(tx, viewer, place.agreementId);
  return place;
}

export function updatePlace(db: Db, viewer: Viewer, placeId: number, input: PlaceInput, now = new Date()): void {
  writeRows(db, (tx) => {
    const place = editablePlace(tx, viewer, placeId);
    checkPriorityAreas(tx, place.agreementId, input.priorityAreaIds);
    const { priorityAreaIds, ...fields } = input;
    tx.update(places).set(fields).where(eq(places.id, placeId)).run();
    linkPriorityAreas(tx, placeId, priorityAreaIds);
    auditPlace(tx, viewer, place.agreementId, input.name, "Ändrad", now);
    return { agreementId: place.agreementId, result: undefined };
  });
}

/** Archives a place: åtgärdsplanens rader may point at it, so it is never deleted. */
export function archivePlace(db: Db, viewer: Viewer, placeId: number, now = new Date()): void {
  writeRows(db, (tx) => {
    const place = editablePlace(tx, viewer, placeId);
    tx.update(places)
      .set({ archivedAt: nowIso(now) })
      .where(eq(places.id, placeId))
      .run();
    auditPlace(tx, viewer, place.agreementId, place.name, "Arkiverad", now);
    return { agreementId: place.agreementId, result: undefined };
  });
}
