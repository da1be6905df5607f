import { sqliteTable, text, integer, blob, index, primaryKey } from "drizzle-orm/sqlite-core";
import { documentKinds } from "../domain/enums";
import { agreements } from "./agreements";
import { groups } from "./groups";
import { meetings } from "./meetings";
import { people } from "./people";

/**
 * A live (Yjs) document. The Y.Doc is the source of truth for its text: the
 * state is `snapshot` plus the rows of `document_updates` after it.
 * `plainText` is derived from it for search and export.
 */
export const documents = sqliteTable("documents", {
  name: text("name").primaryKey(),
  kind: text("kind", { enum: documentKinds }).notNull(),
  groupId: integer("group_id").references(() => groups.id),
  agreementId: integer("agreement_id").references(() => agreements.id),
  meetingId: integer("meeting_id").references(() => meetings.id),
  snapshot: blob("snapshot", { mode: "buffer" }),
  /**
   * The snapshot is known to hold no pending Yjs state: written by compaction or creation, which drop it
   * first. Such a snapshot may be sent to a page before the server has applied it; one stored earlier
   * is applied (and repaired) first.
   */
  snapshotClean: integer("snapshot_clean", { mode: "boolean" }).notNull().default(false),
  plainText: text("plain_text").notNull().default(""),
  /** Set when the document may no longer change (approved minutes). */
  lockedAt: text("locked_at"),
  updatedAt: text("updated_at").notNull(),
});

/** Append-only log of Yjs updates since the last snapshot of a document. */
export const documentUpdates = sqliteTable(
  "document_updates",
  {
    // A plain rowid, not AUTOINCREMENT: that rewrote sqlite_sequence's page in every keystroke's commit
    // (3 WAL pages instead of 2). New rows still get ids above every row in the table, so a
    // document's log stays in insertion order even after compaction deleted the highest ids.
    id: integer("id").primaryKey(),
    documentName: text("document_name")
      .notNull()
      .references(() => documents.name),
    update: blob("update", { mode: "buffer" }).notNull(),
    personId: integer("person_id").references(() => people.id),
    createdAt: text("created_at").notNull(),
  },
  (t) => [index("document_updates_doc").on(t.documentName, t.id)],
);

/**
 * Which person writes under which Yjs client id in a document. A client id is bound to the first
 * person (and, while connected, the first connection) that uses it; structs under someone else's
 * id are refused, so nobody can make text appear as another person's edit.
 */
export const documentClients = sqliteTable(
  "document_clients",
  {
    documentName: text("document_name")
      .notNull()
      .references(() => documents.name),
    clientId: integer("client_id").notNull(),
    personId: integer("person_id")
      .notNull()
      .references(() => people.id),
    claimedAt: text("claimed_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.documentName, t.clientId] })],
);

/**
 * Which server process holds a live document in memory. Only the holder loads, writes and
 * compacts it (a snapshot replaces the whole log: two processes writing one document would drop
 * each other's rows), so a second process refuses the document instead of splitting it in two.
 * The holder renews its leases while it runs; a process that dies leaves them to expire.
 */
export const documentLeases = sqliteTable("document_leases", {
  documentName: text("document_name").primaryKey(),
  /** A random id of the holding process, chosen at its start. */
  holder: text("holder").notNull(),
  /** Milliseconds since the epoch after which the lease is free. */
  expiresAt: integer("expires_at").notNull(),
});
