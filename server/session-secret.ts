import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { settings } from "../db/schema";

/**
 * The secret that signs session cookies: the configured one, or one generated on
 * first start and kept in the database so sessions survive restarts.
 */
export function resolveSessionSecret(db: Db, configured: string | undefined): string {
  if (configured) return configured;
  const stored = db.select().from(settings).where(eq(settings.key, "session_secret")).get();
  if (stored) return stored.value;
  const secret = randomBytes(32).toString("base64url");
  db.insert(settings).values({ key: "session_secret", value: secret }).onConflictDoNothing().run();
  return db.select().from(settings).where(eq(settings.key, "session_secret")).get()!.value;
}
