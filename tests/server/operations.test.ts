import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { create as createTar, extract, list as listTar } from "tar";
import type { Db } from "../../db/client";
import { readDocumentText } from "../../db/documents/store";
import * as schema from "../../db/schema";
import { appendParagraph, connectClient, sessionCookie, thisYear, waitFor, waitForSync, type Client } from "../support/collab-client";
import { startServer, type RunningServer } from "../support/server";
import { tempDatabasePath } from "../support/temp";

/**
 * Issue 14's operations over the real processes: `npm run admin -- backup` while the server is
 * written to, `restore` into another place (every meeting, live document and file found again),
 * the refusals that keep a restore from doing harm, `seed-demo`, and the first start of an empty
 * production database.
 */

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** The admin CLI as a child process; asynchronous, so the test's own clients keep writing meanwhile. */
function adminCli(env: Record<string, string>, ...args: string[]): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(process.execPath, ["--import", "tsx", "server/cli/admin.ts", ...args], { env: { ...process.env, ...env } }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

function sha256(bytes: Buffer): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** Its own drizzle handle on a database file (not the process-wide one: two databases are compared). */
function openFile(path: string): { db: Db; close: () => void } {
  const sqlite = new Database(path);
  sqlite.pragma("busy_timeout = 5000");
  return { db: drizzle(sqlite, { schema }) as Db, close: () => sqlite.close() };
}

const lagesbild = `lagesbild-skarholmen-${thisYear}`;
const workDir = mkdtempSync(join(tmpdir(), "samverkan-backup-test-"));
const archive = join(workDir, "samverkan.tar.gz");
const attachment = Buffer.from("%PDF-1.4\n% bilaga 1 till överenskommelsen, för säkerhetskopian\n");
// Any layout: the backup copies the file store's folder as it is.
const storageKey = "2026/11/bilaga-1.pdf";

let server: RunningServer;
const clients: Client[] = [];

beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  for (const client of clients) client.destroy();
  await server?.stop();
});

function connect(target: RunningServer, cookie: string): Client {
  const client = connectClient(target, lagesbild, cookie);
  clients.push(client);
  return client;
}

describe("backup and restore", () => {
  const restoredPath = tempDatabasePath();

  it("backs up while the server is written to; the restore holds every meeting, live document and file", async () => {
    // A stored file as helper F's upload would leave it: the bytes in FILES_PATH, a row pointing at them.
    const filesPath = join(dirname(server.databasePath), "filer");
    mkdirSync(join(filesPath, dirname(storageKey)), { recursive: true });
    writeFileSync(join(filesPath, storageKey), attachment);
    const source = openFile(server.databasePath);
    const agreement = source.db.select().from(schema.agreements).limit(1).get()!;
    const admin = source.db.select().from(schema.people).limit(1).get()!;
    source.db
      .insert(schema.storedFiles)
      .values({
        category: "bilaga",
        fileName: "bilaga-1.pdf",
        mediaType: "application/pdf",
        size: attachment.length,
        sha256: sha256(attachment),
        storageKey,
        agreementId: agreement.id,
        uploadedBy: admin.id,
        uploadedAt: new Date().toISOString(),
      })
      .run();

    const [chair, police] = await Promise.all([sessionCookie(server, "sdd.skarholmen@example.se"), sessionCookie(server, "lpo.skarholmen@example.se")]);
    const writer = connect(server, chair);
    // An update is relayed only once it is committed: what the witness sees is in the database.
    const witness = connect(server, police);
    await Promise.all([waitForSync(writer), waitForSync(witness)]);
    appendParagraph(writer.doc, "Före säkerhetskopian.");
    await waitFor(() => witness.text().includes("Före säkerhetskopian."), 10_000, "the first line stored");

    let typing = true;
    let lines = 0;
    const typed = (async () => {
      while (typing) {
        appendParagraph(writer.doc, `Rad ${lines++} skriven under säkerhetskopieringen.`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    })();
    const linesBefore = lines;
    const backup = await adminCli({ DATABASE_PATH: server.databasePath }, "backup", "--to", archive);
    const linesDuring = lines - linesBefore;
    typing = false;
    await typed;
    expect(backup.stderr).toBe("");
    expect(backup.code).toBe(0);
    expect(backup.stdout).toContain(`Backup written to ${archive}`);
    expect(backup.stdout).toContain("files: 1 from");
    expect(linesDuring).toBeGreaterThan(5);
    const last = `Rad ${lines - 1} skriven under säkerhetskopieringen.`;
    await waitFor(() => witness.text().includes(last), 20_000, "every line stored");

    const restore = await adminCli({ DATABASE_PATH: restoredPath }, "restore", "--from", archive);
    expect(restore.stderr).toBe("");
    expect(restore.stdout).toContain("audit log intact");

    const restored = openFile(restoredPath);
    try {
      const meetingsOf = (db: Db) =>
        db.select({ id: schema.meetings.id, groupId: schema.meetings.groupId, status: schema.meetings.status }).from(schema.meetings).all();
      expect(meetingsOf(restored.db)).toEqual(meetingsOf(source.db));
      expect(meetingsOf(restored.db).length).toBeGreaterThan(10);
      const documentNames = (db: Db) =>
        db
          .select({ name: schema.documents.name })
          .from(schema.documents)
          .all()
          .map((d) => d.name);
      expect(documentNames(restored.db)).toEqual(documentNames(source.db));
      for (const name of documentNames(source.db)) {
        if (name === lagesbild) continue;
        expect(readDocumentText(restored.db, name), name).toBe(readDocumentText(source.db, name));
      }
      // The document written to during the backup: one consistent state of it, from before the backup ended.
      const restoredText = readDocumentText(restored.db, lagesbild);
      expect(restoredText).toContain("Före säkerhetskopian.");
      expect(readDocumentText(source.db, lagesbild).startsWith(restoredText)).toBe(true);

      const file = restored.db.select().from(schema.storedFiles).all();
      expect(file).toMatchObject([{ storageKey, sha256: sha256(attachment) }]);
      expect(sha256(readFileSync(join(dirname(restoredPath), "filer", storageKey)))).toBe(sha256(attachment));

      // The restored database serves: its live document, through the collab server, is the stored state.
      const second = await startServer({ DATABASE_PATH: restoredPath, SEED_DEMO: "false" });
      try {
        const reader = connect(second, await sessionCookie(second, "sdd.skarholmen@example.se"));
        await waitForSync(reader);
        await waitFor(() => reader.text().includes("Före säkerhetskopian."), 10_000, "the restored document served");
        expect(second.output()).not.toContain("has no people");
      } finally {
        await second.stop();
      }
    } finally {
      restored.close();
      source.close();
    }
  });

  it("refuses to overwrite an archive, a tampered archive, a database that is not empty, and the database of a running server", async () => {
    const again = await adminCli({ DATABASE_PATH: server.databasePath }, "backup", "--to", archive);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("already exists");

    // Tampered: one file's bytes changed, the manifest left as it was.
    const unpacked = join(workDir, "unpacked");
    mkdirSync(unpacked);
    await extract({ file: archive, cwd: unpacked });
    writeFileSync(join(unpacked, "filer", storageKey), Buffer.concat([attachment, Buffer.from("ändrad")]));
    const tampered = join(workDir, "tampered.tar.gz");
    await createTar({ gzip: true, file: tampered, cwd: unpacked }, readdirSync(unpacked));
    const target = tempDatabasePath();
    const refused = await adminCli({ DATABASE_PATH: target }, "restore", "--from", tampered);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`filer/${storageKey}: SHA-256 differs`);
    expect(existsSync(target)).toBe(false);

    // Made by a newer version: its manifest's format, as if Samverkan had moved on.
    const manifestPath = join(unpacked, "manifest.json");
    writeFileSync(manifestPath, JSON.stringify({ ...JSON.parse(readFileSync(manifestPath, "utf8")), formatVersion: 99 }));
    const newer = join(workDir, "newer.tar.gz");
    await createTar({ gzip: true, file: newer, cwd: unpacked }, readdirSync(unpacked));
    const fromNewer = await adminCli({ DATABASE_PATH: target }, "restore", "--from", newer);
    expect(fromNewer.code).toBe(1);
    expect(fromNewer.stderr).toContain("made by a newer version of Samverkan");
    expect(existsSync(target)).toBe(false);

    const garbage = join(workDir, "garbage.tar.gz");
    writeFileSync(garbage, "not an archive");
    const unreadable = await adminCli({ DATABASE_PATH: target }, "restore", "--from", garbage);
    expect(unreadable.code).toBe(1);
    expect(unreadable.stderr).toContain("not a readable backup archive");
    expect(existsSync(target)).toBe(false);

    // The database restored by the test before is not empty.
    const notEmpty = await adminCli({ DATABASE_PATH: restoredPath }, "restore", "--from", archive);
    expect(notEmpty.code).toBe(1);
    expect(notEmpty.stderr).toMatch(/is not empty \(\d+ people, \d+ agreements, 1 files\)/);
    const forced = await adminCli({ DATABASE_PATH: restoredPath }, "restore", "--from", archive, "--force");
    expect(forced.stderr).toBe("");
    expect(forced.stdout).toContain("kept the previous data as");
    const kept = readdirSync(dirname(restoredPath)).filter((name) => name.includes(".before-restore-"));
    expect(kept.sort()).toEqual([expect.stringMatching(/^filer\.before-restore-/), expect.stringMatching(/^samverkan\.db\.before-restore-/)]);

    const running = await adminCli({ DATABASE_PATH: server.databasePath }, "restore", "--from", archive, "--force");
    expect(running.code).toBe(1);
    expect(running.stderr).toContain("is in use: stop the server");
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });

  it("with the files in S3, backs up and restores the database alone and says the bucket needs its own backup", async () => {
    const s3Archive = join(workDir, "s3.tar.gz");
    const backup = await adminCli(
      {
        DATABASE_PATH: server.databasePath,
        FILE_STORE: "s3",
        // Never contacted: the backup only needs to know the files are elsewhere.
        S3_ENDPOINT: "http://127.0.0.1:9",
        S3_BUCKET: "handlingar",
        S3_REGION: "eu-north-1",
        S3_ACCESS_KEY_ID: "test",
        S3_SECRET_ACCESS_KEY: "test-secret",
      },
      "backup",
      "--to",
      s3Archive,
    );
    expect(backup.stderr).toBe("");
    expect(backup.stdout).toContain("files: NOT in this backup");
    expect(backup.stdout).toContain("give the bucket its own versioning and backup");
    const entries: string[] = [];
    await listTar({ file: s3Archive, onReadEntry: (entry) => void entries.push(entry.path) });
    expect(entries.sort()).toEqual(["filer/", "manifest.json", "samverkan.db"]);
    const target = tempDatabasePath();
    const restore = await adminCli({ DATABASE_PATH: target }, "restore", "--from", s3Archive);
    expect(restore.stderr).toBe("");
    expect(restore.stdout).toContain("files: not in the backup (it was made with FILE_STORE=s3)");
    expect(existsSync(join(dirname(target), "filer"))).toBe(false);
  });
});

describe("seed-demo and the first start of an empty database", () => {
  it("seeds the demo into an empty database only, once", async () => {
    const databasePath = tempDatabasePath();
    const env = { DATABASE_PATH: databasePath, NODE_ENV: "development", DEMO_PASSWORD: "" };
    const seeded = await adminCli(env, "seed-demo");
    expect(seeded.stderr).toBe("");
    expect(seeded.stdout).toContain("Demo data seeded");
    expect(seeded.stdout).toContain("admin@example.se");
    const second = await adminCli(env, "seed-demo");
    expect(second.code).toBe(1);
    expect(second.stderr).toContain("already holds the demo data");
  });

  it("refuses a database with people of its own, and the published password in production", async () => {
    const databasePath = tempDatabasePath();
    const production = await adminCli({ DATABASE_PATH: databasePath, NODE_ENV: "production", DEMO_PASSWORD: "" }, "seed-demo");
    expect(production.code).toBe(1);
    expect(production.stderr).toContain("Set DEMO_PASSWORD");
    const admin = await adminCli(
      { DATABASE_PATH: databasePath },
      "create-admin",
      "--email",
      "forsta@example.se",
      "--name",
      "Första Admin",
      "--password",
      "ett-långt-lösenord",
    );
    expect(admin.code).toBe(0);
    const refused = await adminCli({ DATABASE_PATH: databasePath, NODE_ENV: "development" }, "seed-demo");
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("not empty (1 people, 0 agreements)");
  });

  it("a production start on an empty database says how to create the first administrator and where to go next", async () => {
    const empty = await startServer({ NODE_ENV: "production", SEED_DEMO: "false", DEMO_PASSWORD: "" });
    try {
      const output = empty.output();
      expect(output).toContain("The database has no people yet");
      expect(output).toContain(`DATABASE_PATH="${empty.databasePath}" npm run admin -- create-admin --email`);
      expect(output).toContain(`http://localhost:${empty.port}/login`);
      expect(output).toContain(`http://localhost:${empty.port}/admin`);
      expect(output).not.toContain("Demo logins");
    } finally {
      await empty.stop();
    }
  });
});
