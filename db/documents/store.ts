import type { Statement } from "better-sqlite3";
import { count, eq } from "drizzle-orm";
import * as Y from "yjs";
import { type Db, writeTransaction } from "../client";
import { documentClients, documents, documentUpdates, type DocumentKind } from "../schema";
import { nowIso } from "../time";
import { stockholmYear } from "../domain/stockholm-time";
import { documentName, type DocumentRef } from "../domain/document-names";
import { dropPendingState } from "./pending-state";
import { plainText } from "./plain-text";
import { templateFor, writeTemplate } from "./templates";
import { documentWriteApplier, snapshotWrite, type DocumentWrite } from "./writes";

export interface Owner {
  groupId?: number;
  agreementId?: number;
  meetingId?: number;
}

export interface LoadedDocument {
  doc: Y.Doc;
  /** Rows in the update log since the snapshot, to decide when to compact. */
  logLength: number;
  lockedAt: string | null;
  /** Yjs client id → the person it is bound to in this document. */
  clientOwners: Map<number, number>;
  /** Bytes stored for the document (snapshot plus log), to cap its size. */
  storedBytes: number;
  /**
   * The stored state held pending Yjs structs or deletions (written before
   * updates were checked). They were dropped from `doc`; the caller stores a
   * clean snapshot (the collaboration server through its writer thread).
   */
  droppedPendingState: boolean;
  /**
   * The document's whole state as one stored update, when `doc` holds exactly that (a snapshot and no
   * log rows after it): the first page that opens a large document is sent these bytes instead of an
   * encoding of the state the server just decoded from them.
   */
  wholeState?: Uint8Array;
  /**
   * Set only when asked for (`deferApply`) and the document is stored as one clean snapshot with no log
   * after it: `doc` is still empty and `wholeState` is to be applied to it before it is read or changed.
   * Applying a large document's snapshot takes tens of milliseconds; a page that opens it can be sent the
   * bytes meanwhile.
   */
  notApplied?: true;
}

export class DocumentLoadError extends Error {
  constructor(name: string, cause: unknown) {
    super(`could not load document ${name}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = "DocumentLoadError";
  }
}

/**
 * Stores live documents as a snapshot plus an append-only log of Yjs updates.
 * better-sqlite3 is synchronous: when a write function returns, the rows are
 * committed (and, with synchronous=FULL, on disk).
 */
export class DocumentStore {
  /** Prepared on the first write: a store that only reads never prepares them. */
  private applyWrites: ReturnType<typeof documentWriteApplier> | undefined;
  private readLog: Statement | undefined;

  constructor(private readonly db: Db) {}

  /**
   * Loads a document, creating it with its template the first time. Throws
   * DocumentLoadError when stored data cannot be read; the stored rows are then
   * left untouched so nothing is overwritten by an empty document.
   */
  load(name: string, kind: DocumentKind, owner: Owner, now = new Date(), { deferApply = false } = {}): LoadedDocument {
    return this.loadStored(name, { deferApply }) ?? this.create(name, kind, owner, now);
  }

  /** Loads a stored document; null when it was never created (nothing is created here). */
  loadStored(name: string, { deferApply = false } = {}): LoadedDocument | null {
    const stored = this.readStored(name);
    if (!stored) return null;

    const doc = new Y.Doc({ gc: true });
    if (deferApply && stored.snapshot && stored.snapshotClean && stored.updates.length === 0) {
      const { snapshot, lockedAt, clientOwners } = stored;
      return {
        doc,
        logLength: 0,
        lockedAt,
        clientOwners,
        storedBytes: snapshot.byteLength,
        droppedPendingState: false,
        wholeState: snapshot,
        notApplied: true,
      };
    }
    try {
      // Applying everything in one transaction lets Yjs merge the history once, not per row.
      doc.transact(() => {
        if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
        for (const update of stored.updates) Y.applyUpdate(doc, update);
      });
      const storedBytes = stored.updates.reduce((sum, update) => sum + update.byteLength, stored.snapshot?.byteLength ?? 0);
      const droppedPendingState = dropPendingState(doc);
      if (droppedPendingState) console.warn(`documents: dropped pending Yjs state stored in ${name}`);
      const wholeState = stored.snapshot && stored.updates.length === 0 && !droppedPendingState ? stored.snapshot : undefined;
      return {
        doc,
        logLength: stored.updates.length,
        lockedAt: stored.lockedAt,
        clientOwners: stored.clientOwners,
        storedBytes,
        droppedPendingState,
        wholeState,
      };
    } catch (error) {
      doc.destroy();
      throw new DocumentLoadError(name, error);
    }
  }

  /**
   * The snapshot and the log rows after it, read in one transaction. The
   * collaboration server's writer thread may compact the document meanwhile
   * (a new snapshot, the log emptied): two separate reads could pair the old
   * snapshot with the emptied log and miss every update in between.
   */
  private readStored(name: string) {
    return this.db.$client.transaction(() => {
      const row = this.db
        .select({ snapshot: documents.snapshot, snapshotClean: documents.snapshotClean, lockedAt: documents.lockedAt })
        .from(documents)
        .where(eq(documents.name, name))
        .get();
      if (!row) return null;
      // A never-compacted log is thousands of rows: one prepared statement returning bare blobs,
      // not a query built and mapped to objects row by row.
      const updates = (this.readLog ??= this.db.$client.prepare('select "update" from "document_updates" where "document_name" = ? order by "id"').pluck()).all(
        name,
      ) as Buffer[];
      const clients = this.db
        .select({ clientId: documentClients.clientId, personId: documentClients.personId })
        .from(documentClients)
        .where(eq(documentClients.documentName, name))
        .all();
      return { ...row, updates, clientOwners: new Map(clients.map((c) => [c.clientId, c.personId])) };
    })();
  }

  private create(name: string, kind: DocumentKind, owner: Owner, now: Date): LoadedDocument {
    const doc = new Y.Doc({ gc: true });
    writeTemplate(doc, templateFor(kind, yearOf(name) ?? stockholmYear(now)));
    const snapshot = this.insertDocument(name, kind, owner, doc, now, { ifMissing: true });
    return { doc, logLength: 0, lockedAt: null, clientOwners: new Map(), storedBytes: snapshot.byteLength, droppedPendingState: false };
  }

  private insertDocument(name: string, kind: DocumentKind, owner: Owner, doc: Y.Doc, now: Date, { ifMissing }: { ifMissing: boolean }): Buffer {
    if (dropPendingState(doc)) console.warn(`documents: dropped pending Yjs state of ${name} before storing it`);
    const snapshot = Buffer.from(Y.encodeStateAsUpdate(doc));
    const insert = this.db.insert(documents).values({
      name,
      kind,
      groupId: owner.groupId ?? null,
      agreementId: owner.agreementId ?? null,
      meetingId: owner.meetingId ?? null,
      snapshot,
      snapshotClean: true,
      plainText: plainText(doc),
      updatedAt: nowIso(now),
    });
    if (ifMissing) insert.onConflictDoNothing().run();
    else insert.run();
    return snapshot;
  }

  /**
   * Creates a document that does not exist yet with the given Yjs state (next year's lägesbild
   * copied from the decided one). Never for a document the collaboration server may have open:
   * it is only for names nobody could have connected to. Runs in the caller's transaction.
   */
  createWithState(name: string, kind: DocumentKind, owner: Owner, state: Uint8Array, now = new Date()): void {
    const doc = new Y.Doc({ gc: true });
    try {
      Y.applyUpdate(doc, state);
      this.insertDocument(name, kind, owner, doc, now, { ifMissing: false });
    } finally {
      doc.destroy();
    }
  }

  /**
   * Applies document writes in one transaction on this connection. The
   * collaboration server does not use this (its writer thread applies the same
   * writes); seeding and tests do.
   */
  write(writes: DocumentWrite[], now = new Date()): void {
    if (writes.length === 0) return;
    const apply = (this.applyWrites ??= documentWriteApplier(this.db.$client));
    writeTransaction(this.db, () => apply(writes, nowIso(now)));
  }

  /** Replaces the log with a snapshot of `doc` and refreshes the plain text. */
  compact(name: string, doc: Y.Doc, now = new Date()): void {
    this.write([snapshotWrite(name, doc)], now);
  }

  /** Documents whose update log holds at least `rows` rows; not a locked one, which is never compacted. */
  namesWithLongLogs(rows: number): string[] {
    return this.db.$client
      .prepare(
        "select document_name from document_updates where document_name not in (select name from documents where locked_at is not null) group by document_name having count(*) >= ?",
      )
      .pluck()
      .all(rows) as string[];
  }

  logLength(name: string): number {
    return this.db.select({ n: count() }).from(documentUpdates).where(eq(documentUpdates.documentName, name)).get()?.n ?? 0;
  }
}

function yearOf(name: string): number | null {
  const match = /-(\d{4})$/.exec(name);
  return match ? Number(match[1]) : null;
}

/**
 * The current plain text of a stored document ("" when it was never opened).
 * Reads what is committed, which includes every update any client has seen.
 */
export function readDocumentText(db: Db, name: string): string {
  const loaded = new DocumentStore(db).loadStored(name);
  if (!loaded) return "";
  const { doc } = loaded;
  try {
    return plainText(doc);
  } finally {
    doc.destroy();
  }
}

/**
 * Appends paragraphs to a stored document, creating it if needed. Only for
 * seeding and tests while no collaboration server has the document open:
 * a live server would not see the change and would compact it away.
 */
export function appendParagraphsOffline(db: Db, ref: DocumentRef, owner: Owner, paragraphs: string[], now = new Date()): void {
  if (ref.kind === "version_part") throw new Error("a version's parts never change");
  const store = new DocumentStore(db);
  const name = documentName(ref);
  const { doc } = store.load(name, ref.kind, owner, now);
  const updates: Uint8Array[] = [];
  doc.on("update", (update: Uint8Array) => updates.push(update));
  const fragment = doc.getXmlFragment("default");
  doc.transact(() => {
    for (const text of paragraphs) {
      const paragraph = new Y.XmlElement("paragraph");
      paragraph.insert(0, [new Y.XmlText(text)]);
      fragment.insert(fragment.length, [paragraph]);
    }
  });
  store.write(
    updates.map((update) => ({ kind: "update", name, update, personId: null })),
    now,
  );
  doc.destroy();
}
