import { sqliteTable, text, integer, index, uniqueIndex } from "drizzle-orm/sqlite-core";
import { actionItemStatuses, decisionKinds } from "../domain/enums";
import { groups } from "./groups";
import { agendaItems, meetings } from "./meetings";
import { people } from "./people";
import { actionPlanRows } from "./atgardsplan";

/**
 * An adopted decision (beslut). Immutable once written: a correction is a new
 * decision pointing at the old one. Numbered per group and calendar year (§ 3/2026).
 */
export const decisions = sqliteTable(
  "decisions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    groupId: integer("group_id")
      .notNull()
      .references(() => groups.id),
    year: integer("year").notNull(),
    number: integer("number").notNull(),
    meetingId: integer("meeting_id")
      .notNull()
      .references(() => meetings.id),
    agendaItemId: integer("agenda_item_id").references(() => agendaItems.id),
    kind: text("kind", { enum: decisionKinds }).notNull(),
    title: text("title").notNull(),
    text: text("text").notNull(),
    adoptedAt: text("adopted_at").notNull(),
    recordedBy: integer("recorded_by")
      .notNull()
      .references(() => people.id),
    correctsId: integer("corrects_id").references((): any => decisions.id),
    /** Set when the § was approved at the meeting (omedelbar justering). */
    immediatelyApprovedAt: text("immediately_approved_at"),
  },
  (t) => [uniqueIndex("decisions_group_year_number").on(t.groupId, t.year, t.number)],
);

/** Snapshot of who was present when a decision was adopted. */
export const decisionAttendees = sqliteTable(
  "decision_attendees",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    decisionId: integer("decision_id")
      .notNull()
      .references(() => decisions.id),
    personId: integer("person_id").references(() => people.id),
    name: text("name").notNull(),
    role: text("role").notNull(),
  },
  (t) => [index("decision_attendees_decision").on(t.decisionId)],
);

/** An action item (uppdrag) given at a meeting to one owner. */
export const actionItems = sqliteTable(
  "action_items",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    groupId: integer("group_id")
      .notNull()
      .references(() => groups.id),
    meetingId: integer("meeting_id").references(() => meetings.id),
    agendaItemId: integer("agenda_item_id").references(() => agendaItems.id),
    /** The åtgärd (row of the åtgärdsplan) this uppdrag serves, if any. */
    actionRowId: integer("action_row_id").references((): any => actionPlanRows.id),
    title: text("title").notNull(),
    /** When the uppdrag goes to another group of the same agreement: that group carries it out (its members see it). */
    assigneeGroupId: integer("assignee_group_id").references(() => groups.id),
    /** Given by name to a person outside the groups: they see it under "Mina uppdrag" without being a member. */
    ownerOutside: integer("owner_outside", { mode: "boolean" }).notNull().default(false),
    ownerId: integer("owner_id")
      .notNull()
      .references(() => people.id),
    createdBy: integer("created_by")
      .notNull()
      .references(() => people.id),
    dueOn: text("due_on"),
    status: text("status", { enum: actionItemStatuses }).notNull().default("ej_paborjad"),
    createdAt: text("created_at").notNull(),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [index("action_items_owner").on(t.ownerId), index("action_items_group").on(t.groupId)],
);

/** Approvals of a single § at the meeting (omedelbar justering) by the chair and the justerare. */
export const decisionApprovals = sqliteTable(
  "decision_approvals",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    decisionId: integer("decision_id")
      .notNull()
      .references(() => decisions.id),
    personId: integer("person_id")
      .notNull()
      .references(() => people.id),
    approvedAt: text("approved_at").notNull(),
  },
  (t) => [uniqueIndex("decision_approvals_unique").on(t.decisionId, t.personId)],
);
