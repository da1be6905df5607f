import { randomBytes } from "node:crypto";
import type { Readable } from "node:stream";

/**
 * Where the bytes of uploaded files (handlingar) live. The database keeps everything the record needs
 * (name, sniffed type, size, SHA-256, owner); the store only keeps bytes under a random key.
 *
 * The store is plain Node (disk or HTTP), so it lives in db/ beside the verbs that write through it: the
 * verbs (db/queries/files.ts) and the download route both reach it, and db/ may import nothing from server/.
 * The server picks the implementation from its environment at start and registers it here; tests register
 * their own. Like the database handle it sits on globalThis, as the Remix bundle has its own copy of db/.
 */
export interface FileStore {
  /** Stores `body` under `key`; resolves once the bytes are durable. `size` is the body's length in bytes. */
  put(key: string, body: Readable | Uint8Array, size: number): Promise<void>;
  /** The stored bytes as a stream; rejects when nothing is stored under `key`. */
  get(key: string): Promise<Readable>;
  exists(key: string): Promise<boolean>;
  /** Removes the bytes (used only to clean up after a failed write: a removed handling keeps its bytes as evidence). */
  remove(key: string): Promise<void>;
}

const globalKey = "__samverkanFileStore";
type WithStore = typeof globalThis & { [globalKey]?: FileStore };

export function setFileStore(store: FileStore | null): void {
  (globalThis as WithStore)[globalKey] = store ?? undefined;
}

/** The process's file store; set by the server at start. */
export function fileStore(): FileStore {
  const store = (globalThis as WithStore)[globalKey];
  if (!store) throw new Error("Fillagret är inte registrerat: setFileStore() måste anropas vid start.");
  return store;
}

/** A fresh storage key: random, never derived from the uploader's file name. */
export function newStorageKey(): string {
  return randomBytes(16).toString("hex");
}

/** Keys are ours (hex); anything else is refused before it can name a path or an object. */
export function assertStorageKey(key: string): void {
  if (!/^[0-9a-f]{32}$/.test(key)) throw new Error(`ogiltig lagringsnyckel: ${key}`);
}
