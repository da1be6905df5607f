import { createHash, randomBytes } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir, readdir, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { FILE_SIZE_REFUSAL, MAX_FILE_BYTES } from "../domain/file-types";
import { ConflictError } from "../queries/errors";

/** An upload received into a temporary file: its path, length and SHA-256 (hex). The caller removes the file. */
export interface ReceivedUpload {
  path: string;
  size: number;
  sha256: string;
}

/** The folder of uploads being received; under the system's temporary folder, never served. */
export const uploadFolder = path.join(tmpdir(), "samverkan-uppladdningar");

/**
 * Writes an upload as it arrives to a temporary file, hashing it on the way, so no upload is ever held
 * in memory whole. Past `maxBytes` it stops at once with the Swedish refusal (ConflictError on `field`)
 * and leaves nothing behind.
 */
export async function receiveUpload(
  data: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  { field = "file", maxBytes = MAX_FILE_BYTES, folder = uploadFolder }: { field?: string; maxBytes?: number; folder?: string } = {},
): Promise<ReceivedUpload> {
  await mkdir(folder, { recursive: true });
  const file = path.join(folder, `${randomBytes(16).toString("hex")}.upload`);
  const hash = createHash("sha256");
  let size = 0;
  const count = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      size += chunk.length;
      if (size > maxBytes) return done(new ConflictError(FILE_SIZE_REFUSAL, field));
      hash.update(chunk);
      done(null, chunk);
    },
  });
  try {
    await pipeline(Readable.from(data), count, createWriteStream(file, { flags: "wx" }));
  } catch (error) {
    await rm(file, { force: true });
    throw error;
  }
  return { path: file, size, sha256: hash.digest("hex") };
}

/**
 * Removes uploads left half-received by a process that stopped mid-upload. Only those older than a day:
 * another process (several share the folder) may be receiving one right now.
 */
export async function sweepStaleUploads(folder = uploadFolder, now = Date.now()): Promise<number> {
  const names = await readdir(folder).catch(() => [] as string[]);
  let removed = 0;
  for (const name of names.filter((n) => n.endsWith(".upload"))) {
    const file = path.join(folder, name);
    const modified = await stat(file).then(
      (s) => s.mtimeMs,
      () => now,
    );
    if (now - modified > 24 * 60 * 60 * 1000) {
      await rm(file, { force: true });
      removed++;
    }
  }
  return removed;
}
