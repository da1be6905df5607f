/**
 * `npm run admin -- restore --from FILE [--force]`: the way back from `backup`. The archive is
 * unpacked beside the database and checked against its manifest before anything is replaced; the
 * database in place is kept as `<db>.before-restore-<time>` (its files folder likewise); the
 * restored database is migrated to this version and its audit chain verified.
 */
import { cp, mkdir, mkdtemp, readFile, rename, rm } from "node:fs/promises";
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import Database from "better-sqlite3";
import { extract } from "tar";
import { closeDatabase, openDatabase } from "../../db/client";
import { verifyAuditChain } from "../../db/queries/audit";
import { documentLeases } from "../../db/schema";
import {
  BACKUP_FORMAT_VERSION,
  DATABASE_ENTRY,
  FILES_ENTRY,
  fileNameStamp,
  formatBytes,
  latestKnownMigrationAt,
  MANIFEST_ENTRY,
  ManifestSchema,
  OperatorError,
  regularFilesUnder,
  sha256OfFile,
  type BackupManifest,
} from "./backup-manifest";

export interface RestoreOptions {
  from: string;
  databasePath: string;
  filesPath: string;
  force: boolean;
  now?: Date;
}

export async function restoreBackup(options: RestoreOptions): Promise<string> {
  const archive = resolve(options.from);
  if (!existsSync(archive)) throw new OperatorError(`There is no backup at ${archive}.`);
  await mkdir(dirname(resolve(options.databasePath)), { recursive: true });
  // Unpacked beside the database, so that putting it in place is a rename on the same disk.
  const staging = await mkdtemp(join(dirname(resolve(options.databasePath)), ".samverkan-restore-"));
  try {
    await unpack(archive, staging);
    const manifest = await checkedManifest(staging);

    refuseWhileInUse(options.databasePath);
    const existing = existingContents(options.databasePath);
    const existingFiles = (await regularFilesUnder(options.filesPath)).files.length;
    if ((existing.people > 0 || existing.agreements > 0 || existingFiles > 0) && !options.force) {
      throw new OperatorError(
        `${options.databasePath} is not empty (${existing.people} people, ${existing.agreements} agreements, ${existingFiles} files). ` +
          "Add --force to replace it; the current database and files are then kept beside it as .before-restore-<time>.",
      );
    }

    const keptAs = `.before-restore-${fileNameStamp(options.now ?? new Date())}`;
    const kept: string[] = [];
    // The -wal and -shm files belong to the database they sit beside: they move with it, or SQLite would apply them to the restored one.
    for (const path of [options.databasePath, `${options.databasePath}-wal`, `${options.databasePath}-shm`]) {
      if (existsSync(path)) kept.push(await move(path, path.replace(/(-wal|-shm)?$/, `${keptAs}$1`)));
    }
    if (manifest.fileStore === "local" && existsSync(options.filesPath)) kept.push(await move(options.filesPath, `${options.filesPath}${keptAs}`));

    await move(join(staging, DATABASE_ENTRY), options.databasePath);
    if (manifest.fileStore === "local") await move(join(staging, FILES_ENTRY), options.filesPath);

    // A backup from an older version gets this version's migrations, as at any start.
    const { db, sqlite } = openDatabase(options.databasePath);
    let audit: ReturnType<typeof verifyAuditChain>;
    let counts: { people: number; meetings: number; documents: number };
    try {
      // The processes holding these leases ran on the backed-up database, never on this one; left in place they would keep
      // the restored server from opening those live documents until they expire.
      db.delete(documentLeases).run();
      audit = verifyAuditChain(db);
      const count = (table: string) => (sqlite.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
      counts = { people: count("people"), meetings: count("meetings"), documents: count("documents") };
    } finally {
      closeDatabase();
    }

    const lines = [
      `Restored the backup of ${manifest.createdAt} (Samverkan ${manifest.appVersion}) into ${options.databasePath}.`,
      `  database: ${formatBytes(manifest.database.size)}, SHA-256 verified; ${counts.people} people, ${counts.meetings} meetings, ${counts.documents} live documents`,
      manifest.fileStore === "local"
        ? `  files: ${manifest.files.length} into ${options.filesPath}, each SHA-256 verified`
        : "  files: not in the backup (it was made with FILE_STORE=s3); they are restored from the bucket's own backup",
    ];
    if (kept.length > 0) lines.push(`  kept the previous data as: ${kept.join(", ")}`);
    if (!audit.ok) throw new OperatorError(`${lines.join("\n")}\nbut the audit log's hash chain is broken at entry ${audit.entryId}: ${audit.problem}`);
    lines.push(`  audit log intact: ${audit.entries} entries, chain verified.`);
    return lines.join("\n");
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

/** Unpacks regular files and folders only; tar itself refuses absolute paths and `..`. */
async function unpack(archive: string, into: string): Promise<void> {
  const refused: string[] = [];
  try {
    await extract({
      file: archive,
      cwd: into,
      strict: true,
      filter: (path, entry) => {
        const ok = "type" in entry ? entry.type === "File" || entry.type === "Directory" : entry.isFile() || entry.isDirectory();
        if (!ok) refused.push(path);
        return ok;
      },
    });
  } catch (error) {
    throw new OperatorError(`${archive} is not a readable backup archive: ${(error as Error).message}`);
  }
  if (refused.length > 0) throw new OperatorError(`The backup holds entries that are not files or folders: ${refused.join(", ")}`);
}

/** The manifest, once the database copy and every file match it exactly (nothing missing, nothing added). */
async function checkedManifest(staging: string): Promise<BackupManifest> {
  const text = await readFile(join(staging, MANIFEST_ENTRY), "utf8").catch(() => {
    throw new OperatorError(`The backup has no ${MANIFEST_ENTRY}.`);
  });
  const parsed = ManifestSchema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new OperatorError(`The backup's ${MANIFEST_ENTRY} is not one this version reads.`);
  const manifest = parsed.data;
  if (manifest.formatVersion > BACKUP_FORMAT_VERSION || (manifest.database.latestMigrationAt ?? 0) > latestKnownMigrationAt()) {
    throw new OperatorError(`The backup was made by a newer version of Samverkan (${manifest.appVersion}); restore it with that version.`);
  }
  const problems: string[] = [];
  const databaseCopy = join(staging, DATABASE_ENTRY);
  if (!existsSync(databaseCopy)) problems.push(`${DATABASE_ENTRY} is missing`);
  else if ((await sha256OfFile(databaseCopy)) !== manifest.database.sha256) problems.push(`${DATABASE_ENTRY}: SHA-256 differs`);
  const unpacked = new Set((await regularFilesUnder(join(staging, FILES_ENTRY))).files);
  for (const file of manifest.files) {
    if (!unpacked.delete(file.path)) problems.push(`${FILES_ENTRY}/${file.path} is missing`);
    else if ((await sha256OfFile(join(staging, FILES_ENTRY, ...file.path.split("/")))) !== file.sha256)
      problems.push(`${FILES_ENTRY}/${file.path}: SHA-256 differs`);
  }
  for (const extra of unpacked) problems.push(`${FILES_ENTRY}/${extra} is not in the manifest`);
  if (problems.length > 0) throw new OperatorError(`The backup is damaged or was changed; nothing was restored:\n  ${problems.join("\n  ")}`);
  return manifest;
}

/**
 * Refuses while any process has the database open. A running server keeps a connection open from
 * start to stop, and in WAL mode an open connection holds a shared lock on the database file, so
 * SQLite's exclusive lock is granted only when no server (nor another command) uses it. A lease
 * table would not do: a server that never opened a live document holds no lease, and one that
 * crashed leaves leases behind.
 */
function refuseWhileInUse(databasePath: string): void {
  if (!existsSync(databasePath)) return;
  const probe = new Database(databasePath, { fileMustExist: true, timeout: 0 });
  try {
    probe.pragma("locking_mode = EXCLUSIVE");
    probe.exec("BEGIN EXCLUSIVE; COMMIT");
    // Everything in the WAL goes into the database file, which is then kept whole as it was.
    probe.pragma("wal_checkpoint(TRUNCATE)");
  } catch (error) {
    if ((error as { code?: string }).code === "SQLITE_BUSY") {
      throw new OperatorError(`${databasePath} is in use: stop the server (and any other command using it) before restoring.`);
    }
    throw error;
  } finally {
    probe.close();
  }
}

function existingContents(databasePath: string): { people: number; agreements: number } {
  if (!existsSync(databasePath)) return { people: 0, agreements: 0 };
  const existing = new Database(databasePath, { fileMustExist: true });
  try {
    const count = (table: string) => {
      const known = existing.prepare("select 1 from sqlite_master where type = 'table' and name = ?").get(table);
      return known ? (existing.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n : 0;
    };
    return { people: count("people"), agreements: count("agreements") };
  } finally {
    existing.close();
  }
}

/** A rename, or a copy and removal when the target is on another disk. */
async function move(from: string, to: string): Promise<string> {
  try {
    await rename(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EXDEV") throw error;
    await cp(from, to, { recursive: true, errorOnExist: true, force: false });
    await rm(from, { recursive: true, force: true });
  }
  return to;
}
