import { sqliteTable, text, integer, index } from "drizzle-orm/sqlite-core";
import { steeringDocumentStatuses } from "../domain/enums";
import { agreements } from "./agreements";
import { people } from "./people";
import { documentVersions } from "./versions";

/**
 * The kommunikationsplan of a local agreement: one continuing plan, like the åtgärdsplan, decided by
 * the lokal styrgrupp from time to time (each decision freezes a version). Its text is the live
 * document `kommunikationsplan-<id>`; its activities are rows below, edited by form.
 */
export const communicationPlans = sqliteTable("communication_plans", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  agreementId: integer("agreement_id")
    .notNull()
    .unique()
    .references(() => agreements.id),
  status: text("status", { enum: steeringDocumentStatuses }).notNull().default("utkast"),
  /** The version put up for decision (for_beslut) or last decided (faststalld, overlamnad). */
  currentVersionId: integer("current_version_id").references((): any => documentVersions.id),
  /** The last decided version. */
  decidedVersionId: integer("decided_version_id").references((): any => documentVersions.id),
  handedOverAt: text("handed_over_at"),
  handedOverBy: integer("handed_over_by").references(() => people.id),
  createdAt: text("created_at").notNull(),
});

/**
 * One activity of a kommunikationsplan: what is communicated, to whom, through which channel, when and
 * by whom. A removed activity keeps its row with `removedAt`, so versions and history stay readable.
 */
export const communicationActivities = sqliteTable(
  "communication_activities",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    planId: integer("plan_id")
      .notNull()
      .references(() => communicationPlans.id),
    position: integer("position").notNull(),
    /** What is communicated (the message or the occasion). */
    what: text("what").notNull(),
    /** To whom: the target group ("boende i Skärholmen", "personal på fritidsgårdarna"). */
    audience: text("audience").notNull().default(""),
    /** Channel: "webbplats", "medborgardialog", "pressmeddelande", "sociala medier", … */
    channel: text("channel").notNull().default(""),
    /** When, as the plan says it: a date, a week, "löpande". Free text on purpose. */
    timing: text("timing").notNull().default(""),
    /** An ISO date when the activity has one; the overview and reminders use it. */
    plannedOn: text("planned_on"),
    responsiblePersonId: integer("responsible_person_id").references(() => people.id),
    /** Who, when not a person of the system ("kommunikatör, stadsdelsförvaltningen"). */
    responsibleFunction: text("responsible_function").notNull().default(""),
    createdBy: integer("created_by")
      .notNull()
      .references(() => people.id),
    createdAt: text("created_at").notNull(),
    updatedAt: text("updated_at").notNull(),
    removedAt: text("removed_at"),
  },
  (t) => [index("communication_activities_plan").on(t.planId, t.position)],
);
