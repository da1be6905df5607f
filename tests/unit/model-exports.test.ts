/**
 * Issue 12: routes reach the database only through app/models, and what they can reach
 * there checks who asks. The unchecked writes and reads of db/queries are not exported,
 * and every administration verb refuses a viewer who is not an administrator.
 */
import * as admin from "../../app/models/admin.server";
import * as models from "../../app/models/db.server";
import { closeDatabase, type Db } from "../../db/client";
import { ForbiddenError } from "../../db/queries/errors";
import { openSeededDatabase, viewerByEmail } from "../support/seeded-db";

/** Every function reachable from a model module, by "group.name". */
function reachable(module: Record<string, unknown>): string[] {
  return Object.entries(module).flatMap(([name, value]) =>
    typeof value === "function" ? [name] : value && typeof value === "object" ? Object.keys(value).map((key) => `${name}.${key}`) : [],
  );
}

let db: Db;
beforeAll(async () => {
  db = await openSeededDatabase();
});
afterAll(() => closeDatabase());

describe("what routes can reach", () => {
  it("offers none of the verbs that skip the viewer check", () => {
    const names = reachable(models).map((name) => name.split(".").pop());
    for (const unchecked of ["insertPerson", "setAdmin", "setPasswordHash", "insertMembership", "meetingSummary", "seedDemoData"]) {
      expect(names).not.toContain(unchecked);
    }
  });

  it("refuses every administration verb to a member who is not an administrator", () => {
    const member = viewerByEmail(db, "sdd.skarholmen@example.se");
    const verbs = Object.entries(admin.adminQueries) as [string, (db: Db, viewer: unknown, ...args: unknown[]) => unknown][];
    expect(verbs.length).toBeGreaterThan(10);
    for (const [name, verb] of verbs) {
      expect(() => verb(db, member, 1, 1, 1), name).toThrow(ForbiddenError);
    }
  });
});
