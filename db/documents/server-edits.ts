import * as Y from "yjs";
import type { Db } from "../client";
import type { DocumentKind } from "../schema";
import { DocumentStore, type Owner } from "./store";

/**
 * An edit the server makes to a live document on a person's behalf (restoring a version). It is
 * made as ONE Yjs update under a fresh client id bound to that person, so it is an ordinary edit in
 * the log: history stays, "vem skrev vad" names the person, and connected clients merge it.
 */
export interface ServerEdit {
  name: string;
  /** Kind and owner create the document if it was never opened. */
  kind: DocumentKind;
  owner: Owner;
  personId: number;
  edit: (doc: Y.Doc) => void;
}

/** Applies a server edit durably; resolves once it is committed (and, in the collab server, relayed). */
export type LiveDocumentEditor = (edit: ServerEdit) => Promise<void>;

const key = "__samverkanLiveDocumentEditor";
type WithEditor = typeof globalThis & { [key]?: LiveDocumentEditor };

/**
 * The collaboration server holds open documents in memory and alone may write them (a write beside
 * it would be compacted away and never reach its clients), so it registers itself here at start.
 * Like liveEvents, this lives on globalThis: the Remix bundle has its own copy of this module.
 */
export function setLiveDocumentEditor(editor: LiveDocumentEditor | null): void {
  (globalThis as WithEditor)[key] = editor ?? undefined;
}

/** Makes `edit` through the collaboration server when one runs in this process, else straight into the store. */
export function editLiveDocument(db: Db, edit: ServerEdit): Promise<void> {
  const editor = (globalThis as WithEditor)[key];
  if (editor) return editor(edit);
  editStoredDocument(db, edit);
  return Promise.resolve();
}

/**
 * The update `edit` makes to `doc`, written under a client id nobody has used in the document.
 * `doc` itself is not changed: the edit runs on a copy, so the caller applies the update as it
 * applies a client's (through its own checks, storage and relay).
 */
export function serverEditUpdate(doc: Y.Doc, usedClientIds: Iterable<number>, edit: (doc: Y.Doc) => void): { clientId: number; update: Uint8Array } | null {
  const taken = new Set([...usedClientIds, ...Y.decodeStateVector(Y.encodeStateVector(doc)).keys()]);
  let clientId: number;
  do clientId = Math.floor(Math.random() * 0xffffffff);
  while (taken.has(clientId) || clientId === 0);
  const copy = new Y.Doc({ gc: true });
  try {
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
    copy.clientID = clientId;
    const before = Y.encodeStateVector(copy);
    copy.transact(() => edit(copy));
    const update = Y.encodeStateAsUpdate(copy, before);
    const decoded = Y.decodeUpdate(update);
    return decoded.structs.length > 0 || decoded.ds.clients.size > 0 ? { clientId, update } : null;
  } finally {
    copy.destroy();
  }
}

/** Without a collaboration server (tests of the verbs, the CLI): the edit goes into the store directly. */
function editStoredDocument(db: Db, { name, kind, owner, personId, edit }: ServerEdit): void {
  const store = new DocumentStore(db);
  const loaded = store.load(name, kind, owner);
  try {
    const made = serverEditUpdate(loaded.doc, loaded.clientOwners.keys(), edit);
    if (!made) return;
    store.write([
      { kind: "client", name, clientId: made.clientId, personId },
      { kind: "update", name, update: made.update, personId },
    ]);
  } finally {
    loaded.doc.destroy();
  }
}
