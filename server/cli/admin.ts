/**
 * Operator commands, e.g. to create the first administrator on a database
 * without demo data:  npm run admin -- create-admin --email a@b.se --name "A B" --password "…"
 */
import { parseArgs } from "node:util";
import { z } from "zod";
import { closeDatabase, openDatabase, type Db } from "../../db/client";
import { hashPassword } from "../../db/password";
import { passwordProblemInEnglish } from "../../db/domain/password-rule";
import { passwordProblem } from "../../db/password-policy";
import { verifyAuditChain } from "../../db/queries/audit";
import { repairStoredDocuments } from "../../db/documents/repair";
import { listGroupsForAdmin } from "../../db/queries/groups";
import { addMembership, functionIdByName, membershipsOfPerson, removeMembership } from "../../db/queries/memberships";
import { changePassword, findLoginAccount, insertPerson, listPeopleForAdmin, setAdmin, setPersonActive } from "../../db/queries/people";
import type { Viewer } from "../../db/queries/sessions";
import { resetTotp } from "../../db/queries/totp";
import { memberRoles } from "../../db/domain/enums";
import { dayInstant, stockholmDate } from "../../db/domain/stockholm-time";
import { queueDailyDigests } from "../../db/queries/uppdrag-digest";
import { setMailOrigin } from "../../db/queries/notify";
import { parseEnv, type Env } from "../env";
import { OperatorError } from "./backup-manifest";
import { createBackup } from "./backup";
import { restoreBackup } from "./restore";
import { seedDemo } from "./seed-demo";

// Commands run with the operator's authority; id 0 is never a person.
const operator: Viewer = { id: 0, name: "Driftkommando", email: "", isAdmin: true };

const usage = `Usage: npm run admin -- <command> [options]

Commands:
  create-admin   --email E --name N --password P           create an administrator
  create-person  --email E --name N --password P [--title T] [--admin]
  set-password   --email E --password P                    set a new password and end all sessions
  deactivate     --email E                                 deactivate and end all sessions
  activate       --email E
  add-member     --email E --group ID --role ROLE [--function F]
                 ROLE: ${memberRoles.join(", ")}
  remove-member  --email E --group ID
  make-admin     --email E
  reset-two-step --email E                                 remove a lost authenticator app and its recovery
                                                           codes and end all sessions (an administrator sets
                                                           up a new app at the next login)
  list-people
  list-groups
  verify-audit                                             check the hash chain of the audit log
  send-digest    [--date YYYY-MM-DD]                       queue the day's digest of uppdrag (default today,
                                                           Stockholm); a person's digest of a day is made once
  repair-documents                                         drop pending Yjs state from stored live documents
  seed-demo                                                the demo data, into an empty database only
                                                           (with NODE_ENV=production, DEMO_PASSWORD must be set)
  backup         --to FILE [--force]                       database and files in one archive, while the server runs
  restore        --from FILE [--force]                     with the server stopped; --force replaces a database
                                                           that is not empty (the old one is kept beside it)

The database is DATABASE_PATH (default data/samverkan.db), the files FILES_PATH (default: filer next to it).`;

const Email = z.email();
const IsoDate = z.iso.date({ error: "--date must be a day such as 2025-03-14" });
const Password = z.string().superRefine((password, ctx) => {
  const problem = passwordProblem(password);
  if (problem) ctx.addIssue({ code: "custom", message: `password ${passwordProblemInEnglish[problem]}` });
});

class UsageError extends Error {}
class AuditChainError extends Error {}

function required(values: Record<string, unknown>, name: string): string {
  const value = values[name];
  if (typeof value !== "string" || value.trim() === "") throw new UsageError(`--${name} is required`);
  return value;
}

function personId(db: Db, email: string): number {
  const account = findLoginAccount(db, email);
  if (!account) throw new UsageError(`no person with e-mail ${email}`);
  return account.id;
}

async function run(command: string | undefined, values: Record<string, unknown>, db: Db, env: Env): Promise<string> {
  switch (command) {
    case "create-admin":
    case "create-person": {
      const email = Email.parse(required(values, "email"));
      const name = required(values, "name");
      const password = Password.parse(required(values, "password"));
      const id = insertPerson(db, {
        email,
        name,
        title: typeof values.title === "string" ? values.title : null,
        isAdmin: command === "create-admin" || values.admin === true,
        passwordHash: await hashPassword(password),
      });
      return `Created person ${id} <${email}>${command === "create-admin" || values.admin ? " (administrator)" : ""}.`;
    }
    case "set-password": {
      const id = personId(db, required(values, "email"));
      changePassword(db, operator, id, await hashPassword(Password.parse(required(values, "password"))));
      return "Password changed; all sessions ended.";
    }
    case "deactivate":
    case "activate": {
      const id = personId(db, required(values, "email"));
      setPersonActive(db, operator, id, command === "activate");
      return command === "activate" ? "Activated." : "Deactivated; all sessions ended.";
    }
    case "add-member": {
      const id = personId(db, required(values, "email"));
      const role = z.enum(memberRoles).parse(required(values, "role"));
      const groupId = z.coerce.number().int().positive().parse(required(values, "group"));
      const fn = typeof values.function === "string" && values.function.trim() ? functionIdByName(db, values.function) : null;
      addMembership(db, operator, { groupId, personId: id, role, functionId: fn });
      return "Membership added.";
    }
    case "remove-member": {
      const id = personId(db, required(values, "email"));
      const groupId = z.coerce.number().int().positive().parse(required(values, "group"));
      const membership = membershipsOfPerson(db, operator, id).find((m) => m.groupId === groupId);
      if (!membership) throw new UsageError("that person is not a member of that group");
      removeMembership(db, operator, membership.id);
      return "Membership removed.";
    }
    case "reset-two-step": {
      resetTotp(db, operator, personId(db, required(values, "email")));
      return "Two-step verification removed; all sessions ended.";
    }
    case "make-admin": {
      setAdmin(db, personId(db, required(values, "email")), true);
      return "Now an administrator.";
    }
    case "verify-audit": {
      const result = verifyAuditChain(db);
      if (!result.ok) throw new AuditChainError(`audit log entry ${result.entryId}: ${result.problem}`);
      return `Audit log intact: ${result.entries} entries, chain verified.`;
    }
    case "repair-documents": {
      const { repaired, unreadable, locked } = repairStoredDocuments(db);
      const lines = [repaired.length === 0 ? "No unlocked document held pending state." : `Repaired ${repaired.length} document(s): ${repaired.join(", ")}`];
      if (locked.length > 0) lines.push(`Locked, left as stored (their pending state is dropped whenever they are loaded): ${locked.join(", ")}`);
      if (unreadable.length > 0) lines.push(`Could not read (left untouched): ${unreadable.join(", ")}`);
      return lines.join("\n");
    }
    case "send-digest": {
      const date = typeof values.date === "string" ? IsoDate.parse(values.date) : stockholmDate();
      // The links in the mail: PUBLIC_ORIGIN as validated (the CLI has no listen address to fall back on).
      setMailOrigin(env.PUBLIC_ORIGIN ?? null);
      const queued = queueDailyDigests(db, new Date(dayInstant(date)));
      return `Queued ${queued} digest(s) of uppdrag for ${date}; the server's mail sender sends them.`;
    }
    case "seed-demo":
      return seedDemo(db, env, Boolean(process.env.DEMO_PASSWORD));
    case "list-people":
      return listPeopleForAdmin(db, operator)
        .map((p) => `${String(p.id).padStart(4)}  ${p.email.padEnd(40)} ${p.name}${p.isAdmin ? " [admin]" : ""}${p.active ? "" : " [inactive]"}`)
        .join("\n");
    case "list-groups":
      return listGroupsForAdmin(db, operator)
        .map((g) => `${String(g.id).padStart(4)}  ${g.name}  (${g.agreementTitle})`)
        .join("\n");
    default:
      throw new UsageError(command ? `unknown command "${command}"` : "no command given");
  }
}

/** Backup and restore work on the files themselves: the server may hold the database (backup) or must not (restore). */
function runOnFiles(command: string | undefined, values: Record<string, unknown>, env: Env): Promise<string> | null {
  const force = values.force === true;
  if (command === "backup") {
    return createBackup({
      databasePath: env.DATABASE_PATH,
      filesPath: env.FILES_PATH,
      fileStore: env.FILE_STORE,
      to: required(values, "to"),
      force,
    });
  }
  if (command === "restore") return restoreBackup({ databasePath: env.DATABASE_PATH, filesPath: env.FILES_PATH, from: required(values, "from"), force });
  return null;
}

async function main() {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      email: { type: "string" },
      name: { type: "string" },
      password: { type: "string" },
      title: { type: "string" },
      admin: { type: "boolean" },
      group: { type: "string" },
      role: { type: "string" },
      function: { type: "string" },
      to: { type: "string" },
      from: { type: "string" },
      force: { type: "boolean" },
      date: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    console.log(usage);
    return;
  }
  const env = parseEnv(process.env);
  if (!env.ok) throw new UsageError(env.message);
  const onFiles = runOnFiles(positionals[0], values, env.env);
  if (onFiles) {
    console.log(await onFiles);
    return;
  }
  const { db } = openDatabase(env.env.DATABASE_PATH);
  try {
    console.log(await run(positionals[0], values, db, env.env));
  } finally {
    closeDatabase();
  }
}

main().catch((error) => {
  if (error instanceof OperatorError) {
    console.error(`Error: ${error.message}`);
  } else if (error instanceof AuditChainError) {
    console.error(`TAMPERING DETECTED: ${error.message}`);
  } else if (error instanceof UsageError || error instanceof z.ZodError || error?.name === "ConflictError") {
    const message = error instanceof z.ZodError ? error.issues.map((i) => i.message).join("; ") : error.message;
    console.error(`Error: ${message}\n\n${usage}`);
  } else {
    console.error(error);
  }
  process.exit(1);
});
