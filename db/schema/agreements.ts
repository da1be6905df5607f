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
