import { randomBytes } from "node:crypto";
import { createWriteStream } from "node:fs";
import { access, mkdir, open, rename, rm } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { assertStorageKey, type FileStore } from "./store";

/**
 * Files on the local disk under `root` (FILES_PATH, by default the folder "filer" next to the database, so
 * one folder holds all a backup must copy). Sharded in folders by the key's first two characters. A file is
 * written to a temporary name, synced and then renamed, so a crash never leaves half a file under a key.
 */
export class LocalFileStore implements FileStore {
  constructor(readonly root: string) {}

  private pathOf(key: string): string {
    assertStorageKey(key);
    return path.join(this.root, key.slice(0, 2), key);
  }

  async put(key: string, body: Readable | Uint8Array): Promise<void> {
    const target = this.pathOf(key);
    const folder = path.dirname(target);
    await mkdir(folder, { recursive: true });
    const temporary = path.join(folder, `.${key}.${randomBytes(4).toString("hex")}.tmp`);
    try {
      await pipeline(body instanceof Readable ? body : Readable.from([body]), createWriteStream(temporary, { flags: "wx" }));
      await syncPath(temporary);
      await rename(temporary, target);
      // The rename is durable only once the folder's entry is on disk.
      await syncPath(folder);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
  }

  async get(key: string): Promise<Readable> {
    const file = this.pathOf(key);
    // Opened before answering, so a missing file rejects here instead of failing mid-response.
    const handle = await open(file, "r");
    return handle.createReadStream({ autoClose: true });
  }

  async exists(key: string): Promise<boolean> {
    return access(this.pathOf(key)).then(
      () => true,
      () => false,
    );
  }

  async remove(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }
}

async function syncPath(file: string): Promise<void> {
  const handle = await open(file, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
