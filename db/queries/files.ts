import { createReadStream } from "node:fs";
import { rm } from "node:fs/promises";
import { and, asc, eq, inArray, isNull, or, type SQL } from "drizzle-orm";
import { type Db, writeTransaction } from "../client";
import { FILE_SIZE_REFUSAL, FILE_TYPE_REFUSAL, MAX_FILE_BYTES, type FileView } from "../domain/file-types";
import type { FileCategory } from "../domain/enums";
import type { ReceivedUpload } from "../files/receive";
import { sniffAllowedType } from "../files/sniff";
import { fileStore, newStorageKey } from "../files/store";
import { agendaItems, agreementAmendments, agreementAttachments, agreements, decisions, people, storedFiles } from "../schema";
import { nowIso } from "../time";
import { visibleAgreementIds } from "./access";
import { appendAudit, auditActorId } from "./audit";
import { ConflictError, ForbiddenError, NotFoundError } from "./errors";
import { listedFilesOfMeeting } from "./meeting-files";
import { assertRecordOpen, LOCKED_MESSAGE, meetingContext } from "./meeting-rights";
import type { Viewer } from "./sessions";

/**
 * Handlingar: uploaded files. A file has the rights of what it belongs to: an ärende's handlingar and a
 * decision's bilagor those of the meeting (who may edit the meeting uploads and removes, who may see it
 * downloads; after justering they are frozen with the record), an agreement's and an amendment's files
 * those of the agreement page (administrators upload, whoever may see the agreement downloads).
 */
export type FileOwner =
  { kind: "agendaItem"; id: number } | { kind: "decision"; id: number } | { kind: "agreement"; id: number } | { kind: "amendment"; id: number };

/** The viewer's standing towards an owner: null when it does not exist or is not theirs to see. */
interface OwnerAccess {
  /** The meeting whose record the file is part of (ärende, decision); null for an agreement's files. */
  meetingId: number | null;
  locked: boolean;
  canEdit: boolean;
  /** The agreement whose listed bilagor a file may be tied to. */
  agreementId: number | null;
  /** The audit subject the file's entries go under. */
  subject: string;
}

/** The meeting an ärende or decision belongs to; null for an agreement's and an amendment's files, and for an unknown owner. */
export function fileOwnerMeetingId(db: Db, owner: FileOwner): number | null {
  if (owner.kind === "agendaItem") return db.select({ id: agendaItems.meetingId }).from(agendaItems).where(eq(agendaItems.id, owner.id)).get()?.id ?? null;
  if (owner.kind === "decision") return db.select({ id: decisions.meetingId }).from(decisions).where(eq(decisions.id, owner.id)).get()?.id ?? null;
  return null;
}

/** The agreement an agreement's or an amendment's file belongs to; null for a meeting's files and for an unknown owner. */
export function fileOwnerAgreementId(db: Db, owner: FileOwner): number | null {
  if (owner.kind === "agreement") return owner.id;
  if (owner.kind === "amendment") {
    return db.select({ id: agreementAmendments.agreementId }).from(agreementAmendments).where(eq(agreementAmendments.id, owner.id)).get()?.id ?? null;
  }
  return null;
}

function ownerAccess(db: Db, viewer: Viewer, owner: FileOwner): OwnerAccess | null {
  if (owner.kind === "agendaItem" || owner.kind === "decision") {
    const meetingId = fileOwnerMeetingId(db, owner);
    const context = meetingId === null ? null : meetingContext(db, viewer, meetingId);
    if (!context || meetingId === null) return null;
    return { meetingId, locked: context.locked, canEdit: context.canEdit, agreementId: null, subject: `meeting:${meetingId}` };
  }
  const agreementId =
    owner.kind === "agreement"
      ? owner.id
      : db.select({ id: agreementAmendments.agreementId }).from(agreementAmendments).where(eq(agreementAmendments.id, owner.id)).get()?.id;
  if (agreementId === undefined || !visibleAgreementIds(db, viewer).has(agreementId)) return null;
  // Nothing in the app gives anyone but administrators the right to change an agreement.
  return { meetingId: null, locked: false, canEdit: viewer.isAdmin, agreementId, subject: `agreement:${agreementId}` };
}

/** The access when the viewer may add or remove files of the owner; the refusal otherwise (NotFoundError when it is not theirs to see). */
function requireFileEditing(db: Db, viewer: Viewer, owner: FileOwner): OwnerAccess {
  const access = ownerAccess(db, viewer, owner);
  if (!access) throw new NotFoundError();
  if (access.locked) throw new ConflictError(LOCKED_MESSAGE, "file");
  if (!access.canEdit)
    throw new ForbiddenError(
      access.meetingId === null ? "Endast administratörer får lägga till filer till en överenskommelse." : "Du kan inte ändra det här mötet.",
    );
  return access;
}

/** Which categories each owner takes; the first is its default. */
const ownerCategories: Record<FileOwner["kind"], FileCategory[]> = {
  agendaItem: ["handling"],
  decision: ["beslutsbilaga"],
  agreement: ["bilaga", "signerat_original"],
  amendment: ["andring"],
};

function ownerColumns(owner: FileOwner) {
  return {
    agendaItemId: owner.kind === "agendaItem" ? owner.id : null,
    decisionId: owner.kind === "decision" ? owner.id : null,
    agreementId: owner.kind === "agreement" ? owner.id : null,
    amendmentId: owner.kind === "amendment" ? owner.id : null,
  };
}

/** The uploader's file name without any folder part or control characters, at most 200 characters. */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  const cleaned = base.replace(/[\u0000-\u001f\u007f]/g, "").trim();
  if (!cleaned) return "fil";
  if (cleaned.length <= 200) return cleaned;
  const dot = cleaned.lastIndexOf(".");
  const extension = dot > 0 && cleaned.length - dot <= 10 ? cleaned.slice(dot) : "";
  return cleaned.slice(0, 200 - extension.length) + extension;
}

export interface AddFileInput {
  owner: FileOwner;
  /** Defaults to the owner's own category (handling, beslutsbilaga, bilaga, andring). */
  category?: FileCategory;
  fileName: string;
  title?: string | null;
  /** Which listed bilaga of the agreement this file is. */
  attachmentId?: number | null;
  upload: ReceivedUpload;
}

/**
 * Adds an uploaded file to its owner: checks the right, the size and the type found in the content, puts the
 * bytes in the file store under a random key and records the file with its SHA-256, uploader and time.
 * The received temporary file is removed whatever happens. Returns the new file's id.
 */
export async function addFile(db: Db, viewer: Viewer, input: AddFileInput, now = new Date()): Promise<number> {
  try {
    const access = requireFileEditing(db, viewer, input.owner);
    const allowed = ownerCategories[input.owner.kind];
    const category = input.category ?? allowed[0];
    if (!allowed.includes(category)) throw new ConflictError("Fel slags fil för det här stället.", "category");
    if (input.attachmentId != null) assertAttachmentOf(db, input.attachmentId, access.agreementId);
    if (input.upload.size === 0) throw new ConflictError("Filen är tom.", "file");
    if (input.upload.size > MAX_FILE_BYTES) throw new ConflictError(FILE_SIZE_REFUSAL, "file");
    const mediaType = await sniffAllowedType(input.upload.path);
    if (!mediaType) throw new ConflictError(FILE_TYPE_REFUSAL, "file");
    const fileName = cleanFileName(input.fileName);
    const title = input.title?.trim() || null;

    const storageKey = newStorageKey();
    const store = fileStore();
    await store.put(storageKey, createReadStream(input.upload.path), input.upload.size);
    try {
      return writeTransaction(db, (tx) => {
        // Inside the transaction: a justering committed while the bytes were being stored wins.
        if (access.meetingId !== null) assertRecordOpen(tx, access.meetingId);
        const id = tx
          .insert(storedFiles)
          .values({
            category,
            fileName,
            title,
            mediaType,
            size: input.upload.size,
            sha256: input.upload.sha256,
            storageKey,
            ...ownerColumns(input.owner),
            attachmentId: input.attachmentId ?? null,
            uploadedBy: viewer.id,
            uploadedAt: nowIso(now),
          })
          .returning({ id: storedFiles.id })
          .get().id;
        appendAudit(
          tx,
          {
            actorId: auditActorId(viewer),
            action: "file.added",
            subject: access.subject,
            payload: { fileId: id, title: fileName, category, sha256: input.upload.sha256, size: input.upload.size },
          },
          now,
        );
        return id;
      });
    } catch (error) {
      // Not recorded, so not kept: bytes nobody can reach would only fill the store.
      await store.remove(storageKey).catch(() => {});
      throw error;
    }
  } finally {
    await rm(input.upload.path, { force: true });
  }
}

function assertAttachmentOf(db: Db, attachmentId: number, agreementId: number | null): void {
  const row = db.select({ agreementId: agreementAttachments.agreementId }).from(agreementAttachments).where(eq(agreementAttachments.id, attachmentId)).get();
  if (!row || row.agreementId !== agreementId) throw new ConflictError("Välj en av överenskommelsens bilagor.", "attachmentId");
}

function ownerOfRow(row: typeof storedFiles.$inferSelect): FileOwner {
  if (row.agendaItemId !== null) return { kind: "agendaItem", id: row.agendaItemId };
  if (row.decisionId !== null) return { kind: "decision", id: row.decisionId };
  if (row.amendmentId !== null) return { kind: "amendment", id: row.amendmentId };
  return { kind: "agreement", id: row.agreementId! };
}

/**
 * Removes a file from its owner's list. The row and the bytes are kept (a handling sent with a kallelse is
 * evidence of what was sent); only the listing ends. Refused after justering like any change of the record.
 */
export function removeFile(db: Db, viewer: Viewer, fileId: number, now = new Date()): void {
  const row = db
    .select()
    .from(storedFiles)
    .where(and(eq(storedFiles.id, fileId), isNull(storedFiles.removedAt)))
    .get();
  if (!row) throw new NotFoundError();
  const access = requireFileEditing(db, viewer, ownerOfRow(row));
  writeTransaction(db, (tx) => {
    if (access.meetingId !== null) assertRecordOpen(tx, access.meetingId);
    tx.update(storedFiles)
      .set({ removedAt: nowIso(now), removedBy: viewer.id })
      .where(and(eq(storedFiles.id, fileId), isNull(storedFiles.removedAt)))
      .run();
    appendAudit(
      tx,
      {
        actorId: auditActorId(viewer),
        action: "file.removed",
        subject: access.subject,
        payload: { fileId, title: row.fileName, category: row.category, sha256: row.sha256 },
      },
      now,
    );
  });
}

/** What the pages and the protocol show of a file (never its storage key). */
const listedColumns = {
  id: storedFiles.id,
  category: storedFiles.category,
  fileName: storedFiles.fileName,
  title: storedFiles.title,
  mediaType: storedFiles.mediaType,
  size: storedFiles.size,
  sha256: storedFiles.sha256,
  uploadedAt: storedFiles.uploadedAt,
  uploaderName: people.name,
  agendaItemId: storedFiles.agendaItemId,
  decisionId: storedFiles.decisionId,
  agreementId: storedFiles.agreementId,
  amendmentId: storedFiles.amendmentId,
  attachmentId: storedFiles.attachmentId,
};

/** A listed file: what pages show (FileView) and what it belongs to. */
export type ListedFile = FileView & {
  agendaItemId: number | null;
  decisionId: number | null;
  agreementId: number | null;
  amendmentId: number | null;
  attachmentId: number | null;
};

function listedFiles(db: Db, condition: SQL | undefined): ListedFile[] {
  return db
    .select(listedColumns)
    .from(storedFiles)
    .innerJoin(people, eq(people.id, storedFiles.uploadedBy))
    .where(condition)
    .orderBy(asc(storedFiles.uploadedAt), asc(storedFiles.id))
    .all();
}

/**
 * The listed files of a meeting's ärenden and decisions, in upload order, without a rights check:
 * for callers that have checked the meeting already (the meeting page's loader, the protocol and kallelse).
 */
export function filesOfMeeting(db: Db, meetingId: number): ListedFile[] {
  return listedFiles(db, listedFilesOfMeeting(db, meetingId));
}

/** The listed files of a meeting the viewer may see (NotFoundError otherwise). */
export function listMeetingFiles(db: Db, viewer: Viewer, meetingId: number): ListedFile[] {
  if (!meetingContext(db, viewer, meetingId)) throw new NotFoundError();
  return filesOfMeeting(db, meetingId);
}

/** The listed files of an agreement and its amendments, for a viewer who may see the agreement (NotFoundError otherwise). */
export function listAgreementFiles(db: Db, viewer: Viewer, agreementId: number): ListedFile[] {
  if (!visibleAgreementIds(db, viewer).has(agreementId)) throw new NotFoundError();
  const amendmentIds = db.select({ id: agreementAmendments.id }).from(agreementAmendments).where(eq(agreementAmendments.agreementId, agreementId));
  return listedFiles(db, and(isNull(storedFiles.removedAt), or(eq(storedFiles.agreementId, agreementId), inArray(storedFiles.amendmentId, amendmentIds))));
}

/**
 * A file to download, for a viewer who may see what it belongs to; NotFoundError (never ForbiddenError) for
 * anyone else and for unknown or removed files, so a file URL tells nothing about what exists.
 */
export function fileForDownload(db: Db, viewer: Viewer, fileId: number) {
  const row = db
    .select()
    .from(storedFiles)
    .where(and(eq(storedFiles.id, fileId), isNull(storedFiles.removedAt)))
    .get();
  if (!row || !ownerAccess(db, viewer, ownerOfRow(row))) throw new NotFoundError();
  return { fileName: row.fileName, mediaType: row.mediaType, size: row.size, sha256: row.sha256, storageKey: row.storageKey };
}

/** The id of the agreement at `slug` when the viewer may see it; NotFoundError otherwise. */
export function visibleAgreementIdBySlug(db: Db, viewer: Viewer, slug: string): number {
  const id = db.select({ id: agreements.id }).from(agreements).where(eq(agreements.slug, slug)).get()?.id;
  if (id === undefined || !visibleAgreementIds(db, viewer).has(id)) throw new NotFoundError();
  return id;
}
