import { and, asc, eq, isNull } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { type Db, writeTransaction } from "../client";
import { parseDocumentName, type DocumentRef } from "../domain/document-names";
import { documentComments, meetings, people, situationPictures, situationSections, agendaItems } from "../schema";
import { nowIso } from "../time";
import { appendAudit, auditActorId } from "./audit";
import { membershipOf } from "./access";
import { documentAccess, type DocumentAccess } from "./document-access";
import { ConflictError, ForbiddenError, NotFoundError } from "./errors";
import type { Viewer } from "./sessions";

/**
 * Review comments on a selection of a live document. A comment never touches the document: its
 * selection is two Yjs relative positions (JSON) that the editor maps onto the text as it changes.
 * Whoever may edit the document may comment and resolve; whoever may only read it sees them (a
 * report's draft differs: see `commentRefusalFor`).
 */

/** A Yjs relative position as `Y.relativePositionToJSON` writes it. */
export interface RelativePositionJson {
  type?: { client: number; clock: number };
  tname?: string;
  item?: { client: number; clock: number };
  assoc?: number;
}

/** Where a comment sits: the selection's start and end. */
export interface CommentAnchor {
  from: RelativePositionJson;
  to: RelativePositionJson;
}

/** Longest stored anchor JSON: two positions take under 200 characters; anything longer was not made by the editor. */
export const MAX_ANCHOR_LENGTH = 1000;
export const MAX_BODY_LENGTH = 2000;
/** The quote is a reminder of what was selected, not a copy of the text. */
export const MAX_QUOTE_LENGTH = 300;

const MALFORMED_ANCHOR = "Markeringen kunde inte läsas. Markera texten igen.";

function isId(value: unknown): value is { client: number; clock: number } {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  const { client, clock } = value as Record<string, unknown>;
  return keys.length === 2 && Number.isSafeInteger(client) && Number.isSafeInteger(clock) && (client as number) >= 0 && (clock as number) >= 0;
}

function isRelativePosition(value: unknown): value is RelativePositionJson {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const position = value as Record<string, unknown>;
  if (!Object.keys(position).every((key) => ["type", "tname", "item", "assoc"].includes(key))) return false;
  if (position.type !== undefined && !isId(position.type)) return false;
  if (position.item !== undefined && !isId(position.item)) return false;
  // The editor's text lives in the root fragment "default"; a named root type is only ever that one.
  if (position.tname !== undefined && position.tname !== "default") return false;
  if (position.assoc !== undefined && !(Number.isInteger(position.assoc) && Math.abs(position.assoc as number) <= 1)) return false;
  return position.type !== undefined || position.tname !== undefined || position.item !== undefined;
}

/** The anchor's canonical JSON, or a ConflictError when it is not two relative positions of a reasonable size. */
export function parseCommentAnchor(raw: string): string {
  if (raw.length > MAX_ANCHOR_LENGTH) throw new ConflictError(MALFORMED_ANCHOR, "anchor");
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw new ConflictError(MALFORMED_ANCHOR, "anchor");
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new ConflictError(MALFORMED_ANCHOR, "anchor");
  const { from, to, ...rest } = value as Record<string, unknown>;
  if (Object.keys(rest).length > 0 || !isRelativePosition(from) || !isRelativePosition(to)) throw new ConflictError(MALFORMED_ANCHOR, "anchor");
  return JSON.stringify({ from, to });
}

function cleanBody(body: string): string {
  const text = body.trim();
  if (text === "") throw new ConflictError("Skriv en kommentar.", "body");
  if (text.length > MAX_BODY_LENGTH) throw new ConflictError(`Kommentaren får vara högst ${MAX_BODY_LENGTH} tecken.`, "body");
  return text;
}

function shortenQuote(quote: string): string {
  const text = quote.replace(/\s+/g, " ").trim();
  return text.length > MAX_QUOTE_LENGTH ? `${text.slice(0, MAX_QUOTE_LENGTH - 1)}…` : text;
}

/** The document's name parsed, and the viewer's access to it; NotFoundError when the viewer may not see it. */
function readableDocument(db: Db, viewer: Viewer, documentName: string) {
  const ref = parseDocumentName(documentName);
  if (!ref) throw new NotFoundError();
  const access = documentAccess(db, viewer, ref);
  if (!access.ok) throw new NotFoundError();
  return { ref, access };
}

/**
 * Why a viewer who may read the document may not comment on it, or null when they may. As a rule
 * whoever may edit a document comments on it, and approved minutes take no more comments. A report's
 * draft is the sending group's to discuss: every member who reads it comments (läsare too; an
 * administrator who only reads it for support does not), and a sent report is frozen, its comments
 * read but none added.
 */
function commentRefusalFor(db: Db, viewer: Viewer, ref: DocumentRef, access: Extract<DocumentAccess, { ok: true }>): string | null {
  if (ref.kind === "report") {
    if (access.locked) return "Rapporten är skickad och kan inte längre kommenteras.";
    const member = access.owner.groupId !== undefined && membershipOf(db, viewer, access.owner.groupId) !== null;
    return member ? null : "Bara den rapporterande gruppens medlemmar kan kommentera rapporten.";
  }
  if (access.mode !== "edit") return "Bara de som får ändra dokumentet kan kommentera det.";
  if (access.locked) return "Protokollet är justerat och kan inte längre kommenteras.";
  return null;
}

/** As `readableDocument`, and refuses a viewer who may not comment on it (see `commentRefusalFor`). */
function commentableDocument(db: Db, viewer: Viewer, documentName: string) {
  const found = readableDocument(db, viewer, documentName);
  const refusal = commentRefusalFor(db, viewer, found.ref, found.access);
  if (refusal) throw new ForbiddenError(refusal);
  return found;
}

/** Whether the viewer may comment on the document (for the page to offer the button). */
export function mayComment(db: Db, viewer: Viewer, documentName: string): boolean {
  const ref = parseDocumentName(documentName);
  if (!ref) return false;
  const access = documentAccess(db, viewer, ref);
  return access.ok && commentRefusalFor(db, viewer, ref, access) === null;
}

/** A short Swedish name of what the document is, for the audit log ("Lägesbild 2026: Underlag och källor"). */
function documentTitle(db: Db, ref: DocumentRef): string {
  switch (ref.kind) {
    case "lagesbild_section": {
      const section = db
        .select({ title: situationSections.title, year: situationPictures.year })
        .from(situationSections)
        .innerJoin(situationPictures, eq(situationPictures.id, situationSections.pictureId))
        .where(eq(situationSections.id, ref.sectionId))
        .get();
      return section ? `Lägesbild ${section.year}: ${section.title}` : "Lägesbild";
    }
    case "lagesbild":
      return `Lägesbild ${ref.year}`;
    case "atgardsplan":
      return "Åtgärdsplan";
    case "atgard_notes":
      return "Åtgärdsplan: anteckningar till en åtgärd";
    case "version_part":
      return "Version";
    case "report":
      return "Rapport";
    case "kommunikationsplan":
      return "Kommunikationsplan";
    case "agenda_item_notes":
    case "decision_text": {
      const item = db.select({ title: agendaItems.title }).from(agendaItems).where(eq(agendaItems.id, ref.agendaItemId)).get();
      return item ? `Ärende: ${item.title}` : "Ärende";
    }
    default: {
      const meeting = db.select({ title: meetings.title }).from(meetings).where(eq(meetings.id, ref.meetingId)).get();
      return `${ref.kind === "agenda" ? "Dagordning" : "Protokoll"}${meeting ? `: ${meeting.title}` : ""}`;
    }
  }
}

function audit(tx: Db, viewer: Viewer, action: "comment.added" | "comment.resolved", documentName: string, payload: Record<string, unknown>, now: Date) {
  const ref = parseDocumentName(documentName)!;
  appendAudit(tx, { actorId: auditActorId(viewer), action, subject: `document:${documentName}`, payload: { title: documentTitle(tx, ref), ...payload } }, now);
}

export interface CommentView {
  id: number;
  anchor: CommentAnchor | null;
  quote: string;
  body: string;
  authorName: string;
  createdAt: string;
  resolvedAt: string | null;
  resolvedByName: string | null;
  replies: { id: number; body: string; authorName: string; createdAt: string }[];
}

/**
 * The document's comments for a viewer who may read it, open ones first (oldest first within each),
 * each with its replies; and whether the viewer may comment.
 */
export function listComments(db: Db, viewer: Viewer, documentName: string): { comments: CommentView[]; canComment: boolean } {
  readableDocument(db, viewer, documentName);
  const author = alias(people, "author");
  const resolver = alias(people, "resolver");
  const rows = db
    .select({
      id: documentComments.id,
      parentId: documentComments.parentId,
      anchor: documentComments.anchor,
      quote: documentComments.quote,
      body: documentComments.body,
      authorName: author.name,
      createdAt: documentComments.createdAt,
      resolvedAt: documentComments.resolvedAt,
      resolvedByName: resolver.name,
    })
    .from(documentComments)
    .innerJoin(author, eq(author.id, documentComments.authorId))
    .leftJoin(resolver, eq(resolver.id, documentComments.resolvedBy))
    .where(eq(documentComments.documentName, documentName))
    .orderBy(asc(documentComments.id))
    .all();
  const comments = new Map<number, CommentView>();
  for (const row of rows) {
    if (row.parentId !== null) continue;
    comments.set(row.id, {
      id: row.id,
      anchor: row.anchor ? (JSON.parse(row.anchor) as CommentAnchor) : null,
      quote: row.quote,
      body: row.body,
      authorName: row.authorName,
      createdAt: row.createdAt,
      resolvedAt: row.resolvedAt,
      resolvedByName: row.resolvedByName,
      replies: [],
    });
  }
  for (const row of rows) {
    if (row.parentId !== null) comments.get(row.parentId)?.replies.push({ id: row.id, body: row.body, authorName: row.authorName, createdAt: row.createdAt });
  }
  const ordered = [...comments.values()].sort((a, b) => Number(a.resolvedAt !== null) - Number(b.resolvedAt !== null) || a.id - b.id);
  return { comments: ordered, canComment: mayComment(db, viewer, documentName) };
}

/** Adds a comment on a selection. `anchor` is the JSON the editor made; it is checked, never trusted. */
export function addComment(db: Db, viewer: Viewer, input: { documentName: string; anchor: string; quote: string; body: string }, now = new Date()): number {
  return writeTransaction(db, (tx) => {
    commentableDocument(tx, viewer, input.documentName);
    const anchor = parseCommentAnchor(input.anchor);
    const body = cleanBody(input.body);
    const quote = shortenQuote(input.quote);
    const row = tx
      .insert(documentComments)
      .values({ documentName: input.documentName, anchor, quote, body, authorId: viewer.id, createdAt: nowIso(now) })
      .returning({ id: documentComments.id })
      .get();
    audit(tx, viewer, "comment.added", input.documentName, { commentId: row.id, detail: body }, now);
    return row.id;
  });
}

/** The top-level comment with this id, checked against the viewer's right to comment on its document. */
function commentableThread(db: Db, viewer: Viewer, commentId: number) {
  const comment = db
    .select()
    .from(documentComments)
    .where(and(eq(documentComments.id, commentId), isNull(documentComments.parentId)))
    .get();
  if (!comment) throw new NotFoundError();
  commentableDocument(db, viewer, comment.documentName);
  return comment;
}

/** Answers a comment. Replies have no selection of their own. */
export function replyToComment(db: Db, viewer: Viewer, input: { commentId: number; body: string }, now = new Date()): number {
  return writeTransaction(db, (tx) => {
    const parent = commentableThread(tx, viewer, input.commentId);
    const body = cleanBody(input.body);
    const row = tx
      .insert(documentComments)
      .values({ documentName: parent.documentName, parentId: parent.id, quote: "", body, authorId: viewer.id, createdAt: nowIso(now) })
      .returning({ id: documentComments.id })
      .get();
    audit(tx, viewer, "comment.added", parent.documentName, { commentId: row.id, replyTo: parent.id, detail: body }, now);
    return row.id;
  });
}

/**
 * Marks a comment resolved, or open again. Both are recorded as comment.resolved (`resolved`
 * says which): reopening undoes a resolution, it is not a new comment.
 */
export function setCommentResolved(db: Db, viewer: Viewer, commentId: number, resolved: boolean, now = new Date()): void {
  writeTransaction(db, (tx) => {
    const comment = commentableThread(tx, viewer, commentId);
    // Already so (two people pressed at once): nothing to change or record.
    if ((comment.resolvedAt !== null) === resolved) return;
    tx.update(documentComments)
      .set(resolved ? { resolvedAt: nowIso(now), resolvedBy: viewer.id } : { resolvedAt: null, resolvedBy: null })
      .where(eq(documentComments.id, commentId))
      .run();
    audit(tx, viewer, "comment.resolved", comment.documentName, { commentId, resolved, detail: resolved ? comment.body : `Öppnad igen: ${comment.body}` }, now);
  });
}
