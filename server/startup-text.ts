/**
 * What the server prints after it starts and `npm run admin -- seed-demo` after seeding: only
 * what an operator can do next with this version, with the commands spelled out.
 */
import { groupedSecret } from "../db/domain/totp";
import { demoLogins, demoTotpSecret } from "../db/seed/demo";
import { MIN_PASSWORD_LENGTH } from "../db/domain/password-rule";
import { EnvSchema } from "./env";

/** The DATABASE_PATH= prefix a command needs to reach the same database (none for the default one). */
function databasePrefix(databasePath: string): string {
  const defaultPath = EnvSchema.shape.DATABASE_PATH.parse(undefined);
  return databasePath === defaultPath ? "" : `DATABASE_PATH=${JSON.stringify(databasePath)} `;
}

/** For a database nobody can log in to yet: how to make the first administrator, and where they go next. */
export function firstAdminHint(baseUrl: string, databasePath: string): string[] {
  return [
    "The database has no people yet, so nobody can log in. Create the first administrator:",
    `  ${databasePrefix(databasePath)}npm run admin -- create-admin --email you@example.se --name "Your Name" --password "<at least ${MIN_PASSWORD_LENGTH} characters>"`,
    `Then log in at ${baseUrl}/login; the administration pages are at ${baseUrl}/admin.`,
    "To try the app with demo data, give the demo a database of its own: DATABASE_PATH=data/demo.db npm run demo",
  ];
}

/** The demo accounts, and where their password comes from. */
export function demoLoginLines(demoPassword: string, passwordWasSet: boolean): string[] {
  return [
    `Demo logins (password from DEMO_PASSWORD${passwordWasSet ? "" : `, default "${demoPassword}"`}):`,
    ...demoLogins.map((login) => `  ${login.email.padEnd(36)} ${login.description}`),
    `Administrators also type a code from an authenticator app; add the demo administrator to one with the key ${groupedSecret(demoTotpSecret(demoPassword))}`,
  ];
}
