import { createHash, randomBytes } from "node:crypto";
import { and, eq, lte } from "drizzle-orm";
import type { Db } from "../client";
import { knownDevices } from "../schema";
import { nowIso } from "../time";

/** Browsers' longest cookie lifetime (400 days); a device unused for that long is forgotten. */
export const KNOWN_DEVICE_TTL_MS = 400 * 24 * 60 * 60 * 1000;

export function hashDeviceToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** The stored hash of `token` when it is a known device of this person, else null. */
export function knownDeviceHash(db: Db, token: string | null, personId: number): string | null {
  if (!token) return null;
  const tokenHash = hashDeviceToken(token);
  const row = db
    .select({ tokenHash: knownDevices.tokenHash })
    .from(knownDevices)
    .where(and(eq(knownDevices.tokenHash, tokenHash), eq(knownDevices.personId, personId)))
    .get();
  return row?.tokenHash ?? null;
}

/**
 * After a successful login: keeps the browser's device token if it is already this person's
 * (marking it used), otherwise makes a new one. Returns the token for the long-lived cookie;
 * only its SHA-256 is stored.
 */
export function rememberDevice(db: Db, personId: number, token: string | null, now = new Date()): string {
  db.delete(knownDevices)
    .where(lte(knownDevices.lastUsedAt, nowIso(new Date(now.getTime() - KNOWN_DEVICE_TTL_MS))))
    .run();
  const existing = knownDeviceHash(db, token, personId);
  if (token && existing) {
    db.update(knownDevices)
      .set({ lastUsedAt: nowIso(now) })
      .where(eq(knownDevices.tokenHash, existing))
      .run();
    return token;
  }
  const fresh = randomBytes(32).toString("base64url");
  db.insert(knownDevices)
    .values({ tokenHash: hashDeviceToken(fresh), personId, createdAt: nowIso(now), lastUsedAt: nowIso(now) })
    .run();
  return fresh;
}
