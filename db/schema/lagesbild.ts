import { sqliteTable, text, integer, index, primaryKey, uniqueIndex } from "drizzle-orm/sqlite-core";
import { sectionOwners, sectionStatuses, steeringDocumentStatuses } from "../domain/enums";
import { agreements, priorityAreas } from "./agreements";
import { people } from "./people";
import { documentVersions } from "./versions";

/**
 * The gemensam lokal lägesbild of one local agreement and year. Its text lives in its sections'
 * live documents; its lifecycle (utkast → för beslut → fastställd → överlämnad) here.
 */
export const situationPictures = sqliteTable(
  "situation_pictures",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    agreementId: integer("agreement_id")
      .notNull()
      .references(() => agreements.id),
    year: integer("year").notNull(),
    status: text("status", { enum: steeringDocumentStatuses }).notNull().default("utkast"),
    /** The version put up for decision (status for_beslut) or decided (faststalld, overlamnad). */
    currentVersionId: integer("current_version_id").references((): any => documentVersions.id),
    /** The decided version of the previous year this one was started from. */
    copiedFromVersionId: integer("copied_from_version_id").references((): any => documentVersions.id),
    handedOverAt: text("handed_over_at"),
    handedOverBy: integer("handed_over_by").references(() => people.id),
    createdAt: text("created_at").notNull(),
  },
  (t) => [uniqueIndex("situation_pictures_agreement_year").on(t.agreementId, t.year)],
);

/**
 * One section (avsnitt) of a lägesbild, its text in the live document `avsnitt-<id>`. `key` is stable
 * ("underlag", "analys-kommunen", "analys-polisen", "gemensam-analys", "geografisk-analys",
 * "prio-<priorityAreaId>", "orsaksanalys"); `guidance` is the template's placeholder text, never content.
 */
export const situationSections = sqliteTable(
  "situation_sections",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    pictureId: integer("picture_id")
      .notNull()
      .references(() => situationPictures.id),
    key: text("key").notNull(),
    title: text("title").notNull(),
    guidance: text("guidance").notNull().default(""),
    owner: text("owner", { enum: sectionOwners }).notNull(),
    status: text("status", { enum: sectionStatuses }).notNull().default("utkast"),
    position: integer("position").notNull(),
    priorityAreaId: integer("priority_area_id").references(() => priorityAreas.id),
    /** Set when a priority area is marked "ej aktuellt": the reason, required. */
    notApplicableReason: text("not_applicable_reason"),
    updatedAt: text("updated_at").notNull(),
    updatedBy: integer("updated_by").references(() => people.id),
  },
  (t) => [uniqueIndex("situation_sections_key").on(t.pictureId, t.key)],
);

/** One underlag (source) the lägesbild builds on: Trygghetsmätningen 2025, Stockholmsenkäten … */
export const situationSources = sqliteTable(
  "situation_sources",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    pictureId: integer("picture_id")
      .notNull()
      .references(() => situationPictures.id),
    title: text("title").notNull(),
    /** The year the source describes or was published. */
    year: integer("year"),
    /** Who produced it (Stockholms stad, Polisen …). */
    source: text("source").notNull().default(""),
    position: integer("position").notNull(),
  },
  (t) => [index("situation_sources_picture").on(t.pictureId, t.position)],
);

/**
 * A place the lägesbild points out (an avgränsad plats), kept per agreement so the åtgärdsplan's
 * rows can point at it across years. Archived, never deleted, once rows may point at it.
 */
export const places = sqliteTable(
  "places",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    agreementId: integer("agreement_id")
      .notNull()
      .references(() => agreements.id),
    name: text("name").notNull(),
    district: text("district").notNull().default(""),
    /** Free text with suggestions in the UI: torg, centrum, stråk, skola, park … */
    type: text("type").notNull().default(""),
    why: text("why").notNull().default(""),
    /** Since when the problem is seen (YYYY or YYYY-MM-DD). */
    since: text("since"),
    createdAt: text("created_at").notNull(),
    createdBy: integer("created_by").references(() => people.id),
    archivedAt: text("archived_at"),
  },
  (t) => [index("places_agreement").on(t.agreementId)],
);

export const placePriorityAreas = sqliteTable(
  "place_priority_areas",
  {
    placeId: integer("place_id")
      .notNull()
      .references(() => places.id),
    priorityAreaId: integer("priority_area_id")
      .notNull()
      .references(() => priorityAreas.id),
  },
  (t) => [primaryKey({ columns: [t.placeId, t.priorityAreaId] })],
);
