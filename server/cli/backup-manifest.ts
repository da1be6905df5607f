/**
 * What a backup archive holds and how it proves it: the layout of the archive, its manifest, and
 * the SHA-256 of every file in it. Shared by `backup` (writes it) and `restore` (checks it).
 */
import { createHash } from "node:crypto";
import { createReadStream, readFileSync } from "node:fs";
import { readdir } from "node:fs/promises";
import { join, posix, relative, sep } from "node:path";
import { pipeline } from "node:stream/promises";
import { z } from "zod";

/** A command refused or failed for a reason the operator can act on; printed without the usage text. */
export class OperatorError extends Error {}

export const MANIFEST_ENTRY = "manifest.json";
export const DATABASE_ENTRY = "samverkan.db";
export const FILES_ENTRY = "filer";
export const BACKUP_FORMAT = "samverkan-backup";
/** Raised when the archive's layout changes; restore refuses archives of a newer format. */
export const BACKUP_FORMAT_VERSION = 1;

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/);

export const ManifestSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  formatVersion: z.number().int().positive(),
  appVersion: z.string(),
  createdAt: z.string(),
  database: z.object({
    sha256: Sha256,
    size: z.number().int().nonnegative(),
    /** When the newest migration applied to the copy was made (drizzle's `created_at`, ms), to refuse a backup from a newer version. */
    latestMigrationAt: z.number().int().nullable(),
  }),
  /** "s3": the files live in a bucket and are not in the archive. */
  fileStore: z.enum(["local", "s3"]),
  files: z.array(z.object({ path: z.string().min(1), size: z.number().int().nonnegative(), sha256: Sha256 })),
});
export type BackupManifest = z.infer<typeof ManifestSchema>;
export type ManifestFile = BackupManifest["files"][number];

export async function sha256OfFile(path: string): Promise<string> {
  const hash = createHash("sha256");
  await pipeline(createReadStream(path), hash);
  return hash.digest("hex");
}

/**
 * Every regular file under `root`, as sorted POSIX paths relative to it ([] when `root` is missing).
 * Anything else (a symbolic link, a socket) is returned in `skipped`: a link could point outside the
 * folder, and copying what it points at would back up something that is not the file store's.
 */
export async function regularFilesUnder(root: string): Promise<{ files: string[]; skipped: string[] }> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return [];
    throw error;
  });
  const files: string[] = [];
  const skipped: string[] = [];
  for (const entry of entries) {
    if (entry.isDirectory()) continue;
    const path = relative(root, join(entry.parentPath, entry.name)).split(sep).join(posix.sep);
    (entry.isFile() ? files : skipped).push(path);
  }
  return { files: files.sort(), skipped: skipped.sort() };
}

/** When the newest migration this version of the app knows was made (the journal's `when`, ms). */
export function latestKnownMigrationAt(): number {
  const journal = JSON.parse(readFileSync(new URL("../../db/migrations/meta/_journal.json", import.meta.url), "utf8")) as {
    entries: { when: number }[];
  };
  return Math.max(...journal.entries.map((e) => e.when));
}

export function appVersion(): string {
  return (JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string }).version;
}

/** A timestamp safe in a file name: 2026-11-27T23-49-30Z. */
export function fileNameStamp(now: Date): string {
  return now
    .toISOString()
    .replace(/\.\d{3}Z$/, "Z")
    .replace(/:/g, "-");
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}
