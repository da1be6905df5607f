import { sqliteTable, text, integer, index, uniqueIndex } from "drizzle-orm/sqlite-core";
import { actionRowStatuses, ragMarks, steeringDocumentStatuses } from "../domain/enums";
import { agreementParties, agreements } from "./agreements";
import { people } from "./people";
import { documentVersions } from "./versions";

/**
 * The åtgärdsplan of a local agreement: one continuing plan, decided by the lokal styrgrupp from
 * time to time (each decision freezes a version). Its rows are edited live in the Y.Doc
 * `atgardsplan-<id>` and mirrored into `action_plan_rows` on every commit for queries.
 */
export const actionPlans = sqliteTable("action_plans", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  agreementId: integer("agreement_id")
    .notNull()
    .unique()
    .references(() => agreements.id),
  status: text("status", { enum: steeringDocumentStatuses }).notNull().default("utkast"),
  /** The version put up for decision (for_beslut) or last decided (faststalld, overlamnad). */
  currentVersionId: integer("current_version_id").references((): any => documentVersions.id),
  /** The last decided version: rows differing from it in what they promise are shown as pending. */
  decidedVersionId: integer("decided_version_id").references((): any => documentVersions.id),
  handedOverAt: text("handed_over_at"),
  handedOverBy: integer("handed_over_by").references(() => people.id),
  createdAt: text("created_at").notNull(),
});

/**
 * The SQL mirror of one row (åtgärd) of a plan's Y.Doc, keyed by the row's uid in the Y.Doc. Written
 * only by the mirror after a validated update is committed; a row removed from the Y.Doc keeps its
 * mirror with `removedAt` (its follow-up history and linked uppdrag stay readable).
 */
export const actionPlanRows = sqliteTable(
  "action_plan_rows",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    planId: integer("plan_id")
      .notNull()
      .references(() => actionPlans.id),
    uid: text("uid").notNull(),
    position: integer("position").notNull(),
    problem: text("problem").notNull().default(""),
    cause: text("cause").notNull().default(""),
    /** JSON arrays of places.id and priority_areas.id the row points at. */
    placeIds: text("place_ids").notNull().default("[]"),
    priorityAreaIds: text("priority_area_ids").notNull().default("[]"),
    measure: text("measure").notNull().default(""),
    goal: text("goal").notNull().default(""),
    indicator: text("indicator").notNull().default(""),
    startsOn: text("starts_on"),
    endsOn: text("ends_on"),
    responsiblePartyId: integer("responsible_party_id").references(() => agreementParties.id),
    responsibleFunction: text("responsible_function").notNull().default(""),
    responsiblePersonId: integer("responsible_person_id").references(() => people.id),
    /** How and when the row is followed up. */
    followUp: text("follow_up").notNull().default(""),
    removedAt: text("removed_at"),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [uniqueIndex("action_plan_rows_uid").on(t.planId, t.uid), index("action_plan_rows_person").on(t.responsiblePersonId)],
);

/** One follow-up report of an åtgärd: status, RAG mark on its target and a dated comment. Append-only. */
export const actionRowReports = sqliteTable(
  "action_row_reports",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    rowId: integer("row_id")
      .notNull()
      .references(() => actionPlanRows.id),
    status: text("status", { enum: actionRowStatuses }).notNull(),
    rag: text("rag", { enum: ragMarks }),
    comment: text("comment").notNull().default(""),
    reportedBy: integer("reported_by")
      .notNull()
      .references(() => people.id),
    reportedAt: text("reported_at").notNull(),
  },
  (t) => [index("action_row_reports_row").on(t.rowId, t.id)],
);
