import { z } from "zod";

/** One identity provider (OpenID Connect) people may sign in with: the city's, the police's … */
export interface OidcProvider {
  /** Short slug in URLs (/login/oidc/<id>) and in the audit log. */
  id: string;
  /** Shown on the login button: "Logga in med <name>". */
  name: string;
  /** The issuer identifier exactly as the provider's discovery document states it. */
  issuer: string;
  clientId: string;
  clientSecret: string;
}

const loopbackHosts = new Set(["127.0.0.1", "localhost", "[::1]"]);

/** A provider on this machine (a test or development provider): plain http is allowed for it outside production. */
export function isLoopbackIssuer(issuer: string): boolean {
  return URL.canParse(issuer) && loopbackHosts.has(new URL(issuer).hostname);
}

const ProviderSchema = z.object(
  {
    id: z.string({ error: "must be a string" }).regex(/^[a-z0-9][a-z0-9-]{0,31}$/, { error: "must be a short slug: a–z, 0–9 and -, at most 32 characters" }),
    name: z.string({ error: "must be a string" }).trim().min(1, { error: "must not be empty (it is shown on the login button)" }).max(80),
    issuer: z.string({ error: "must be a string" }).refine(
      (value) => {
        const url = URL.canParse(value) ? new URL(value) : null;
        return url !== null && /^https?:$/.test(url.protocol) && !url.search && !url.hash && !url.username;
      },
      { error: "must be the provider's issuer URL such as https://login.example.se (no query or fragment)" },
    ),
    clientId: z.string({ error: "must be a string" }).min(1, { error: "must not be empty" }),
    clientSecret: z.string({ error: "must be a string" }).min(1, { error: "must not be empty" }),
  },
  { error: "must be an object with id, name, issuer, clientId and clientSecret" },
);

/**
 * OIDC_PROVIDERS: a JSON array of providers. The JSON and every field are checked here; whether
 * plain http is allowed depends on NODE_ENV and is checked with the other rules between variables
 * (`oidcIssuerProblem`).
 */
export const OidcProvidersSchema = z
  .string()
  .transform((value, ctx) => {
    try {
      return JSON.parse(value) as unknown;
    } catch {
      ctx.addIssue({
        code: "custom",
        message: 'must be a JSON array such as [{"id":"stad","name":"Stockholms stad","issuer":"https://…","clientId":"…","clientSecret":"…"}]',
      });
      return z.NEVER;
    }
  })
  .pipe(
    z.array(ProviderSchema, { error: "must be a JSON array of providers" }).superRefine((providers, ctx) => {
      const seen = new Set<string>();
      providers.forEach((provider, index) => {
        if (seen.has(provider.id))
          ctx.addIssue({ code: "custom", path: [index, "id"], message: `"${provider.id}" is used by two providers; ids must be unique` });
        seen.add(provider.id);
      });
    }),
  );

/** Why an issuer may not be used under NODE_ENV, or null: https always; http only on this machine outside production. */
export function oidcIssuerProblem(issuer: string, production: boolean): string | null {
  // Not a URL at all: the field's own check says so.
  if (!URL.canParse(issuer) || new URL(issuer).protocol === "https:") return null;
  if (production) return "must be an https URL in production";
  return isLoopbackIssuer(issuer) ? null : "must be an https URL (plain http only for 127.0.0.1 or localhost, outside production)";
}

/** The providers the server validated at start, and whether plain http to a loopback issuer is allowed (not in production). */
export interface OidcSettings {
  providers: OidcProvider[];
  allowLoopbackHttp: boolean;
}

// On globalThis, as the Remix bundle has its own copy of this module (and its compiler fixes
// process.env.NODE_ENV to "production" in it): the server registers, the bundle reads.
const settingsKey = "__samverkanOidcSettings";
type WithSettings = typeof globalThis & { [settingsKey]?: OidcSettings };

export function registerOidcSettings(settings: OidcSettings): void {
  (globalThis as WithSettings)[settingsKey] = settings;
}

/** The registered settings; none when the server registered none (no OIDC_PROVIDERS, or a test calling routes directly). */
export function oidcSettings(): OidcSettings {
  return (globalThis as WithSettings)[settingsKey] ?? { providers: [], allowLoopbackHttp: false };
}
