import Database from "better-sqlite3";
import type { ParsedMail } from "mailparser";
import { startServer, type RunningServer } from "./server";
import type { CapturedSmtp } from "./smtp";

export const testMailFrom = "Samverkan <noreply@samverkan.example.se>";

/**
 * The real server delivering its mail to the captured SMTP server. The demo's own history queues
 * some 160 messages as it is seeded; they are marked sent first (the server seeds on a first start
 * without SMTP), so a test's message is not waiting behind them.
 */
export async function startServerWithMail(smtp: CapturedSmtp, env: Record<string, string> = {}): Promise<RunningServer> {
  const seeded = await startServer(env);
  await seeded.stop();
  const db = new Database(seeded.databasePath);
  try {
    db.prepare("update mail_outbox set status = 'sent', sent_at = created_at where status = 'queued'").run();
  } finally {
    db.close();
  }
  return startServer({ ...env, DATABASE_PATH: seeded.databasePath, SMTP_URL: smtp.url, MAIL_FROM: testMailFrom, MAIL_POLL_INTERVAL_MS: "200" });
}

/** Every address a captured message went to. */
export function addressesOf(message: ParsedMail): string[] {
  const to = Array.isArray(message.to) ? message.to : message.to ? [message.to] : [];
  return to.flatMap((a) => a.value.map((v) => v.address ?? ""));
}

/** The link to `path` in the newest of at least `count` messages to `to` that carry one, waiting for it to arrive. */
export async function linkInCapturedMail(smtp: CapturedSmtp, to: string, path: string, count = 1): Promise<string> {
  const pattern = new RegExp(`https?://\\S+/${path}/[A-Za-z0-9_-]+`);
  const carrying = () => smtp.messages.filter((m) => addressesOf(m).includes(to) && pattern.test(m.text ?? ""));
  const deadline = Date.now() + 20_000;
  while (carrying().length < count) {
    if (Date.now() > deadline) throw new Error(`expected ${count} message(s) to ${to} with a /${path}/ link, got ${carrying().length}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return carrying().at(-1)!.text!.match(pattern)![0];
}
