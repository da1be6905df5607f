import { sqliteTable, text, integer, blob, index, primaryKey } from "drizzle-orm/sqlite-core";
import { versionKinds, versionSubjects } from "../domain/enums";
import { decisions } from "./decisions";
import { agendaItems, meetings } from "./meetings";
import { people } from "./people";

/**
 * A frozen copy of a whole lägesbild or åtgärdsplan: every live document's state (parts) plus the
 * rows that are not in Yjs (`data`, canonical JSON). Immutable once written; restoring one writes
 * its content into the live documents as a new edit and records a version of kind "aterstalld".
 * `sha256` is over the canonical content, so two versions with equal content have equal hashes.
 */
export const documentVersions = sqliteTable(
  "document_versions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    subjectKind: text("subject_kind", { enum: versionSubjects }).notNull(),
    /** situation_pictures.id or action_plans.id. */
    subjectId: integer("subject_id").notNull(),
    kind: text("kind", { enum: versionKinds }).notNull(),
    label: text("label").notNull(),
    data: text("data").notNull().default("{}"),
    sha256: text("sha256").notNull(),
    createdAt: text("created_at").notNull(),
    /** Null for automatic (daily) versions. */
    createdBy: integer("created_by").references(() => people.id),
    /** For a version put up for decision: the meeting and ärende it is to be decided at. */
    meetingId: integer("meeting_id").references(() => meetings.id),
    agendaItemId: integer("agenda_item_id").references(() => agendaItems.id),
    /** For a decided version: the decision (its §) and the rendered PDF/A with its hash. */
    decisionId: integer("decision_id").references(() => decisions.id),
    pdf: blob("pdf", { mode: "buffer" }),
    pdfSha256: text("pdf_sha256"),
  },
  (t) => [index("document_versions_subject").on(t.subjectKind, t.subjectId, t.id)],
);

/** One live document's full state in a version (Y.encodeStateAsUpdate) and its plain text. */
export const documentVersionParts = sqliteTable(
  "document_version_parts",
  {
    versionId: integer("version_id")
      .notNull()
      .references(() => documentVersions.id),
    documentName: text("document_name").notNull(),
    title: text("title").notNull(),
    position: integer("position").notNull(),
    state: blob("state", { mode: "buffer" }).notNull(),
    plainText: text("plain_text").notNull(),
  },
  (t) => [primaryKey({ columns: [t.versionId, t.documentName] })],
);

/**
 * A review comment on a selection of a live document. The selection is held as Yjs relative
 * positions (`anchor`, JSON), so it follows the text as others edit; the text itself is never touched.
 */
export const documentComments = sqliteTable(
  "document_comments",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    documentName: text("document_name").notNull(),
    /** A reply points at the comment it answers; replies have no anchor of their own. */
    parentId: integer("parent_id").references((): any => documentComments.id),
    anchor: text("anchor"),
    /** The selected text when the comment was made, shown if the selection is later deleted. */
    quote: text("quote").notNull().default(""),
    body: text("body").notNull(),
    authorId: integer("author_id")
      .notNull()
      .references(() => people.id),
    createdAt: text("created_at").notNull(),
    resolvedAt: text("resolved_at"),
    resolvedBy: integer("resolved_by").references(() => people.id),
  },
  (t) => [index("document_comments_document").on(t.documentName, t.id)],
);
