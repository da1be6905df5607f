import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/** A fresh SQLite file path in its own temporary directory. */
export function tempDatabasePath(): string {
  return path.join(mkdtempSync(path.join(tmpdir(), "samverkan-test-")), "samverkan.db");
}

export const demoPassword = "demo-password-for-tests";
