import { createHash } from "node:crypto";
import { and, asc, desc, eq } from "drizzle-orm";
import * as Y from "yjs";
import { type Db, writeTransaction } from "../client";
import type { VersionKind, VersionSubject } from "../domain/enums";
import { DocumentStore } from "../documents/store";
import { plainText } from "../documents/plain-text";
import { documentVersionParts, documentVersions } from "../schema";
import { nowIso } from "../time";
import { planVersionContent } from "./action-plans";
import { appendAudit } from "./audit";
import { lagesbildVersionContent } from "./lagesbild";
import { NotFoundError } from "./errors";

export interface VersionSubjectRef {
  subjectKind: VersionSubject;
  subjectId: number;
}

function contentOf(db: Db, subject: VersionSubjectRef) {
  return subject.subjectKind === "lagesbild" ? lagesbildVersionContent(db, subject.subjectId) : planVersionContent(db, subject.subjectId);
}

/**
 * Freezes the current content of a lägesbild or åtgärdsplan as a version: every part's full Yjs
 * state as committed (which includes every update any client has seen) and its plain text, plus
 * the subject's rows. The hash covers the parts' XML (structure and text, not Yjs bookkeeping) and
 * the rows, so equal content has an equal hash. Rights are the caller's to check.
 */
export function createVersion(
  db: Db,
  actorId: number | null,
  subject: VersionSubjectRef,
  version: { kind: VersionKind; label: string; meetingId?: number; agendaItemId?: number },
  now = new Date(),
) {
  return writeTransaction(db, (tx) => {
    const content = contentOf(tx, subject);
    if (!content) throw new NotFoundError();
    // The store reads on the connection itself (a transaction handle has no $client); the same connection sees this transaction.
    const store = new DocumentStore(db);
    const parts = content.parts.map((part, position) => {
      const loaded = store.loadStored(part.documentName);
      const doc = loaded?.doc ?? new Y.Doc();
      try {
        return { ...part, position, state: Buffer.from(Y.encodeStateAsUpdate(doc)), plainText: plainText(doc), xml: doc.getXmlFragment("default").toString() };
      } finally {
        doc.destroy();
      }
    });
    const canonical = JSON.stringify({ data: content.data, parts: parts.map((p) => ({ name: p.documentName, title: p.title, xml: p.xml })) });
    const sha256 = createHash("sha256").update(canonical).digest("hex");
    const row = tx
      .insert(documentVersions)
      .values({ ...subject, ...version, data: JSON.stringify(content.data), sha256, createdAt: nowIso(now), createdBy: actorId })
      .returning()
      .get();
    if (parts.length > 0) {
      tx.insert(documentVersionParts)
        .values(parts.map(({ xml: _xml, ...p }) => ({ ...p, versionId: row.id })))
        .run();
    }
    appendAudit(
      tx,
      {
        actorId,
        action: "version.created",
        subject: `${subject.subjectKind}:${subject.subjectId}`,
        payload: { title: version.label, versionId: row.id, kind: version.kind, sha256 },
      },
      now,
    );
    return row;
  });
}

export function listVersions(db: Db, subject: VersionSubjectRef) {
  return db
    .select()
    .from(documentVersions)
    .where(and(eq(documentVersions.subjectKind, subject.subjectKind), eq(documentVersions.subjectId, subject.subjectId)))
    .orderBy(desc(documentVersions.id))
    .all();
}

export function versionParts(db: Db, versionId: number) {
  return db.select().from(documentVersionParts).where(eq(documentVersionParts.versionId, versionId)).orderBy(asc(documentVersionParts.position)).all();
}
