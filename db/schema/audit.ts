import { sqliteTable, text, integer } from "drizzle-orm/sqlite-core";
import { people } from "./people";

/**
 * Append-only, tamper-evident log: each entry's hash covers its content and
 * the previous entry's hash, so any edit or deletion breaks the chain.
 */
export const auditLog = sqliteTable("audit_log", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  at: text("at").notNull(),
  actorId: integer("actor_id").references(() => people.id),
  action: text("action").notNull(),
  subject: text("subject").notNull(),
  payload: text("payload").notNull(),
  prevHash: text("prev_hash").notNull(),
  hash: text("hash").notNull().unique(),
});
