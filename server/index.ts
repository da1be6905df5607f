import type { AddressInfo } from "node:net";
import { closeDatabase, openDatabase } from "../db/client";
import { demoLogins, isDatabaseEmpty, seedDemoData } from "../db/seed/demo";
import { people } from "../db/schema";
import { createApp } from "./app";
import { startCheckpointer } from "./checkpointer";
import { WalRestartGate } from "./wal-restart-gate";
import { attachCollabServer } from "./collab/collab-server";
import { contentRules } from "./collab/content-rules";
import { getSession } from "./http/session-cookie";
import { documentAccess } from "../db/queries/document-access";
import { parseEnv } from "./env";
import { registerOidcSettings } from "./oidc/providers";
import { setFileStore } from "../db/files/store";
import { sweepStaleUploads } from "../db/files/receive";
import { fileStoreFor } from "./file-store";
import { storeProtocol } from "./protocol/archive";
import { resolveSessionSecret } from "./session-secret";
import { startSessionSweep } from "./session-sweep";
import { demoLoginLines, firstAdminHint } from "./startup-text";
import { startDailyVersionSweep } from "./versions/daily-sweep";
import { setMailOrigin } from "../db/queries/notify";
import { smtpTransport, startMailSender } from "./mail/sender";
import { startDigestScheduler } from "./mail/digest-scheduler";

async function main() {
  const parsed = parseEnv(process.env);
  if (!parsed.ok) {
    console.error(parsed.message);
    process.exit(1);
  }
  const env = parsed.env;

  const { db, sqlite } = openDatabase(env.DATABASE_PATH);
  // Checkpoints move to a worker thread (see checkpointer.ts); commits stay on the main thread.
  sqlite.pragma("wal_autocheckpoint = 0");
  // The checkpointer also restarts the WAL after a complete checkpoint, so live documents' commits never pay its fsync.
  const walRestartGate = new WalRestartGate();
  const checkpointer = startCheckpointer(env.DATABASE_PATH, { gate: walRestartGate });
  // The app bundle reads these through process.env (see app/utils/session.server.ts).
  process.env.SESSION_SECRET = resolveSessionSecret(db, env.SESSION_SECRET);
  if (env.PUBLIC_ORIGIN) process.env.PUBLIC_ORIGIN = env.PUBLIC_ORIGIN;
  // The login buttons and callbacks (app/models/oidc.server.ts) read the validated providers from here.
  registerOidcSettings({ providers: env.OIDC_PROVIDERS, allowLoopbackHttp: env.NODE_ENV !== "production" });
  // Uploads and downloads reach the store through this registration (db/files/store.ts).
  setFileStore(fileStoreFor(env));
  void sweepStaleUploads().catch((error) => console.error("stale uploads:", error));

  let seeded = false;
  if (env.SEED_DEMO && isDatabaseEmpty(db)) {
    await seedDemoData(db, { password: env.DEMO_PASSWORD, archiveProtocol: storeProtocol });
    seeded = true;
  }

  const app = await createApp(env, sqlite);
  let digests: { stop: () => void } | null = null;
  const server = app.listen(env.PORT, env.HOST, () => {
    const { port } = server.address() as AddressInfo;
    const shownHost = env.HOST === "0.0.0.0" || env.HOST === "127.0.0.1" ? "localhost" : env.HOST;
    // Links in e-mails: PUBLIC_ORIGIN, or in development and tests the address listened on (production must set PUBLIC_ORIGIN).
    setMailOrigin(env.PUBLIC_ORIGIN ?? `http://${shownHost}:${port}`);
    // Only now: the digest's links need the mail origin.
    if (env.DIGEST_HOUR !== null) digests = startDigestScheduler(db, { hour: env.DIGEST_HOUR });
    const lines = [`Samverkan listening on http://${shownHost}:${port} (database ${env.DATABASE_PATH})`];
    if (seeded || (env.SEED_DEMO && demoLoginsExist())) {
      lines.push(...demoLoginLines(env.DEMO_PASSWORD, Boolean(process.env.DEMO_PASSWORD)));
    } else if (!db.select({ id: people.id }).from(people).limit(1).get()) {
      lines.push(...firstAdminHint(`http://${shownHost}:${port}`, env.DATABASE_PATH));
    }
    // One write, so whoever waits for the "listening" line (a test, a log reader) has what follows it too.
    console.log(lines.join("\n"));
  });

  const collab = attachCollabServer(server, {
    db,
    // The pages' session cookie: a live document opens for the person logged in on the page.
    authenticate: (request) => getSession(new Request("http://localhost/", { headers: { cookie: request.headers.cookie ?? "" } })),
    access: documentAccess,
    databasePath: env.DATABASE_PATH,
    publicOrigin: env.PUBLIC_ORIGIN,
    unloadGraceMs: env.COLLAB_UNLOAD_GRACE_MS,
    maxDocumentBytes: env.COLLAB_MAX_DOCUMENT_BYTES,
    durability: env.COLLAB_DURABILITY,
    contentRules: contentRules(db),
    walRestartGate,
  });
  const sessionSweep = startSessionSweep(env.SESSION_CHECK_INTERVAL_MS);
  const dailyVersions = startDailyVersionSweep(db, env.DAILY_VERSION_INTERVAL_MS);
  // Without SMTP the queued mail stays in the outbox (/admin/utkorg) until a restart with SMTP_URL.
  const mailSender =
    env.SMTP_URL && env.MAIL_FROM
      ? startMailSender(db, { transport: smtpTransport(env.SMTP_URL), from: env.MAIL_FROM, pollIntervalMs: env.MAIL_POLL_INTERVAL_MS })
      : null;

  function demoLoginsExist() {
    const row = sqlite.prepare("select count(*) as n from people where email = ?").get(demoLogins[0].email) as { n: number };
    return row.n > 0;
  }

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal} received, shutting down`);
    sessionSweep.stop();
    dailyVersions.stop();
    digests?.stop();
    const mailStopped = mailSender?.stop() ?? Promise.resolve();
    // Stores a final snapshot of every open document before the database closes.
    const collabClosed = collab.close();
    server.close(() => {
      void Promise.all([collabClosed, mailStopped])
        .then(() => checkpointer.stop())
        .catch((error) => console.error("shutdown:", error))
        .finally(() => {
          closeDatabase();
          process.exit(0);
        });
    });
    // Keep-alive connections would hold close() open; end them after a grace period.
    setTimeout(() => server.closeAllConnections(), 5_000).unref();
  };
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  process.on("SIGINT", () => shutdown("SIGINT"));
}

main().catch((error) => {
  console.error("Samverkan failed to start:", error);
  process.exit(1);
});
