import { sqliteTable, text, integer } from "drizzle-orm/sqlite-core";
import { organisationKinds } from "../domain/enums";

/** A party or department: a district administration, a police area, a city department… */
export const organisations = sqliteTable("organisations", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  name: text("name").notNull().unique(),
  kind: text("kind", { enum: organisationKinds }).notNull(),
  orgNr: text("org_nr"),
  postalAddress: text("postal_address"),
  /** E.g. "Polisområde Stockholm syd" above "Lokalpolisområde Skärholmen". */
  parentId: integer("parent_id").references((): any => organisations.id),
  /** False when the organisation's people must sign in through its identity provider (OIDC) only. */
  passwordLogin: integer("password_login", { mode: "boolean" }).notNull().default(true),
});

/**
 * Catalogue of functions (befattningar) that agreements require in groups and
 * members hold: "Stadsdelsdirektör", "Kommunpolis", …
 */
export const functions = sqliteTable("functions", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  name: text("name").notNull().unique(),
});
