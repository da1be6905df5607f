import { rm } from "node:fs/promises";
import { createReadableStreamFromReadable, data, redirect, unstable_parseMultipartFormData, type UploadHandler } from "@remix-run/node";
import { getDb } from "../../db/client";
import { receiveUpload, type ReceivedUpload } from "../../db/files/receive";
import { fileStore } from "../../db/files/store";
import type { FileCategory } from "../../db/domain/enums";
import { fileCategories } from "../../db/domain/enums";
import {
  addFile,
  fileForDownload,
  fileOwnerAgreementId,
  fileOwnerMeetingId,
  removeFile,
  visibleAgreementIdBySlug,
  type FileOwner,
} from "../../db/queries/files";
import { ConflictError, NotFoundError } from "../../db/queries/errors";
import { meetingContext } from "../../db/queries/meeting-rights";
import type { Viewer } from "../../db/queries/sessions";
import { CONFIRM_FIELD, CONFIRM_VALUE } from "../utils/confirmation";
import { attachmentDisposition } from "../utils/content-disposition";
import type { FieldErrors } from "../utils/forms";
import { notFound } from "../utils/http.server";
import { fieldErrorsFrom } from "./domain-errors.server";

/** What an upload form's post is answered with; `owner` names the form (one per ärende, decision, agreement) the errors belong to. */
export type FileUploadResult = { ok: true; owner: string; message: string } | { ok: false; owner: string; fieldErrors: FieldErrors };

/** The form field that names what a file is uploaded to: "arende-12", "beslut-5", "overenskommelse-3", "andring-4". */
const ownerKinds = { arende: "agendaItem", beslut: "decision", overenskommelse: "agreement", andring: "amendment" } as const;

export function fileOwnerField(owner: FileOwner): string {
  const prefix = Object.entries(ownerKinds).find(([, kind]) => kind === owner.kind)![0];
  return `${prefix}-${owner.id}`;
}

function parseOwner(value: string | undefined): FileOwner | null {
  const match = /^(arende|beslut|overenskommelse|andring)-([1-9]\d{0,9})$/.exec(value ?? "");
  return match ? { kind: ownerKinds[match[1] as keyof typeof ownerKinds], id: Number(match[2]) } : null;
}

/** Text fields of an upload form are short; a longer one is refused before it is read into memory. */
const MAX_TEXT_FIELD_BYTES = 4096;

interface ReceivedForm {
  fields: Record<string, string>;
  upload: (ReceivedUpload & { fileName: string }) | null;
}

/**
 * Reads a multipart upload form as it arrives: the one file part ("file") is streamed to a temporary file
 * (hashed, stopped past 25 MB), the text fields are kept only up to a few kilobytes. Never holds the file in memory.
 */
async function receiveFileForm(request: Request): Promise<ReceivedForm> {
  const fields: Record<string, string> = {};
  let upload: ReceivedForm["upload"] = null;
  const handler: UploadHandler = async (part) => {
    if (part.filename !== undefined) {
      if (part.name !== "file" || upload) throw new ConflictError("Skicka en fil i taget.", "file");
      // No file chosen: the browser sends an empty part without a name.
      if (part.filename === "") {
        for await (const chunk of part.data) void chunk;
        return null;
      }
      upload = { ...(await receiveUpload(part.data)), fileName: part.filename };
      return null;
    }
    const chunks: Uint8Array[] = [];
    let size = 0;
    for await (const chunk of part.data) {
      size += chunk.length;
      if (size > MAX_TEXT_FIELD_BYTES) throw new ConflictError("Fältet är för långt.", part.name);
      chunks.push(chunk);
    }
    fields[part.name] = Buffer.concat(chunks).toString("utf8");
    return null;
  };
  try {
    await unstable_parseMultipartFormData(request, handler);
  } catch (error) {
    const received = upload as ReceivedForm["upload"];
    if (received) await rm(received.path, { force: true });
    throw error;
  }
  return { fields, upload };
}

/** Whether the post came from a page without JavaScript (a document request), which is answered with a page, not data. */
function isDocumentRequest(request: Request): boolean {
  return (request.headers.get("accept") ?? "").includes("text/html");
}

interface UploadTarget {
  owner: FileOwner;
  category?: FileCategory;
  attachmentId?: number | null;
}

/**
 * Handles an upload form's post: reads it, checks what it names with `target` (which refuses an owner that
 * does not belong to the page), and adds the file through the verb. A page without JavaScript is sent back to
 * `backTo` on success and shown the refusal as text otherwise; the page's fetcher gets the result as data.
 */
async function handleUpload(request: Request, viewer: Viewer, backTo: string, target: (fields: Record<string, string>) => UploadTarget | null) {
  if (!(request.headers.get("content-type") ?? "").startsWith("multipart/form-data")) throw notFound();
  let ownerField = "";
  let result: FileUploadResult;
  try {
    const { fields, upload } = await receiveFileForm(request);
    ownerField = fields.owner ?? "";
    const chosen = target(fields);
    if (!chosen) {
      if (upload) await rm(upload.path, { force: true });
      throw new NotFoundError();
    }
    if (!upload) throw new ConflictError("Välj en fil.", "file");
    const title = (fields.title ?? "").trim();
    if (title.length > 200) {
      await rm(upload.path, { force: true });
      throw new ConflictError("Högst 200 tecken.", "title");
    }
    await addFile(getDb(), viewer, { ...chosen, fileName: upload.fileName, title: title || null, upload });
    result = { ok: true, owner: ownerField, message: `Filen ${upload.fileName} är tillagd.` };
  } catch (error) {
    result = { ok: false, owner: ownerField, fieldErrors: fieldErrorsFrom(error) };
  }
  if (isDocumentRequest(request)) {
    if (result.ok) return redirect(backTo);
    return new Response(`Filen kunde inte läggas till: ${Object.values(result.fieldErrors).join(" ")}\n\nGå tillbaka: ${backTo}`, {
      status: 422,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  }
  return data(result);
}

/**
 * An upload to an ärende (handling) or a decision (beslutsbilaga) of a meeting. Who may not edit the meeting
 * is refused before the body is read: nobody's 25 MB is received only to be thrown away.
 */
export function uploadMeetingFile(request: Request, viewer: Viewer, meetingId: number) {
  const db = getDb();
  const context = meetingContext(db, viewer, meetingId);
  if (!context) throw notFound();
  if (!context.canEdit && !context.locked) throw new Response("Du kan inte ändra det här mötet.", { status: 403 });
  return handleUpload(request, viewer, `/moten/${meetingId}`, (fields) => {
    const owner = parseOwner(fields.owner);
    if (!owner || fileOwnerMeetingId(db, owner) !== meetingId) return null;
    return { owner };
  });
}

/** An upload to an agreement (bilaga or signerat original, optionally tied to a listed bilaga) or to one of its amendments. */
export function uploadAgreementFile(request: Request, viewer: Viewer, slug: string) {
  let agreementId: number;
  try {
    agreementId = visibleAgreementIdBySlug(getDb(), viewer, slug);
  } catch {
    throw notFound();
  }
  if (!viewer.isAdmin) throw new Response("Endast administratörer får lägga till filer till en överenskommelse.", { status: 403 });
  return handleUpload(request, viewer, `/overenskommelser/${slug}`, (fields) => {
    const owner = parseOwner(fields.owner);
    // An agreement's or one of its amendments' file, never another agreement's posted through this one's page.
    if (!owner || fileOwnerAgreementId(getDb(), owner) !== agreementId) return null;
    const category = fileCategories.find((c) => c === fields.category);
    const attachmentId = /^[1-9]\d{0,9}$/.test(fields.attachmentId ?? "") ? Number(fields.attachmentId) : null;
    return { owner, category, attachmentId };
  });
}

export type FileRemovalResult = { ok: true; message: string } | { ok: false; fieldErrors: FieldErrors; fileId?: number };

/**
 * The "Ta bort" of a page's file list (intent "remove-file", asked first): removes the file from its owner's
 * list through the verb, which checks the right. The meeting page has its own intent table; other pages use this.
 */
export function removeFileFromPage(viewer: Viewer, form: FormData): FileRemovalResult {
  const fileId = /^[1-9]\d{0,9}$/.test(String(form.get("fileId") ?? "")) ? Number(form.get("fileId")) : undefined;
  try {
    if (form.get("intent") !== "remove-file" || fileId === undefined) throw new NotFoundError();
    if (form.get(CONFIRM_FIELD) !== CONFIRM_VALUE) throw new ConflictError("Bekräfta att filen ska tas bort ur listan.", CONFIRM_FIELD);
    removeFile(getDb(), viewer, fileId);
    return { ok: true, message: "Filen är borttagen ur listan." };
  } catch (error) {
    return { ok: false, fieldErrors: fieldErrorsFrom(error), fileId };
  }
}

/**
 * A file's download: streamed from the store as an attachment with its sniffed type, never shown inline
 * (the server sends X-Content-Type-Options: nosniff and Cache-Control: no-store with every answer, so the browser may
 * not guess another type and no shared cache keeps it). The one 404 for anyone who may not see what it belongs to.
 */
export async function fileDownload(viewer: Viewer, fileId: number): Promise<Response> {
  let file: ReturnType<typeof fileForDownload>;
  try {
    file = fileForDownload(getDb(), viewer, fileId);
  } catch (error) {
    if (error instanceof NotFoundError) throw notFound();
    throw error;
  }
  const stream = await fileStore().get(file.storageKey);
  return new Response(createReadableStreamFromReadable(stream), {
    headers: {
      "Content-Type": file.mediaType,
      "Content-Disposition": attachmentDisposition(file.fileName),
      "Content-Length": String(file.size),
    },
  });
}
