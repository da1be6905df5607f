import { sqliteTable, text, integer, uniqueIndex } from "drizzle-orm/sqlite-core";
import { groupKinds, groupLevels, groupPermanence, memberRoles } from "../domain/enums";
import { agreements } from "./agreements";
import { functions } from "./organisations";
import { people } from "./people";

/** A collaboration group: styrgrupp, beredningsgrupp or arbetsgrupp under an agreement. */
export const groups = sqliteTable("groups", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  agreementId: integer("agreement_id")
    .notNull()
    .references(() => agreements.id),
  name: text("name").notNull(),
  kind: text("kind", { enum: groupKinds }).notNull(),
  level: text("level", { enum: groupLevels }).notNull(),
  /** Focus area of a working group, e.g. "Barn och unga". */
  focusArea: text("focus_area"),
  permanence: text("permanence", { enum: groupPermanence }).notNull().default("fixed"),
  /** ISO date on which a time-limited working group ends. */
  endsOn: text("ends_on"),
  /** Minimum meetings per calendar year required by the agreement; null when "as needed". */
  minMeetingsPerYear: integer("min_meetings_per_year"),
  /** Whether members with the role ledamot or adjungerad may edit notes. */
  membersMayEditNotes: integer("members_may_edit_notes", { mode: "boolean" }).notNull().default(true),
  /** The group's standard agenda for new meetings (JSON: [{ title, kind }]); null means the product's default. */
  standardAgenda: text("standard_agenda"),
  active: integer("active", { mode: "boolean" }).notNull().default(true),
  createdAt: text("created_at").notNull(),
});

/** A function the agreement says must be part of the group. */
export const groupRequiredFunctions = sqliteTable(
  "group_required_functions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    groupId: integer("group_id")
      .notNull()
      .references(() => groups.id),
    functionId: integer("function_id")
      .notNull()
      .references(() => functions.id),
    /** The agreement's wording when it says more than the function name. */
    note: text("note"),
    position: integer("position").notNull(),
  },
  (t) => [uniqueIndex("group_required_functions_unique").on(t.groupId, t.functionId)],
);

export const memberships = sqliteTable(
  "memberships",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    groupId: integer("group_id")
      .notNull()
      .references(() => groups.id),
    personId: integer("person_id")
      .notNull()
      .references(() => people.id),
    role: text("role", { enum: memberRoles }).notNull(),
    functionId: integer("function_id").references(() => functions.id),
    createdAt: text("created_at").notNull(),
  },
  (t) => [uniqueIndex("memberships_group_person").on(t.groupId, t.personId)],
);
