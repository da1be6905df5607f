import { and, asc, eq, isNull } from "drizzle-orm";
import { type Db, writeTransaction } from "../client";
import { parseDocumentName, type DocumentRef } from "../domain/document-names";
import { documentComments, people, situationPictures, situationSections } from "../schema";
import { nowIso } from "../time";
import { appendAudit } from "./audit";
import { documentAccess } from "./document-access";
import { ConflictError, ForbiddenError, NotFoundError } from "./errors";
import type { Viewer } from "./sessions";

export const COMMENT_BODY_MAX = 2000;
const QUOTE_MAX = 500;
const ANCHOR_MAX = 2000;

/** Documents that take review comments: the parts of a lägesbild and an åtgärdsplan. */
type CommentableRef = Extract<DocumentRef, { kind: "lagesbild_section" | "atgardsplan" | "atgard_notes" }>;

function commentable(name: string): CommentableRef {
  const ref = parseDocumentName(name);
  if (!ref || (ref.kind !== "lagesbild_section" && ref.kind !== "atgardsplan" && ref.kind !== "atgard_notes")) throw new NotFoundError();
  return ref;
}

/** Read or write rights on the document, by the rule of its live document (document-access.ts); NotFoundError when neither. */
function requireAccess(db: Db, viewer: Viewer, ref: CommentableRef, mode: "read" | "edit"): void {
  const access = documentAccess(db, viewer, ref);
  if (!access.ok) throw new NotFoundError();
  if (mode === "edit" && access.mode !== "edit") throw new ForbiddenError("Du får läsa men inte kommentera det här dokumentet.");
}

const isUint = (value: unknown) => Number.isSafeInteger(value) && (value as number) >= 0;
const isId = (value: unknown) =>
  typeof value === "object" && value !== null && isUint((value as { client?: unknown }).client) && isUint((value as { clock?: unknown }).clock);

/**
 * A Yjs relative position as Y.relativePositionToJSON writes it: an item id, or a type (by id or
 * root name) for a position at its end, and an optional assoc. Nothing else is stored.
 */
function isRelativePosition(value: unknown): boolean {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const { item, type, tname, assoc, ...rest } = value as Record<string, unknown>;
  if (Object.keys(rest).length > 0) return false;
  if (assoc !== undefined && assoc !== null && !Number.isSafeInteger(assoc)) return false;
  if (item !== undefined && item !== null && !isId(item)) return false;
  if (type !== undefined && type !== null && !isId(type)) return false;
  if (tname !== undefined && tname !== null && (typeof tname !== "string" || tname.length > 100)) return false;
  return Boolean(item || type || tname);
}

/** The selection a comment is anchored to, as stored: `{"anchor": …, "head": …}` (relative positions), or refused. */
export function parseCommentAnchor(anchor: string): string {
  let parsed: unknown;
  try {
    if (anchor.length > ANCHOR_MAX) throw new Error("too long");
    parsed = JSON.parse(anchor);
  } catch {
    throw new ConflictError("Markeringen kunde inte läsas. Markera texten igen.", "anchor");
  }
  const { anchor: start, head, ...rest } = (typeof parsed === "object" && parsed !== null ? parsed : {}) as Record<string, unknown>;
  if (Object.keys(rest).length > 0 || !isRelativePosition(start) || !isRelativePosition(head)) {
    throw new ConflictError("Markeringen kunde inte läsas. Markera texten igen.", "anchor");
  }
  return JSON.stringify({ anchor: start, head });
}

function commentBody(body: string): string {
  const text = body.trim();
  if (text === "") throw new ConflictError("Skriv en kommentar.", "body");
  if (text.length > COMMENT_BODY_MAX) throw new ConflictError(`Högst ${COMMENT_BODY_MAX} tecken.`, "body");
  return text;
}

/** The audit entry's short Swedish subject: "Lägesbild 2026: Polisens analys", "Åtgärdsplan". */
function documentTitle(db: Db, ref: CommentableRef): string {
  if (ref.kind !== "lagesbild_section") return "Åtgärdsplan";
  const section = db
    .select({ title: situationSections.title, year: situationPictures.year })
    .from(situationSections)
    .innerJoin(situationPictures, eq(situationPictures.id, situationSections.pictureId))
    .where(eq(situationSections.id, ref.sectionId))
    .get();
  return section ? `Lägesbild ${section.year}: ${section.title}` : "Lägesbild";
}

/** A review comment on a selection, by someone who may edit the document. */
export function addComment(db: Db, viewer: Viewer, documentName: string, input: { anchor: string; quote: string; body: string }, now = new Date()) {
  const ref = commentable(documentName);
  requireAccess(db, viewer, ref, "edit");
  const anchor = parseCommentAnchor(input.anchor);
  return insertComment(db, viewer, ref, { documentName, anchor, quote: input.quote.trim().slice(0, QUOTE_MAX), body: commentBody(input.body) }, now);
}

/** Stores a comment or a reply with its audit entry. */
function insertComment(
  db: Db,
  viewer: Viewer,
  ref: CommentableRef,
  comment: { documentName: string; anchor?: string; parentId?: number; quote: string; body: string },
  now: Date,
) {
  return writeTransaction(db, (tx) => {
    const row = tx
      .insert(documentComments)
      .values({ ...comment, authorId: viewer.id, createdAt: nowIso(now) })
      .returning()
      .get();
    const payload = { title: documentTitle(tx, ref), detail: comment.body, commentId: row.id, replyTo: comment.parentId };
    appendAudit(tx, { actorId: viewer.id, action: "comment.added", subject: `document:${comment.documentName}`, payload }, now);
    return row;
  });
}

function topLevelComment(db: Db, commentId: number) {
  const comment = db.select().from(documentComments).where(eq(documentComments.id, commentId)).get();
  if (!comment || comment.parentId !== null) throw new NotFoundError();
  return comment;
}

/** A reply to a comment (replies have no anchor of their own, and are not replied to in turn). */
export function replyToComment(db: Db, viewer: Viewer, commentId: number, body: string, now = new Date()) {
  const parent = topLevelComment(db, commentId);
  const ref = commentable(parent.documentName);
  requireAccess(db, viewer, ref, "edit");
  return insertComment(db, viewer, ref, { documentName: parent.documentName, parentId: parent.id, quote: "", body: commentBody(body) }, now);
}

/** Marks a comment (with its replies) as resolved; once only. */
export function resolveComment(db: Db, viewer: Viewer, commentId: number, now = new Date()) {
  const comment = topLevelComment(db, commentId);
  const ref = commentable(comment.documentName);
  requireAccess(db, viewer, ref, "edit");
  return writeTransaction(db, (tx) => {
    const resolved = tx
      .update(documentComments)
      .set({ resolvedAt: nowIso(now), resolvedBy: viewer.id })
      .where(and(eq(documentComments.id, commentId), isNull(documentComments.resolvedAt)))
      .returning()
      .get();
    if (!resolved) throw new ConflictError("Kommentaren är redan löst.");
    appendAudit(
      tx,
      {
        actorId: viewer.id,
        action: "comment.resolved",
        subject: `document:${comment.documentName}`,
        payload: { title: documentTitle(tx, ref), detail: comment.body, commentId },
      },
      now,
    );
    return resolved;
  });
}

/** A document's comments with their replies and authors, oldest first, for a viewer who may read it. */
export function listComments(db: Db, viewer: Viewer, documentName: string) {
  requireAccess(db, viewer, commentable(documentName), "read");
  const rows = db
    .select({ comment: documentComments, authorName: people.name })
    .from(documentComments)
    .innerJoin(people, eq(people.id, documentComments.authorId))
    .where(eq(documentComments.documentName, documentName))
    .orderBy(asc(documentComments.id))
    .all()
    .map(({ comment, authorName }) => ({ ...comment, authorName }));
  return rows.filter((c) => c.parentId === null).map((c) => ({ ...c, replies: rows.filter((r) => r.parentId === c.id) }));
}
