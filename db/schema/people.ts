import { sqliteTable, text, integer, index } from "drizzle-orm/sqlite-core";
import { organisations } from "./organisations";

/** A user of the product. Deactivated people keep their history but cannot log in. */
export const people = sqliteTable("people", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  /** Stored lower-cased; the login identifier. */
  email: text("email").notNull().unique(),
  name: text("name").notNull(),
  /** Job title as the person states it, e.g. "Trygghetssamordnare". */
  title: text("title"),
  /** Work phone as the person or an administrator gives it, shown in the agreement's kontaktuppgifter. */
  phone: text("phone"),
  organisationId: integer("organisation_id").references(() => organisations.id),
  passwordHash: text("password_hash"),
  isAdmin: integer("is_admin", { mode: "boolean" }).notNull().default(false),
  active: integer("active", { mode: "boolean" }).notNull().default(true),
  createdAt: text("created_at").notNull(),
  deactivatedAt: text("deactivated_at"),
  /** SHA-256 of the secret in the person's calendar feed URL; null until they create one. */
  calendarTokenHash: text("calendar_token_hash").unique(),
});

/** Server-side sessions: the cookie carries a random token, we store its SHA-256. */
export const sessions = sqliteTable(
  "sessions",
  {
    tokenHash: text("token_hash").primaryKey(),
    personId: integer("person_id")
      .notNull()
      .references(() => people.id),
    createdAt: text("created_at").notNull(),
    expiresAt: text("expires_at").notNull(),
    /** The browser it was made in (User-Agent, cut short), so "my account" can list a person's sessions recognisably. */
    userAgent: text("user_agent"),
    /** How the session was signed in: "password", "password+totp", "oidc:<provider>", "oidc:<provider>+totp", … (null for sessions older than migration 0013). */
    authMethod: text("auth_method"),
  },
  (t) => [index("sessions_person").on(t.personId)],
);

/** Failed login attempts, kept for rate limiting per account and per address. */
export const loginFailures = sqliteTable(
  "login_failures",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    email: text("email").notNull(),
    address: text("address").notNull(),
    /** SHA-256 of the known-device token the attempt came with, if any: such attempts count against that device only. */
    deviceHash: text("device_hash"),
    at: text("at").notNull(),
  },
  (t) => [
    index("login_failures_email").on(t.email, t.at),
    index("login_failures_address").on(t.address, t.at),
    index("login_failures_device").on(t.deviceHash, t.at),
  ],
);

/**
 * Browsers a person has logged in from before (a long-lived cookie holds the token, we store its SHA-256).
 * A known device keeps its own failure count, so a guesser elsewhere cannot slow its owner down.
 */
export const knownDevices = sqliteTable(
  "known_devices",
  {
    tokenHash: text("token_hash").primaryKey(),
    personId: integer("person_id")
      .notNull()
      .references(() => people.id),
    createdAt: text("created_at").notNull(),
    lastUsedAt: text("last_used_at").notNull(),
  },
  (t) => [index("known_devices_person").on(t.personId)],
);

/** Small key/value store for values generated once per installation (session secret). */
export const settings = sqliteTable("settings", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
});
