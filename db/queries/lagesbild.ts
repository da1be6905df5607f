import { and, asc, desc, eq, isNull } from "drizzle-orm";
import { type Db, writeTransaction } from "../client";
import { documentName } from "../domain/document-names";
import type { SectionOwner } from "../domain/enums";
import { DocumentStore } from "../documents/store";
import { agreements, documentVersionParts, documentVersions, places, priorityAreas, situationPictures, situationSections, situationSources } from "../schema";
import { nowIso } from "../time";
import { appendAudit } from "./audit";

/**
 * The common template the city-wide agreement calls for. `guidance` is shown as placeholder text
 * in the empty editor and never becomes content. Priority-area sections are added per area of the
 * city-wide agreement between the geographic analysis and the orsaksanalys.
 */
const SECTION_TEMPLATE: { key: string; title: string; owner: SectionOwner; guidance: string }[] = [
  {
    key: "underlag",
    title: "Underlag och källor",
    owner: "gemensam",
    guidance: "Vad säger underlagen i korthet? Källorna själva, med år och avsändare, listas i tabellen över underlag.",
  },
  {
    key: "analys-kommunen",
    title: "Kommunens analys",
    owner: "kommunen",
    guidance: "Stadsdelsförvaltningens bild av brottslighet och otrygghet: vad ser socialtjänsten, skolan, fritid och andra verksamheter?",
  },
  {
    key: "analys-polisen",
    title: "Polisens analys",
    owner: "polisen",
    guidance: "Lokalpolisområdets bild: anmälda brott, händelser, underrättelser och trender i området.",
  },
  {
    key: "gemensam-analys",
    title: "Gemensam analys",
    owner: "gemensam",
    guidance: "Den gemensamma bilden av läget och utmaningarna i stadsdelsområdet, där parternas analyser möts.",
  },
  {
    key: "geografisk-analys",
    title: "Geografisk analys",
    owner: "gemensam",
    guidance: "Avgränsade platser med hög brottslighet och otrygghet som kräver gemensamma åtgärder, och varför. Platserna själva förs in i platslistan.",
  },
];
const CLOSING_SECTIONS: typeof SECTION_TEMPLATE = [
  {
    key: "orsaksanalys",
    title: "Orsaksanalys",
    owner: "gemensam",
    guidance: "Orsakerna bakom de problem som identifierats, som grund för beprövade och kunskapsbaserade åtgärder.",
  },
];
const DEFAULT_SOURCES = ["Trygghetsmätningen", "Stockholmsenkäten", "Polisens statistik", "Medborgardialoger", "Medarbetardialoger"];

/** The priority areas a local agreement works with: those of the city-wide agreement it derives from. */
export function agreementPriorityAreas(db: Db, agreementId: number) {
  const agreement = db.select({ parentId: agreements.parentId }).from(agreements).where(eq(agreements.id, agreementId)).get();
  const ownerId = agreement?.parentId ?? agreementId;
  return db.select().from(priorityAreas).where(eq(priorityAreas.agreementId, ownerId)).orderBy(asc(priorityAreas.position)).all();
}

/**
 * The lägesbild of an agreement and year, created with the template's sections and the usual
 * underlag the first time it is asked for (by anyone who may see it). Idempotent under concurrency:
 * the unique (agreement, year) index and the immediate transaction make the second caller read.
 */
export function ensureSituationPicture(db: Db, agreementId: number, year: number, actorId: number | null, now = new Date()) {
  const existing = db
    .select()
    .from(situationPictures)
    .where(and(eq(situationPictures.agreementId, agreementId), eq(situationPictures.year, year)))
    .get();
  if (existing) return existing;
  return writeTransaction(db, (tx) => {
    const again = tx
      .select()
      .from(situationPictures)
      .where(and(eq(situationPictures.agreementId, agreementId), eq(situationPictures.year, year)))
      .get();
    if (again) return again;
    const at = nowIso(now);
    const picture = tx.insert(situationPictures).values({ agreementId, year, createdAt: at }).returning().get();
    const areaSections = agreementPriorityAreas(tx, agreementId).map((area) => ({
      key: `prio-${area.id}`,
      title: area.name,
      owner: "gemensam" as const,
      guidance: `Hur berör ${area.name.toLowerCase()} stadsdelsområdet? Markera avsnittet som ej aktuellt, med skäl, om det inte berör området.`,
      priorityAreaId: area.id,
    }));
    const sections = [...SECTION_TEMPLATE, ...areaSections, ...CLOSING_SECTIONS];
    const created = tx
      .insert(situationSections)
      .values(sections.map((s, position) => ({ ...s, pictureId: picture.id, position, updatedAt: at })))
      .returning()
      .all();
    const copiedFrom = copyDecidedPredecessor(tx, picture, created, now);
    // A decided lägesbild without sources leaves the usual ones to start from.
    if (!tx.select({ id: situationSources.id }).from(situationSources).where(eq(situationSources.pictureId, picture.id)).get()) {
      tx.insert(situationSources)
        .values(DEFAULT_SOURCES.map((title, position) => ({ pictureId: picture.id, title, position })))
        .run();
    }
    appendAudit(
      tx,
      {
        actorId,
        action: "lagesbild.created",
        subject: `agreement:${agreementId}`,
        payload: { title: `Lägesbild ${year}`, pictureId: picture.id, ...(copiedFrom ? { detail: `Utgår från den fastställda lägesbilden ${year - 1}` } : {}) },
      },
      now,
    );
    return copiedFrom ? { ...picture, copiedFromVersionId: copiedFrom } : picture;
  });
}

/** The section and source rows a version froze (`lagesbildVersionContent().data`). */
interface FrozenLagesbild {
  sections: { key: string; owner: SectionOwner; notApplicableReason: string | null }[];
  sources: { title: string; year: number | null; source: string }[];
}

/**
 * Next year's lägesbild starts from last year's decided one: the latest fastställd version of the
 * previous year's lägesbild gives each section (matched by key) its text, owner and "ej aktuellt"
 * reason, and the lägesbild its sources. The new sections' documents do not exist yet (their ids
 * are new), so they are created here with the decided state. Returns the version copied, or null.
 */
function copyDecidedPredecessor(
  tx: Db,
  picture: typeof situationPictures.$inferSelect,
  created: (typeof situationSections.$inferSelect)[],
  now: Date,
): number | null {
  const previous = tx
    .select({ id: situationPictures.id })
    .from(situationPictures)
    .where(and(eq(situationPictures.agreementId, picture.agreementId), eq(situationPictures.year, picture.year - 1)))
    .get();
  if (!previous) return null;
  const version = tx
    .select()
    .from(documentVersions)
    .where(and(eq(documentVersions.subjectKind, "lagesbild"), eq(documentVersions.subjectId, previous.id), eq(documentVersions.kind, "faststalld")))
    .orderBy(desc(documentVersions.id))
    .limit(1)
    .get();
  if (!version) return null;
  const data = JSON.parse(version.data) as FrozenLagesbild;
  const parts = tx.select().from(documentVersionParts).where(eq(documentVersionParts.versionId, version.id)).orderBy(asc(documentVersionParts.position)).all();
  const byKey = new Map(created.map((s) => [s.key, s]));
  const store = new DocumentStore(tx);
  const at = nowIso(now);
  // A version's parts are its sections in order: part i is data.sections[i].
  data.sections.forEach((frozen, index) => {
    const section = byKey.get(frozen.key);
    if (!section) return;
    const part = parts[index];
    if (part) {
      store.createWithState(
        documentName({ kind: "lagesbild_section", sectionId: section.id }),
        "lagesbild_section",
        { agreementId: picture.agreementId },
        part.state,
        now,
      );
    }
    tx.update(situationSections)
      .set({ owner: frozen.owner, notApplicableReason: section.priorityAreaId === null ? null : frozen.notApplicableReason, updatedAt: at })
      .where(eq(situationSections.id, section.id))
      .run();
  });
  if (data.sources.length > 0) {
    tx.insert(situationSources)
      .values(data.sources.map((s, position) => ({ pictureId: picture.id, title: s.title, year: s.year, source: s.source, position })))
      .run();
  }
  tx.update(situationPictures).set({ copiedFromVersionId: version.id }).where(eq(situationPictures.id, picture.id)).run();
  return version.id;
}

export function listSections(db: Db, pictureId: number) {
  return db.select().from(situationSections).where(eq(situationSections.pictureId, pictureId)).orderBy(asc(situationSections.position)).all();
}

/** What a version of the lägesbild freezes: each section's live document, and the rows around them. */
export function lagesbildVersionContent(db: Db, pictureId: number) {
  const picture = db.select().from(situationPictures).where(eq(situationPictures.id, pictureId)).get();
  if (!picture) return null;
  const sections = listSections(db, pictureId);
  const sources = db.select().from(situationSources).where(eq(situationSources.pictureId, pictureId)).orderBy(asc(situationSources.position)).all();
  const placeRows = db
    .select()
    .from(places)
    .where(and(eq(places.agreementId, picture.agreementId), isNull(places.archivedAt)))
    .orderBy(asc(places.name))
    .all();
  return {
    parts: sections.map((s) => ({ documentName: documentName({ kind: "lagesbild_section", sectionId: s.id }), title: s.title })),
    data: {
      year: picture.year,
      sections: sections.map((s) => ({ key: s.key, title: s.title, owner: s.owner, status: s.status, notApplicableReason: s.notApplicableReason })),
      sources: sources.map((s) => ({ title: s.title, year: s.year, source: s.source })),
      places: placeRows.map((p) => ({ id: p.id, name: p.name, district: p.district, type: p.type, why: p.why, since: p.since })),
    },
  };
}
