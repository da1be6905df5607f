import { sqliteTable, text, integer, blob, index, uniqueIndex } from "drizzle-orm/sqlite-core";
import { agendaItemKinds, approverCapacities, attendanceStatuses, meetingStatuses, memberRoles, paragraphOutcomes } from "../domain/enums";
import { chainReports } from "./chain";
import { groups } from "./groups";
import { functions } from "./organisations";
import { people } from "./people";
import { documentVersions } from "./versions";

export const meetings = sqliteTable(
  "meetings",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    groupId: integer("group_id")
      .notNull()
      .references(() => groups.id),
    title: text("title").notNull(),
    /** ISO timestamp (UTC). */
    startsAt: text("starts_at").notNull(),
    endsAt: text("ends_at"),
    location: text("location"),
    videoLink: text("video_link"),
    status: text("status", { enum: meetingStatuses }).notNull().default("planerat"),
    createdBy: integer("created_by").references(() => people.id),
    createdAt: text("created_at").notNull(),
    /** When the meeting actually started and ended (set when its status changes), for the protocol's head. */
    startedAt: text("started_at"),
    endedAt: text("ended_at"),
    /** When the meeting was cancelled (inställt), and why; a cancelled meeting does not count as held. */
    cancelledAt: text("cancelled_at"),
    cancelReason: text("cancel_reason"),
    /** When the minutes were fully approved (justerade) and locked. */
    lockedAt: text("locked_at"),
    /**
     * The ordförande leading the meeting (groups led jointly have one per party); the §§ record who chaired
     * each, and this chair signs the minutes. Null until someone leads it.
     */
    chairedBy: integer("chaired_by").references(() => people.id),
  },
  (t) => [index("meetings_group_start").on(t.groupId, t.startsAt)],
);

/** An agenda item (ärende); its notes and decision text are live documents. */
export const agendaItems = sqliteTable(
  "agenda_items",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    meetingId: integer("meeting_id")
      .notNull()
      .references(() => meetings.id),
    position: integer("position").notNull(),
    title: text("title").notNull(),
    kind: text("kind", { enum: agendaItemKinds }).notNull(),
    presenterId: integer("presenter_id").references(() => people.id),
    /** Set when an item was carried over from an earlier meeting. */
    carriedFromId: integer("carried_from_id").references((): any => agendaItems.id),
    /** Who added the item (null for the standard agenda and items from before this was recorded). */
    createdBy: integer("created_by").references(() => people.id),
    /** A lägesbild or åtgärdsplan version put up for decision under this ärende. */
    versionId: integer("version_id").references((): any => documentVersions.id),
    /** A report up the chain the receiving group deals with under this ärende. */
    reportId: integer("report_id").references((): any => chainReports.id),
    /**
     * A decided lägesbild or åtgärdsplan a local agreement handed over, which the receiving
     * (stadsövergripande) group deals with under this ärende. Unlike `versionId` it never decides it.
     */
    receivedVersionId: integer("received_version_id").references((): any => documentVersions.id),
    /** "Beredd av": the beredningsgrupp that prepared this ärende for the styrgrupp, and its own ärende it came from. */
    preparedByGroupId: integer("prepared_by_group_id").references(() => groups.id),
    preparedFromItemId: integer("prepared_from_item_id").references((): any => agendaItems.id),
  },
  (t) => [index("agenda_items_meeting").on(t.meetingId, t.position)],
);

/**
 * A § of a group's record: an ärende dealt with at a meeting, numbered consecutively per group and
 * Stockholm calendar year in the order dealt with. The number is permanent once given; a decision
 * adopted under the ärende carries the same number.
 */
export const paragraphs = sqliteTable(
  "paragraphs",
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
    agendaItemId: integer("agenda_item_id")
      .notNull()
      .references(() => agendaItems.id),
    outcome: text("outcome", { enum: paragraphOutcomes }).notNull().default("behandlat"),
    /** The ordförande who led the meeting when the § was dealt with. */
    chairedBy: integer("chaired_by").references(() => people.id),
    dealtAt: text("dealt_at").notNull(),
  },
  (t) => [
    uniqueIndex("paragraphs_group_year_number").on(t.groupId, t.year, t.number),
    uniqueIndex("paragraphs_agenda_item").on(t.agendaItemId),
    index("paragraphs_meeting").on(t.meetingId),
  ],
);

/**
 * Attendance per person (member or co-opted guest). A person who leaves early
 * has `leftAt`, so they are not counted as present for later §§. A member's
 * `role` and `functionId` are the capacity they attended in, fixed when they
 * are marked: the record stays as it was when memberships change later.
 */
export const attendance = sqliteTable(
  "attendance",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    meetingId: integer("meeting_id")
      .notNull()
      .references(() => meetings.id),
    personId: integer("person_id").references(() => people.id),
    guestName: text("guest_name"),
    guestOrganisation: text("guest_organisation"),
    guestFunction: text("guest_function"),
    role: text("role", { enum: memberRoles }),
    functionId: integer("function_id").references(() => functions.id),
    status: text("status", { enum: attendanceStatuses }).notNull(),
    arrivedAt: text("arrived_at"),
    leftAt: text("left_at"),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [uniqueIndex("attendance_meeting_person").on(t.meetingId, t.personId)],
);

/** Who approves (justerar) the minutes of a meeting, and when they did. */
export const minutesApprovers = sqliteTable(
  "minutes_approvers",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    meetingId: integer("meeting_id")
      .notNull()
      .references(() => meetings.id),
    personId: integer("person_id")
      .notNull()
      .references(() => people.id),
    /** The chair who led the meeting ("ordforande"), a "justerare" or the "sekreterare". */
    capacity: text("capacity", { enum: approverCapacities }).notNull(),
    approvedAt: text("approved_at"),
    /** SHA-256 of the rendered text the approver approved; an approval holds only while the text is unchanged. */
    approvedContentSha256: text("approved_content_sha256"),
    /** The documents' Yjs state vectors at approval (JSON: document name → base64), to show what was approved. */
    approvedStateVectors: text("approved_state_vectors"),
    comment: text("comment"),
  },
  (t) => [uniqueIndex("minutes_approvers_unique").on(t.meetingId, t.personId)],
);

/** The approved protocol (PDF) of a meeting, stored with its SHA-256 when justerat. */
export const protocols = sqliteTable("protocols", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  meetingId: integer("meeting_id")
    .notNull()
    .unique()
    .references(() => meetings.id),
  pdf: blob("pdf", { mode: "buffer" }).notNull(),
  sha256: text("sha256").notNull(),
  auditHash: text("audit_hash"),
  createdAt: text("created_at").notNull(),
});

/** A dated addendum to approved (locked) minutes: the only way to add to them afterwards. */
export const minutesAddenda = sqliteTable("minutes_addenda", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  meetingId: integer("meeting_id")
    .notNull()
    .references(() => meetings.id),
  text: text("text").notNull(),
  createdBy: integer("created_by")
    .notNull()
    .references(() => people.id),
  createdAt: text("created_at").notNull(),
});
