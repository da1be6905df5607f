import type { Db } from "../client";
import { documents } from "../schema";
import { DocumentLoadError, DocumentStore } from "./store";
import { documentWriteApplier, snapshotWrite } from "./writes";
import { nowIso } from "../time";

/**
 * One-off repair for documents stored before updates were checked: a document
 * whose stored state holds pending Yjs structs or deletions gets a clean
 * snapshot (the pending part dropped) that replaces its log. Each document is
 * read and rewritten inside one immediate transaction, so an update appended
 * meanwhile by a running server is neither lost nor overwritten.
 * Documents that cannot be read at all are left untouched and named, and so are locked ones (justerade
 * minutes, a sent report), whose stored form never changes: their pending part is dropped again each time
 * they are loaded, and no update can reach them to set it off.
 */
export function repairStoredDocuments(db: Db, now = new Date()): { repaired: string[]; unreadable: string[]; locked: string[] } {
  const store = new DocumentStore(db);
  const apply = documentWriteApplier(db.$client);
  const names = db
    .select({ name: documents.name })
    .from(documents)
    .all()
    .map((row) => row.name);
  const repaired: string[] = [];
  const unreadable: string[] = [];
  const locked: string[] = [];
  for (const name of names) {
    const repairOne = db.$client.transaction((): "repaired" | "locked" | null => {
      const loaded = store.loadStored(name);
      if (!loaded?.droppedPendingState) return null;
      try {
        if (loaded.lockedAt !== null) return "locked";
        apply([snapshotWrite(name, loaded.doc)], nowIso(now));
        return "repaired";
      } finally {
        loaded.doc.destroy();
      }
    });
    try {
      const outcome = repairOne.immediate();
      if (outcome === "repaired") repaired.push(name);
      else if (outcome === "locked") locked.push(name);
    } catch (error) {
      if (!(error instanceof DocumentLoadError)) throw error;
      unreadable.push(name);
    }
  }
  return { repaired, unreadable, locked };
}
