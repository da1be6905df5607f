import { sqliteTable, text, integer, uniqueIndex } from "drizzle-orm/sqlite-core";
import { agreementScopes, attachmentKinds, revisionRules } from "../domain/enums";
import { organisations } from "./organisations";

/** A collaboration agreement: the city-wide one or a local one deriving from it. */
export const agreements = sqliteTable("agreements", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  /** URL-safe identifier, e.g. "skarholmen". */
  slug: text("slug").notNull().unique(),
  title: text("title").notNull(),
  scope: text("scope", { enum: agreementScopes }).notNull(),
  /** The district the local agreement covers, e.g. "Skärholmen". */
  area: text("area"),
  parentId: integer("parent_id").references((): any => agreements.id),
  /** ISO date (YYYY-MM-DD) from which it runs. */
  startsOn: text("starts_on").notNull(),
  /** ISO date; null means "tills vidare" (until further notice). */
  endsOn: text("ends_on"),
  revisionRule: text("revision_rule", { enum: revisionRules }).notNull(),
  /** The agreement's own wording of the revision rule. */
  revisionText: text("revision_text").notNull(),
  /** Number of identical signed copies ("upprättats i fyra likalydande exemplar"). */
  copies: integer("copies"),
  /** ISO date of the last revision the parties made (the revision rule counts from it). */
  lastRevisedOn: text("last_revised_on"),
  /** Current version number; a revision snapshots the agreement into agreement_versions and adds one. */
  version: integer("version").notNull().default(1),
});

/**
 * A frozen earlier version of an agreement, kept readable after a revision: the agreement row, its parties,
 * signatories, priority areas and bilagor as canonical JSON.
 */
export const agreementVersions = sqliteTable(
  "agreement_versions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    agreementId: integer("agreement_id")
      .notNull()
      .references(() => agreements.id),
    version: integer("version").notNull(),
    snapshot: text("snapshot").notNull(),
    /** Why it was revised, in the administrator's words. */
    reason: text("reason").notNull(),
    createdAt: text("created_at").notNull(),
    createdBy: integer("created_by").notNull(),
  },
  (t) => [uniqueIndex("agreement_versions_unique").on(t.agreementId, t.version)],
);

/** An ändring eller tillägg: a dated, signed document changing the agreement. Its file is in stored_files. */
export const agreementAmendments = sqliteTable("agreement_amendments", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  agreementId: integer("agreement_id")
    .notNull()
    .references(() => agreements.id),
  title: text("title").notNull(),
  /** ISO date the amendment was decided or dated. */
  datedOn: text("dated_on").notNull(),
  /** ISO date it was signed by the last party; null while unsigned. */
  signedOn: text("signed_on"),
  /** Who signed, as written on the document. */
  signedBy: text("signed_by"),
  /** The agreement version this amendment created, when it came with a revision. */
  agreementVersion: integer("agreement_version"),
  createdAt: text("created_at").notNull(),
  createdBy: integer("created_by").notNull(),
});

export const agreementParties = sqliteTable(
  "agreement_parties",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    agreementId: integer("agreement_id")
      .notNull()
      .references(() => agreements.id),
    organisationId: integer("organisation_id")
      .notNull()
      .references(() => organisations.id),
    /** The name used for the party in the agreement's text: "Kommunen", "Polisen". */
    shortName: text("short_name").notNull(),
    diarienummer: text("diarienummer"),
    /** Free text qualifying the party, e.g. "samt Utbildningsförvaltningen och Trafikkontoret". */
    note: text("note"),
    position: integer("position").notNull(),
  },
  (t) => [uniqueIndex("agreement_parties_org").on(t.agreementId, t.organisationId)],
);

export const agreementAttachments = sqliteTable("agreement_attachments", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  agreementId: integer("agreement_id")
    .notNull()
    .references(() => agreements.id),
  /** The label the agreement uses ("1", "3a-c", or null for a bulleted list). */
  label: text("label"),
  title: text("title").notNull(),
  kind: text("kind", { enum: attachmentKinds }).notNull(),
  position: integer("position").notNull(),
  /** ISO date of the version currently attached, once one is adopted. */
  datedOn: text("dated_on"),
});

export const agreementSignatories = sqliteTable("agreement_signatories", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  agreementId: integer("agreement_id")
    .notNull()
    .references(() => agreements.id),
  name: text("name").notNull(),
  title: text("title").notNull(),
  organisationId: integer("organisation_id").references(() => organisations.id),
  signedOn: text("signed_on"),
  position: integer("position").notNull(),
});

/** The city-wide priority areas (prioriterade samverkansområden) of an agreement. */
export const priorityAreas = sqliteTable("priority_areas", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  agreementId: integer("agreement_id")
    .notNull()
    .references(() => agreements.id),
  name: text("name").notNull(),
  position: integer("position").notNull(),
});
