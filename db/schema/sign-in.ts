import { sqliteTable, text, integer, index, uniqueIndex } from "drizzle-orm/sqlite-core";
import { loginChallengePurposes } from "../domain/enums";
import { people } from "./people";

/**
 * A person's authenticator app (TOTP, RFC 6238). `confirmed_at` is null while enrolling: the factor only
 * counts once the person has typed one code from it. `last_used_step` is the 30-second step of the last
 * accepted code, so a code seen over a shoulder cannot be used a second time.
 */
export const totpFactors = sqliteTable("totp_factors", {
  personId: integer("person_id")
    .primaryKey()
    .references(() => people.id),
  /** The shared secret, base32. */
  secret: text("secret").notNull(),
  createdAt: text("created_at").notNull(),
  confirmedAt: text("confirmed_at"),
  lastUsedStep: integer("last_used_step"),
});

/** One-time recovery codes for when the authenticator is lost; only their SHA-256 is stored. */
export const recoveryCodes = sqliteTable(
  "recovery_codes",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    personId: integer("person_id")
      .notNull()
      .references(() => people.id),
    codeHash: text("code_hash").notNull(),
    createdAt: text("created_at").notNull(),
    usedAt: text("used_at"),
  },
  (t) => [index("recovery_codes_person").on(t.personId)],
);

/**
 * The half-way state of a login: the first factor (password or identity provider) is verified and the
 * second is still due ("mfa": type a code; "mfa_enrol": an administrator without an authenticator sets one
 * up first). The browser holds a random token in a short-lived cookie; we store its SHA-256. No session
 * exists until the challenge is met.
 */
export const loginChallenges = sqliteTable(
  "login_challenges",
  {
    tokenHash: text("token_hash").primaryKey(),
    personId: integer("person_id")
      .notNull()
      .references(() => people.id),
    purpose: text("purpose", { enum: loginChallengePurposes }).notNull(),
    /** How the first factor was verified: "password" or "oidc:<provider id>". */
    firstFactor: text("first_factor").notNull(),
    /** Where to go after login (a path inside the app). */
    returnTo: text("return_to"),
    attempts: integer("attempts").notNull().default(0),
    createdAt: text("created_at").notNull(),
    expiresAt: text("expires_at").notNull(),
  },
  (t) => [index("login_challenges_person").on(t.personId)],
);

/** A person's account at an OpenID Connect provider: the verified (issuer, subject) pair maps to one person. */
export const personIdentities = sqliteTable(
  "person_identities",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    personId: integer("person_id")
      .notNull()
      .references(() => people.id),
    /** The configured provider's id (OIDC_PROVIDERS). */
    provider: text("provider").notNull(),
    issuer: text("issuer").notNull(),
    subject: text("subject").notNull(),
    createdAt: text("created_at").notNull(),
    lastLoginAt: text("last_login_at"),
  },
  (t) => [uniqueIndex("person_identities_issuer_subject").on(t.issuer, t.subject), index("person_identities_person").on(t.personId)],
);

/**
 * An OpenID Connect login on its way: state, nonce and PKCE verifier, kept server-side so the callback can
 * be matched once (used_at) and never replayed. The state is the key; only its SHA-256 is stored.
 */
export const oidcLoginStates = sqliteTable("oidc_login_states", {
  stateHash: text("state_hash").primaryKey(),
  provider: text("provider").notNull(),
  nonce: text("nonce").notNull(),
  codeVerifier: text("code_verifier").notNull(),
  returnTo: text("return_to"),
  createdAt: text("created_at").notNull(),
  expiresAt: text("expires_at").notNull(),
  usedAt: text("used_at"),
});
