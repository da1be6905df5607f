import { createHash } from "node:crypto";
import { and, asc, eq, inArray } from "drizzle-orm";
import * as Y from "yjs";
import type { Db } from "../client";
import { DocumentStore } from "../documents/store";
import { plainText } from "../documents/plain-text";
import { actionItems, attendance, decisions, documents, storedFiles, type DocumentKind } from "../schema";
import { listedFilesOfMeeting } from "./meeting-files";

/**
 * The live documents whose text is the meeting's record: the general minutes,
 * each item's notes and decision text. The kallelse (agenda document) is the
 * invitation, not the record, and its template text would otherwise make a
 * first opening look like an edit.
 */
const recordDocumentKinds: DocumentKind[] = ["minutes", "agenda_item_notes", "decision_text"];

export function isRecordDocumentKind(kind: DocumentKind): boolean {
  return recordDocumentKinds.includes(kind);
}

/** One version of a meeting's record, as a justerare approves it. */
export interface RecordVersion {
  /** SHA-256 of the record: the documents' rendered text, attendance and decisions. */
  sha256: string;
  /** Each record document's Yjs state vector (base64), to tell afterwards exactly which edits the approval covered. */
  stateVectors: Record<string, string>;
}

/**
 * The current version of a meeting's record, read in one transaction (inside
 * the caller's, when there is one), so no edit committed meanwhile by the
 * collaboration server's writer can make the parts disagree.
 *
 * The hash covers what the protocol prints and an approver reads: the
 * documents' plain text as stored (which includes every edit any client has
 * been shown, since edits are stored before they are relayed), the attendance
 * rows, the adopted decisions and the uppdrag given. A document without text counts as absent, so
 * opening an empty notes document for the first time changes nothing.
 */
export function currentRecordVersion(db: Db, meetingId: number): RecordVersion {
  return db.$client.transaction(() => {
    const store = new DocumentStore(db);
    const names = db
      .select({ name: documents.name })
      .from(documents)
      .where(and(eq(documents.meetingId, meetingId), inArray(documents.kind, recordDocumentKinds)))
      .orderBy(asc(documents.name))
      .all();
    const texts: [name: string, text: string][] = [];
    const stateVectors: Record<string, string> = {};
    for (const { name } of names) {
      const loaded = store.loadStored(name);
      if (!loaded) continue;
      try {
        stateVectors[name] = Buffer.from(Y.encodeStateVector(loaded.doc)).toString("base64");
        const text = plainText(loaded.doc);
        if (text.trim() !== "") texts.push([name, text]);
      } finally {
        loaded.doc.destroy();
      }
    }
    const attended = db
      .select({
        personId: attendance.personId,
        guestName: attendance.guestName,
        guestOrganisation: attendance.guestOrganisation,
        guestFunction: attendance.guestFunction,
        role: attendance.role,
        functionId: attendance.functionId,
        status: attendance.status,
        arrivedAt: attendance.arrivedAt,
        leftAt: attendance.leftAt,
      })
      .from(attendance)
      .where(eq(attendance.meetingId, meetingId))
      .orderBy(asc(attendance.id))
      .all();
    const decided = db
      .select({ number: decisions.number, year: decisions.year, title: decisions.title, kind: decisions.kind, text: decisions.text })
      .from(decisions)
      .where(eq(decisions.meetingId, meetingId))
      .orderBy(asc(decisions.id))
      .all();
    // The protocol prints the uppdrag given at the meeting (who, what, by when), so an approval covers them too.
    // Their status changes afterwards and is not part of the record.
    const given = db
      .select({ title: actionItems.title, ownerId: actionItems.ownerId, dueOn: actionItems.dueOn, agendaItemId: actionItems.agendaItemId })
      .from(actionItems)
      .where(eq(actionItems.meetingId, meetingId))
      .orderBy(asc(actionItems.id))
      .all();
    // The protocol lists each §'s handlingar and bilagor by name and SHA-256, so an approval covers which files they are.
    const files = db
      .select({
        id: storedFiles.id,
        fileName: storedFiles.fileName,
        sha256: storedFiles.sha256,
        agendaItemId: storedFiles.agendaItemId,
        decisionId: storedFiles.decisionId,
      })
      .from(storedFiles)
      .where(listedFilesOfMeeting(db, meetingId))
      .orderBy(asc(storedFiles.id))
      .all();
    // Arrays and objects built in a fixed order: the same record always serialises, and hashes, the same.
    // Uppdrag and files only when there are any: approvals of meetings without them, given before they were part of the record, still hold.
    const canonical = JSON.stringify({
      documents: texts,
      attendance: attended,
      decisions: decided,
      ...(given.length > 0 ? { uppdrag: given } : {}),
      ...(files.length > 0 ? { files } : {}),
    });
    return { sha256: createHash("sha256").update(canonical).digest("hex"), stateVectors };
  })();
}
