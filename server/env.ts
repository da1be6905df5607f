import { dirname, join } from "node:path";
import { z } from "zod";
import { passwordProblemInEnglish } from "../db/domain/password-rule";
import { passwordProblem } from "../db/password-policy";
import { OidcProvidersSchema, oidcIssuerProblem } from "./oidc/providers";

/** Published in the README, so it may only guard demo data on a machine that is not production. */
export const DEFAULT_DEMO_PASSWORD = "samverkan-demo";

const booleanFlag = z
  .enum(["true", "false", "1", "0", "yes", "no"], { error: "must be true or false" })
  .transform((v) => v === "true" || v === "1" || v === "yes");

/** Every environment variable the server reads, validated once at start. */
export const EnvSchema = z.object({
  NODE_ENV: z.enum(["production", "development", "test"]).default("production"),
  PORT: z.coerce.number({ error: "must be a number" }).int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default("127.0.0.1"),
  DATABASE_PATH: z.string().min(1).default("data/samverkan.db"),
  /** Folder of uploaded files (handlingar) in the local file store; default: "filer" next to the database. */
  FILES_PATH: z.string().min(1).optional(),
  /** Where uploaded files are kept: "local" (FILES_PATH) or "s3" (an S3-compatible store, the S3_* variables). */
  FILE_STORE: z.enum(["local", "s3"], { error: "must be local or s3" }).default("local"),
  /** The S3-compatible service's origin (https://s3.eu-north-1.amazonaws.com, a MinIO address …). */
  S3_ENDPOINT: z
    .string()
    .refine((value) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol), {
      error: "must be an http(s) URL such as https://s3.eu-north-1.amazonaws.com",
    })
    .optional(),
  S3_BUCKET: z.string().min(1).optional(),
  S3_REGION: z.string().min(1).optional(),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  /** Signs the session cookie. Generated and stored in the database when unset. */
  SESSION_SECRET: z.string().min(32, { error: "must be at least 32 characters" }).optional(),
  /** The origin users reach the app at (https://samverkan.example.se); used for Origin checks and Secure cookies. */
  PUBLIC_ORIGIN: z
    .string()
    .transform((value, ctx) => {
      const url = URL.canParse(value) ? new URL(value) : null;
      if (!url || !/^https?:$/.test(url.protocol) || url.pathname !== "/" || url.search || url.hash) {
        ctx.addIssue({ code: "custom", message: "must be an origin such as https://samverkan.example.se (no path)" });
        return z.NEVER;
      }
      return url.origin;
    })
    .optional(),
  /** The SMTP server mail is sent through (smtp://user:password@host:587 or smtps://…:465); unset: mail stays in the outbox at /admin/utkorg. */
  SMTP_URL: z
    .string()
    .refine((value) => URL.canParse(value) && /^smtps?:$/.test(new URL(value).protocol) && new URL(value).hostname !== "", {
      error: "must be an smtp:// or smtps:// URL such as smtps://user:password@smtp.example.se:465",
    })
    .optional(),
  /** The sender of every e-mail ("Samverkan <noreply@samverkan.example.se>"); required with SMTP_URL. */
  MAIL_FROM: z
    .string()
    .refine((value) => /^[^\s<>@]+@[^\s<>@]+\.[^\s<>@]+$/.test(value) || /^[^<>]*<[^\s<>@]+@[^\s<>@]+\.[^\s<>@]+>$/.test(value.trim()), {
      error: "must be an address such as noreply@samverkan.example.se or Samverkan <noreply@samverkan.example.se>",
    })
    .optional(),
  /** The Stockholm hour (0–23) after which the day's digest of uppdrag goes out; "off": this server makes none. */
  DIGEST_HOUR: z
    .string()
    .transform((value, ctx) => {
      if (value === "off") return null;
      if (!/^\d{1,2}$/.test(value) || Number(value) > 23) {
        ctx.addIssue({ code: "custom", message: "must be an hour from 0 to 23 (Stockholm time), or off" });
        return z.NEVER;
      }
      return Number(value);
    })
    .default(7),
  /** How often the mail sender looks for due messages besides being woken when one is queued (milliseconds). */
  MAIL_POLL_INTERVAL_MS: z.coerce.number({ error: "must be a number" }).int().min(100).max(600_000).default(5_000),
  /**
   * The OpenID Connect providers people may sign in with, a JSON array:
   * [{"id":"stad","name":"Stockholms stad","issuer":"https://…","clientId":"…","clientSecret":"…"}].
   */
  OIDC_PROVIDERS: OidcProvidersSchema.optional(),
  DEMO_PASSWORD: z
    .string()
    .superRefine((password, ctx) => {
      const problem = passwordProblem(password);
      if (problem) ctx.addIssue({ code: "custom", message: passwordProblemInEnglish[problem] });
    })
    .optional(),
  /** Demo people and agreements only when asked for: an empty production database must not get known logins. */
  SEED_DEMO: booleanFlag.default(false),
  /** How long a live document stays in memory after its last client left (milliseconds). */
  COLLAB_UNLOAD_GRACE_MS: z.coerce.number({ error: "must be a number" }).int().min(0).max(3_600_000).default(30_000),
  /** How often open editors and event streams check that their session has not expired (milliseconds). */
  SESSION_CHECK_INTERVAL_MS: z.coerce.number({ error: "must be a number" }).int().min(100).max(3_600_000).default(30_000),
  /** How often the automatic daily versions of lägesbilder and åtgärdsplaner are looked for (milliseconds); at most one a day each. */
  DAILY_VERSION_INTERVAL_MS: z.coerce.number({ error: "must be a number" }).int().min(1000).max(86_400_000).default(3_600_000),
  /** Time budget of one protocol PDF render (milliseconds); a render that takes longer is stopped with an error. */
  PROTOCOL_RENDER_TIMEOUT_MS: z.coerce.number({ error: "must be a number" }).int().min(100).max(600_000).default(10_000),
  /** Largest stored size of one live document (snapshot plus update log, bytes); updates adding content beyond it are refused. */
  COLLAB_MAX_DOCUMENT_BYTES: z.coerce
    .number({ error: "must be a number" })
    .int()
    .min(64 * 1024)
    .max(1024 * 1024 * 1024)
    .default(8 * 1024 * 1024),
  /**
   * How a live document's update is stored before it is relayed: "process" commits it to the WAL
   * without waiting for the disk (a flush thread syncs within milliseconds; survives any crash of the
   * process), "full" waits for the fsync (survives a power cut with no window).
   */
  COLLAB_DURABILITY: z.enum(["process", "full"], { error: "must be process or full" }).default("process"),
});

/** The schema plus the rules between variables; DEMO_PASSWORD falls back to the published default only outside production. */
const CheckedEnvSchema = EnvSchema.superRefine((env, ctx) => {
  if (env.NODE_ENV === "production" && env.SEED_DEMO && env.DEMO_PASSWORD === undefined) {
    ctx.addIssue({
      code: "custom",
      path: ["SEED_DEMO"],
      message: `demo data in production needs its own DEMO_PASSWORD (the default "${DEFAULT_DEMO_PASSWORD}" is published); use \`npm run demo\` to try the app`,
    });
  }
  if (env.SMTP_URL !== undefined && env.MAIL_FROM === undefined) {
    ctx.addIssue({ code: "custom", path: ["MAIL_FROM"], message: "must be set when SMTP_URL is set, e.g. Samverkan <noreply@samverkan.example.se>" });
  }
  env.OIDC_PROVIDERS?.forEach((provider, index) => {
    const problem = oidcIssuerProblem(provider.issuer, env.NODE_ENV === "production");
    if (problem) ctx.addIssue({ code: "custom", path: ["OIDC_PROVIDERS", index, "issuer"], message: problem });
  });
  if (env.FILE_STORE === "s3") {
    for (const name of s3Variables) {
      if (env[name] === undefined) ctx.addIssue({ code: "custom", path: [name], message: "must be set when FILE_STORE=s3" });
    }
  }
}).transform((env) => ({
  ...env,
  DEMO_PASSWORD: env.DEMO_PASSWORD ?? DEFAULT_DEMO_PASSWORD,
  FILES_PATH: env.FILES_PATH ?? defaultFilesPath(env.DATABASE_PATH),
  OIDC_PROVIDERS: env.OIDC_PROVIDERS ?? [],
}));

const s3Variables = ["S3_ENDPOINT", "S3_BUCKET", "S3_REGION", "S3_ACCESS_KEY_ID", "S3_SECRET_ACCESS_KEY"] as const;

/** Files sit next to the database so that one folder holds everything a backup must copy. */
export function defaultFilesPath(databasePath: string): string {
  return join(dirname(databasePath), "filer");
}

export type Env = z.infer<typeof CheckedEnvSchema>;

/** Parses the environment or returns a readable list of what is wrong. */
export function parseEnv(source: NodeJS.ProcessEnv): { ok: true; env: Env } | { ok: false; message: string } {
  // An empty value is treated as unset, as shells and .env files often produce them.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const result = CheckedEnvSchema.safeParse(cleaned);
  if (result.success) return { ok: true, env: result.data };
  const lines = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
  return { ok: false, message: `Invalid environment:\n${lines.join("\n")}` };
}
