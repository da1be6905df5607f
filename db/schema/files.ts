import { sqliteTable, text, integer, index, check } from "drizzle-orm/sqlite-core";
import { sql } from "drizzle-orm";
import { fileCategories } from "../domain/enums";
import { agreementAmendments, agreementAttachments, agreements } from "./agreements";
import { decisions } from "./decisions";
import { agendaItems } from "./meetings";
import { people } from "./people";

/**
 * An uploaded file (handling). The bytes live in the file store under `storage_key`; the row keeps what
 * the record needs: the type found by sniffing the content, the SHA-256, who uploaded it and when.
 * A file belongs to exactly one thing (agreement, amendment, ärende or decision) and has that thing's rights.
 */
export const storedFiles = sqliteTable(
  "stored_files",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    category: text("category", { enum: fileCategories }).notNull(),
    /** The uploader's file name, cleaned; used in Content-Disposition. */
    fileName: text("file_name").notNull(),
    /** Optional description shown instead of the file name. */
    title: text("title"),
    /** The media type found by reading the content, never the one the browser claimed. */
    mediaType: text("media_type").notNull(),
    size: integer("size").notNull(),
    sha256: text("sha256").notNull(),
    storageKey: text("storage_key").notNull().unique(),
    agreementId: integer("agreement_id").references(() => agreements.id),
    /** For an agreement's bilaga: which listed bilaga this file is. */
    attachmentId: integer("attachment_id").references(() => agreementAttachments.id),
    amendmentId: integer("amendment_id").references(() => agreementAmendments.id),
    agendaItemId: integer("agenda_item_id").references(() => agendaItems.id),
    decisionId: integer("decision_id").references(() => decisions.id),
    uploadedBy: integer("uploaded_by")
      .notNull()
      .references(() => people.id),
    uploadedAt: text("uploaded_at").notNull(),
    /** A file removed before its meeting was justerad is kept (evidence) but no longer listed. */
    removedAt: text("removed_at"),
    removedBy: integer("removed_by").references(() => people.id),
  },
  (t) => [
    index("stored_files_agreement").on(t.agreementId),
    index("stored_files_agenda_item").on(t.agendaItemId),
    index("stored_files_decision").on(t.decisionId),
    check(
      "stored_files_one_owner",
      sql`(${t.agreementId} IS NOT NULL) + (${t.amendmentId} IS NOT NULL) + (${t.agendaItemId} IS NOT NULL) + (${t.decisionId} IS NOT NULL) = 1`,
    ),
  ],
);
