import { sqliteTable, text, integer, blob, index, primaryKey } from "drizzle-orm/sqlite-core";
import { actionRowStatuses, confidentialityMarkings, ragMarks, reportStatuses } from "../domain/enums";
import { decisions } from "./decisions";
import { groups } from "./groups";
import { agreements } from "./agreements";
import { meetings } from "./meetings";
import { organisations } from "./organisations";
import { people } from "./people";

/**
 * A händelse av väsentlig betydelse: the agreements oblige each party to tell the other party's
 * decision-maker in the styrgrupp "så snart det är möjligt". The row records what the reporting member
 * wrote; who was told and when they acknowledged it are in `significant_event_recipients`. Never edited
 * after it is recorded (a correction is a new event), so "who knew what when" stays true.
 */
export const significantEvents = sqliteTable(
  "significant_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    agreementId: integer("agreement_id")
      .notNull()
      .references(() => agreements.id),
    reportedBy: integer("reported_by")
      .notNull()
      .references(() => people.id),
    /** The party the reporter acts for (top organisation, see db/queries/party.ts) when it was recorded. */
    reportingPartyId: integer("reporting_party_id").references(() => organisations.id),
    title: text("title").notNull(),
    description: text("description").notNull(),
    /** When it happened: an ISO date, or date and time in Stockholm time ("2026-11-27T21:40"). */
    occurredAt: text("occurred_at").notNull(),
    place: text("place").notNull().default(""),
    confidentiality: text("confidentiality", { enum: confidentialityMarkings }).notNull(),
    /** The ground for secrecy as the reporter states it (e.g. "18 kap. 1 § OSL"); empty when not secret. */
    confidentialityNote: text("confidentiality_note").notNull().default(""),
    createdAt: text("created_at").notNull(),
  },
  (t) => [index("significant_events_agreement").on(t.agreementId, t.createdAt)],
);

/** Who was told about an event (the other party's decision-maker(s) in the styrgrupp), when, and when they acknowledged it. */
export const significantEventRecipients = sqliteTable(
  "significant_event_recipients",
  {
    eventId: integer("event_id")
      .notNull()
      .references(() => significantEvents.id),
    personId: integer("person_id")
      .notNull()
      .references(() => people.id),
    notifiedAt: text("notified_at").notNull(),
    acknowledgedAt: text("acknowledged_at"),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.personId] })],
);

/** "Läst": a member of a lokal styrgrupp has opened a city-wide styrgrupp's justerat protocol delivered to them. */
export const protocolReads = sqliteTable(
  "protocol_reads",
  {
    meetingId: integer("meeting_id")
      .notNull()
      .references(() => meetings.id),
    personId: integer("person_id")
      .notNull()
      .references(() => people.id),
    readAt: text("read_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.meetingId, t.personId] })],
);

/**
 * A report up the chain: arbetsgrupp → beredningsgrupp, beredningsgrupp → styrgrupp, lokal styrgrupp →
 * stadsövergripande beredningsgrupp. Written as the live document `rapport-<id>` (prefilled from the
 * åtgärdsplan's rows and their follow-up), then sent: sending freezes its content here (Yjs state and
 * plain text) with the rendered PDF/A and its SHA-256, and the receiving group finds it in its inbox. A
 * sent report never changes; the receiver may put it on a meeting's agenda (agenda_items.report_id).
 */
export const chainReports = sqliteTable(
  "chain_reports",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** The sending group's agreement. */
    agreementId: integer("agreement_id")
      .notNull()
      .references(() => agreements.id),
    fromGroupId: integer("from_group_id")
      .notNull()
      .references(() => groups.id),
    toGroupId: integer("to_group_id")
      .notNull()
      .references(() => groups.id),
    title: text("title").notNull(),
    /** The period reported on (ISO dates). */
    periodStart: text("period_start").notNull(),
    periodEnd: text("period_end").notNull(),
    status: text("status", { enum: reportStatuses }).notNull().default("utkast"),
    createdBy: integer("created_by")
      .notNull()
      .references(() => people.id),
    createdAt: text("created_at").notNull(),
    sentAt: text("sent_at"),
    sentBy: integer("sent_by").references(() => people.id),
    /** The content as sent: the live document's Yjs state and its plain text, then never changed. */
    frozenState: blob("frozen_state", { mode: "buffer" }),
    frozenText: text("frozen_text"),
    pdf: blob("pdf", { mode: "buffer" }),
    pdfSha256: text("pdf_sha256"),
  },
  (t) => [index("chain_reports_to").on(t.toGroupId, t.sentAt), index("chain_reports_from").on(t.fromGroupId)],
);

/**
 * A medborgarlöfte's activities: the lokal styrgrupp decides a löfte by a § of kind "medborgarlofte"
 * (decisions.kind); its activities are tracked like åtgärder (who, from when to when) and followed up at
 * the styrgrupp's meetings (`citizen_promise_follow_ups`). Removing one keeps it (removed_at) for the record.
 */
export const citizenPromiseActivities = sqliteTable(
  "citizen_promise_activities",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    decisionId: integer("decision_id")
      .notNull()
      .references(() => decisions.id),
    title: text("title").notNull(),
    responsiblePersonId: integer("responsible_person_id").references(() => people.id),
    startsOn: text("starts_on"),
    endsOn: text("ends_on"),
    position: integer("position").notNull(),
    createdBy: integer("created_by")
      .notNull()
      .references(() => people.id),
    createdAt: text("created_at").notNull(),
    removedAt: text("removed_at"),
  },
  (t) => [index("citizen_promise_activities_decision").on(t.decisionId, t.position)],
);

/** One follow-up of a löfte's activity: status, RAG mark and a dated comment, optionally at a styrgrupp meeting; every report kept. */
export const citizenPromiseFollowUps = sqliteTable(
  "citizen_promise_follow_ups",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    activityId: integer("activity_id")
      .notNull()
      .references(() => citizenPromiseActivities.id),
    status: text("status", { enum: actionRowStatuses }).notNull(),
    rag: text("rag", { enum: ragMarks }),
    comment: text("comment").notNull().default(""),
    meetingId: integer("meeting_id").references(() => meetings.id),
    reportedBy: integer("reported_by")
      .notNull()
      .references(() => people.id),
    reportedAt: text("reported_at").notNull(),
  },
  (t) => [index("citizen_promise_follow_ups_activity").on(t.activityId, t.reportedAt)],
);

/**
 * A styrgrupp meeting shared with another group of the same agreement (its beredningsgrupp): that
 * group's members may read the meeting (kallelse, handlingar, texts, protocol) without being members
 * of the styrgrupp. The beredningsgrupp sees the styrgrupp's decisions anyway; anything else it sees
 * only through a share. Revoking keeps the row (who could read what, when, stays known).
 */
export const meetingShares = sqliteTable(
  "meeting_shares",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    meetingId: integer("meeting_id")
      .notNull()
      .references(() => meetings.id),
    groupId: integer("group_id")
      .notNull()
      .references(() => groups.id),
    sharedBy: integer("shared_by")
      .notNull()
      .references(() => people.id),
    sharedAt: text("shared_at").notNull(),
    revokedBy: integer("revoked_by").references(() => people.id),
    revokedAt: text("revoked_at"),
  },
  (t) => [index("meeting_shares_meeting").on(t.meetingId, t.groupId), index("meeting_shares_group").on(t.groupId)],
);
