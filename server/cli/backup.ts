/**
 * `npm run admin -- backup --to FILE`: one archive (tar.gz) of the database and the local file
 * store, made while the server runs. The database is copied with SQLite's online backup API on a
 * connection of its own: the copy is one consistent state even while the server writes (WAL mode
 * lets the copy's read transaction and the server's commits run side by side). The files are
 * copied after the database, so every file a copied row points at is already there (a file is
 * written before its row; files are never deleted, only marked removed).
 */
import { copyFile, mkdir, mkdtemp, rename, rm, stat, writeFile } from "node:fs/promises";
import { createWriteStream, existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { pipeline } from "node:stream/promises";
import Database from "better-sqlite3";
import { create as createTar } from "tar";
import {
  appVersion,
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  DATABASE_ENTRY,
  FILES_ENTRY,
  formatBytes,
  MANIFEST_ENTRY,
  OperatorError,
  regularFilesUnder,
  sha256OfFile,
  type BackupManifest,
  type ManifestFile,
} from "./backup-manifest";

export interface BackupOptions {
  databasePath: string;
  filesPath: string;
  fileStore: "local" | "s3";
  to: string;
  force: boolean;
  now?: Date;
}

/** Copies every page in one step: one read transaction, so concurrent commits cannot make the copy restart. */
const ALL_PAGES = 0x7fffffff;

export async function createBackup(options: BackupOptions): Promise<string> {
  const archive = resolve(options.to);
  if (existsSync(archive) && !options.force) throw new OperatorError(`${archive} already exists; choose another name or add --force to replace it.`);
  if (!existsSync(options.databasePath)) throw new OperatorError(`There is no database at ${options.databasePath}.`);
  await mkdir(dirname(archive), { recursive: true });
  // Staged next to the archive: the same disk it must fit on, and a rename away from its final name.
  const staging = await mkdtemp(join(dirname(archive), ".samverkan-backup-"));
  const partial = `${staging}.tar.gz`;
  try {
    const databaseCopy = join(staging, DATABASE_ENTRY);
    await copyDatabase(options.databasePath, databaseCopy);
    const contents = describeDatabaseCopy(databaseCopy);
    const files = options.fileStore === "local" ? await copyFiles(options.filesPath, join(staging, FILES_ENTRY)) : { files: [], skipped: [] };
    await mkdir(join(staging, FILES_ENTRY), { recursive: true });
    const manifest: BackupManifest = {
      format: BACKUP_FORMAT,
      formatVersion: BACKUP_FORMAT_VERSION,
      appVersion: appVersion(),
      createdAt: (options.now ?? new Date()).toISOString(),
      database: { sha256: await sha256OfFile(databaseCopy), size: (await stat(databaseCopy)).size, latestMigrationAt: contents.latestMigrationAt },
      fileStore: options.fileStore,
      files: files.files,
    };
    await writeFile(join(staging, MANIFEST_ENTRY), JSON.stringify(manifest, null, 2) + "\n");
    // The archive holds password hashes and the session secret: readable by its owner only.
    await pipeline(
      createTar({ gzip: true, cwd: staging, portable: true }, [MANIFEST_ENTRY, DATABASE_ENTRY, FILES_ENTRY]),
      createWriteStream(partial, { mode: 0o600 }),
    );
    await rename(partial, archive);

    const totalBytes = manifest.files.reduce((sum, f) => sum + f.size, 0);
    const lines = [
      `Backup written to ${archive} (${formatBytes((await stat(archive)).size)}).`,
      `  database: ${formatBytes(manifest.database.size)}, SHA-256 ${manifest.database.sha256}`,
      `    ${contents.people} people, ${contents.agreements} agreements, ${contents.meetings} meetings, ${contents.documents} live documents, ${contents.storedFiles} file rows`,
    ];
    if (options.fileStore === "s3") {
      lines.push("  files: NOT in this backup. FILE_STORE=s3 keeps them in the bucket; give the bucket its own versioning and backup.");
    } else {
      lines.push(`  files: ${manifest.files.length} from ${options.filesPath} (${formatBytes(totalBytes)}), each with its SHA-256 in ${MANIFEST_ENTRY}`);
    }
    if (files.skipped.length > 0) lines.push(`  not saved (not regular files): ${files.skipped.join(", ")}`);
    return lines.join("\n");
  } finally {
    await rm(staging, { recursive: true, force: true });
    await rm(partial, { force: true });
  }
}

async function copyDatabase(source: string, destination: string): Promise<void> {
  // Not openDatabase(): a backup must not migrate or otherwise change the database it copies.
  const connection = new Database(source, { fileMustExist: true });
  try {
    connection.pragma("busy_timeout = 5000");
    await connection.backup(destination, { progress: () => ALL_PAGES });
  } finally {
    connection.close();
  }
}

interface CopyContents {
  latestMigrationAt: number | null;
  people: number;
  agreements: number;
  meetings: number;
  documents: number;
  storedFiles: number;
}

/** Checks the copy is a sound database and counts what it holds, for the operator's summary. */
function describeDatabaseCopy(path: string): CopyContents {
  const copy = new Database(path, { fileMustExist: true });
  try {
    const check = copy.pragma("quick_check", { simple: true });
    if (check !== "ok") throw new OperatorError(`The database copy failed SQLite's check: ${String(check)}`);
    const count = (table: string) => (copy.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
    const migration = copy.prepare("select max(created_at) as at from __drizzle_migrations").get() as { at: number | null };
    return {
      latestMigrationAt: migration.at === null ? null : Number(migration.at),
      people: count("people"),
      agreements: count("agreements"),
      meetings: count("meetings"),
      documents: count("documents"),
      storedFiles: count("stored_files"),
    };
  } finally {
    // Back to a single file: the archive must not depend on a -wal file next to the copy.
    copy.pragma("journal_mode = DELETE");
    copy.close();
  }
}

/**
 * Copies the file store's folder as it is, whatever its layout, and hashes the copies (what the archive holds).
 * A file gone between listing and copying was an upload's temporary file, renamed or dropped meanwhile: no row of
 * the database copy can name it, so it is left out.
 */
async function copyFiles(from: string, to: string): Promise<{ files: ManifestFile[]; skipped: string[] }> {
  const { files, skipped } = await regularFilesUnder(from);
  const described: ManifestFile[] = [];
  for (const path of files) {
    const target = join(to, ...path.split("/"));
    await mkdir(dirname(target), { recursive: true });
    try {
      await copyFile(join(from, ...path.split("/")), target);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") continue;
      throw error;
    }
    described.push({ path, size: (await stat(target)).size, sha256: await sha256OfFile(target) });
  }
  return { files: described, skipped };
}
