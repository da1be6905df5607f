import { sqliteTable, text, integer, index, primaryKey } from "drizzle-orm/sqlite-core";
import { accountTokenPurposes, mailStatuses, notificationChannels, notificationKinds } from "../domain/enums";
import { people } from "./people";

/**
 * The durable mail queue: a message is a row before anything is sent, so a process killed between
 * queueing and sending sends it after restart. `dedupe_key` (unique) makes queueing the same message
 * twice a no-op; the sender claims a row (status "sending", `claimed_at`) before the SMTP call and marks
 * it "sent" after, so a row is never sent twice by two senders. When no SMTP is configured, queued rows
 * stay readable at /admin/utkorg.
 */
export const mailOutbox = sqliteTable(
  "mail_outbox",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    kind: text("kind", { enum: notificationKinds }).notNull(),
    /** The person it is for (null for an address without an account, e.g. an invitation before acceptance). */
    personId: integer("person_id").references(() => people.id),
    toAddress: text("to_address").notNull(),
    subject: text("subject").notNull(),
    text: text("text").notNull(),
    html: text("html").notNull(),
    /** An iCalendar attachment (METHOD:REQUEST or CANCEL) for a kallelse. */
    ics: text("ics"),
    dedupeKey: text("dedupe_key").notNull().unique(),
    status: text("status", { enum: mailStatuses }).notNull().default("queued"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: text("next_attempt_at").notNull(),
    claimedAt: text("claimed_at"),
    lastError: text("last_error"),
    createdAt: text("created_at").notNull(),
    sentAt: text("sent_at"),
  },
  (t) => [index("mail_outbox_due").on(t.status, t.nextAttemptAt)],
);

/** In-app notifications: the list in the header, unread until opened. */
export const notifications = sqliteTable(
  "notifications",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    personId: integer("person_id")
      .notNull()
      .references(() => people.id),
    kind: text("kind", { enum: notificationKinds }).notNull(),
    title: text("title").notNull(),
    /** Where it leads inside the app (a path, never a session). */
    link: text("link").notNull(),
    dedupeKey: text("dedupe_key").notNull().unique(),
    createdAt: text("created_at").notNull(),
    readAt: text("read_at"),
  },
  (t) => [index("notifications_person").on(t.personId, t.readAt)],
);

/** A person's choice of channel per kind; no row means the default (e-mail). */
export const notificationPreferences = sqliteTable(
  "notification_preferences",
  {
    personId: integer("person_id")
      .notNull()
      .references(() => people.id),
    kind: text("kind", { enum: notificationKinds }).notNull(),
    channel: text("channel", { enum: notificationChannels }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.personId, t.kind] })],
);

/** One-time links for a password reset or an invitation: only the SHA-256 of the token is stored. */
export const accountTokens = sqliteTable(
  "account_tokens",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    personId: integer("person_id")
      .notNull()
      .references(() => people.id),
    purpose: text("purpose", { enum: accountTokenPurposes }).notNull(),
    tokenHash: text("token_hash").notNull().unique(),
    createdAt: text("created_at").notNull(),
    expiresAt: text("expires_at").notNull(),
    usedAt: text("used_at"),
    createdBy: integer("created_by").references(() => people.id),
  },
  (t) => [index("account_tokens_person").on(t.personId)],
);
