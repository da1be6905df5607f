/**
 * `npm run admin -- seed-demo`: the demo data set, only when asked for and only into an empty
 * database. A database with people or agreements of its own is refused: demo logins with a
 * known password must never appear beside real accounts, and the demo marks every page and
 * protocol as demo.
 */
import { count } from "drizzle-orm";
import type { Db } from "../../db/client";
import { isDemoData } from "../../db/queries/demo-flag";
import { agreements, people } from "../../db/schema";
import { isDatabaseEmpty, seedDemoData } from "../../db/seed/demo";
import type { Env } from "../env";
import { storeProtocol } from "../protocol/archive";
import { protocolRenderPool } from "../protocol/render-pool";
import { demoLoginLines } from "../startup-text";
import { OperatorError } from "./backup-manifest";

export async function seedDemo(db: Db, env: Env, passwordWasSet: boolean): Promise<string> {
  if (isDemoData(db)) throw new OperatorError("This database already holds the demo data.");
  if (!isDatabaseEmpty(db)) {
    const peopleCount = db.select({ n: count() }).from(people).get()!.n;
    const agreementCount = db.select({ n: count() }).from(agreements).get()!.n;
    throw new OperatorError(
      `This database is not empty (${peopleCount} people, ${agreementCount} agreements); demo data goes only into an empty database. ` +
        "Give the demo a database of its own, e.g. DATABASE_PATH=data/demo.db npm run admin -- seed-demo",
    );
  }
  // The same rule as SEED_DEMO at start (server/env.ts): the default password is published.
  if (env.NODE_ENV === "production" && !passwordWasSet) {
    throw new OperatorError("Set DEMO_PASSWORD for the demo logins (the default is published), or run with NODE_ENV=development.");
  }
  try {
    await seedDemoData(db, { password: env.DEMO_PASSWORD, archiveProtocol: storeProtocol });
  } finally {
    // The protocols were rendered on worker threads, which would keep this command from exiting.
    await protocolRenderPool().close();
  }
  return ["Demo data seeded; every page and protocol is marked as demo.", ...demoLoginLines(env.DEMO_PASSWORD, passwordWasSet)].join("\n");
}
