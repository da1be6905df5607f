/**
 * The S3-compatible file store against a real S3-compatible server (s3rver) started here on 127.0.0.1,
 * port 0: signed requests, streamed puts with a declared length, reads, existence, removal; an unknown
 * access key is refused by the server. And the environment's check of the S3 settings.
 */
import { createReadStream, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { buffer } from "node:stream/consumers";
import S3rver from "s3rver";
import { S3FileStore, type S3Settings } from "../../db/files/s3-store";
import { newStorageKey } from "../../db/files/store";
import { parseEnv } from "../../server/env";
import { sessionCookie } from "../support/collab-client";
import { styrgruppMinutes } from "../support/rights-fixture";
import { samplePdf } from "../support/sample-files";
import { queryServerDatabase, startServer } from "../support/server";

const folder = mkdtempSync(path.join(tmpdir(), "samverkan-s3-test-"));
let server: S3rver;
let settings: S3Settings;

beforeAll(async () => {
  server = new S3rver({ address: "127.0.0.1", port: 0, silent: true, directory: path.join(folder, "s3"), configureBuckets: [{ name: "handlingar" }] });
  const { port } = await server.run();
  // s3rver's own account. It checks that a request is signed by a known access key (it does not recompute V4 signatures).
  settings = { endpoint: `http://127.0.0.1:${port}`, bucket: "handlingar", region: "eu-north-1", accessKeyId: "S3RVER", secretAccessKey: "S3RVER" };
});
afterAll(async () => {
  await server?.close();
});

describe("the S3-compatible file store", () => {
  it("puts a file as a stream and a buffer, reads them back byte for byte, and removes them", async () => {
    const store = new S3FileStore(settings);
    const bytes = Buffer.concat([samplePdf(), Buffer.alloc(3 * 1024 * 1024, 7)]);
    const file = path.join(folder, "upload.pdf");
    writeFileSync(file, bytes);
    const streamed = newStorageKey();
    const buffered = newStorageKey();
    await store.put(streamed, createReadStream(file), bytes.length);
    await store.put(buffered, samplePdf(), samplePdf().length);
    expect(await store.exists(streamed)).toBe(true);
    expect((await buffer(await store.get(streamed))).equals(bytes)).toBe(true);
    expect((await buffer(await store.get(buffered))).equals(samplePdf())).toBe(true);
    await store.remove(streamed);
    expect(await store.exists(streamed)).toBe(false);
    await expect(store.get(streamed)).rejects.toThrow(/S3 GET .*: 404/);
    // Removing what is gone already is no error (a clean-up may run twice).
    await store.remove(streamed);
  });

  it("signs its requests: an unknown access key is refused by the server, and the refusal is an error", async () => {
    const store = new S3FileStore({ ...settings, accessKeyId: "OKAND" });
    await expect(store.put(newStorageKey(), samplePdf(), samplePdf().length)).rejects.toThrow(/S3 PUT .*: 403 .*InvalidAccessKeyId/);
  });

  it("refuses keys that are not the store's own", async () => {
    await expect(new S3FileStore(settings).get("../annan-hink/fil")).rejects.toThrow("ogiltig lagringsnyckel");
  });
});

describe("the server with FILE_STORE=s3", () => {
  it("keeps an uploaded handling in the object store and serves it from there", async () => {
    const app = await startServer({
      FILE_STORE: "s3",
      S3_ENDPOINT: settings.endpoint,
      S3_BUCKET: settings.bucket,
      S3_REGION: settings.region,
      S3_ACCESS_KEY_ID: settings.accessKeyId,
      S3_SECRET_ACCESS_KEY: settings.secretAccessKey,
    });
    try {
      const { meetingId } = styrgruppMinutes(app);
      const [item] = queryServerDatabase<{ id: number }>(app, "select id from agenda_items where meeting_id = ? limit 1", meetingId);
      const cookie = await sessionCookie(app, "sdd.skarholmen@example.se");
      const form = new FormData();
      form.set("owner", `arende-${item!.id}`);
      form.set("file", new File([new Uint8Array(samplePdf())], "handling.pdf"));
      const posted = await fetch(`${app.url}/moten/${meetingId}/handlingar`, {
        method: "POST",
        body: form,
        headers: { Cookie: cookie, Origin: app.url, Accept: "text/html" },
        redirect: "manual",
      });
      expect(posted.status).toBe(302);
      const [row] = queryServerDatabase<{ id: number; storage_key: string }>(app, "select id, storage_key from stored_files");
      expect(await new S3FileStore(settings).exists(row!.storage_key)).toBe(true);
      const download = await fetch(`${app.url}/filer/${row!.id}`, { headers: { Cookie: cookie } });
      expect(Buffer.from(await download.arrayBuffer()).equals(samplePdf())).toBe(true);
    } finally {
      await app.stop();
    }
  });
});

describe("the environment of the file store", () => {
  it("needs every S3 variable with FILE_STORE=s3 and names each one missing", () => {
    const parsed = parseEnv({ NODE_ENV: "test", FILE_STORE: "s3", S3_BUCKET: "handlingar" });
    expect(parsed.ok).toBe(false);
    const message = parsed.ok ? "" : parsed.message;
    for (const name of ["S3_ENDPOINT", "S3_REGION", "S3_ACCESS_KEY_ID", "S3_SECRET_ACCESS_KEY"])
      expect(message).toContain(`${name}: must be set when FILE_STORE=s3`);
    expect(message).not.toContain("S3_BUCKET");
    const badEndpoint = parseEnv({
      NODE_ENV: "test",
      FILE_STORE: "s3",
      S3_ENDPOINT: "s3.example.se",
      S3_BUCKET: "b",
      S3_REGION: "r",
      S3_ACCESS_KEY_ID: "a",
      S3_SECRET_ACCESS_KEY: "s",
    });
    expect(badEndpoint.ok ? "" : badEndpoint.message).toContain("S3_ENDPOINT: must be an http(s) URL");
    expect(parseEnv({ NODE_ENV: "test", FILE_STORE: "disk" }).ok).toBe(false);
  });

  it("keeps files on the local disk next to the database by default", () => {
    const parsed = parseEnv({ NODE_ENV: "test", DATABASE_PATH: "/srv/samverkan/data/samverkan.db" });
    expect(parsed.ok && parsed.env.FILE_STORE).toBe("local");
    expect(parsed.ok && parsed.env.FILES_PATH).toBe("/srv/samverkan/data/filer");
  });
});
