import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import * as schema from "./schema";

/** The Drizzle database; `$client` is the underlying better-sqlite3 handle (for prepared hot-path statements). */
export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };
export type Sqlite = Database.Database;

interface Handle {
  path: string;
  sqlite: Sqlite;
  db: Db;
}

// The Remix compiler bundles db/ into build/ while server/ imports it
// directly, so this module can exist twice in one process. The handle lives
// on globalThis so both copies share one connection.
const globalKey = "__samverkanDatabase";
type GlobalWithDb = typeof globalThis & { [globalKey]?: Handle };

/**
 * Opens (creating if needed) the SQLite file, applies committed migrations and
 * makes it the process-wide database. Durability first: WAL with synchronous=FULL.
 */
export function openDatabase(path: string): Handle {
  const g = globalThis as GlobalWithDb;
  const existing = g[globalKey];
  if (existing) {
    if (existing.path === path) return existing;
    existing.sqlite.close();
  }
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const sqlite = new Database(path);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = FULL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  const db = drizzle(sqlite, { schema });
  migrate(db, { migrationsFolder: fileURLToPath(new URL("./migrations", import.meta.url)) });
  const handle = { path, sqlite, db };
  g[globalKey] = handle;
  return handle;
}

/** The process-wide database opened by `openDatabase`. */
export function getDb(): Db {
  const handle = (globalThis as GlobalWithDb)[globalKey];
  if (!handle) throw new Error("Databasen är inte öppnad: openDatabase() måste anropas vid start.");
  return handle.db;
}

export function getSqlite(): Sqlite {
  getDb();
  return (globalThis as GlobalWithDb)[globalKey]!.sqlite;
}

export function closeDatabase(): void {
  const g = globalThis as GlobalWithDb;
  g[globalKey]?.sqlite.close();
  delete g[globalKey];
}

/**
 * A write transaction that takes SQLite's write lock at BEGIN (IMMEDIATE).
 * Other connections write to the same file (the collab update writer), and a
 * deferred transaction that reads before it writes would then fail with
 * SQLITE_BUSY_SNAPSHOT instead of waiting its turn.
 */
export function writeTransaction<T>(db: Db, fn: (tx: Db) => T): T {
  // Drizzle's transaction object has no `$client`; code handed `tx` (the document store's prepared
  // statements, nested transactions) needs the same connection's handle, which is the one below.
  return db.transaction((tx) => fn(Object.assign(tx, { $client: db.$client }) as unknown as Db), { behavior: "immediate" });
}
