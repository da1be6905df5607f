import { createHash, randomBytes } from "node:crypto";
import { and, eq, gt, lte } from "drizzle-orm";
import { type Db, writeTransaction } from "../client";
import type { LoginChallengePurpose } from "../domain/enums";
import type { SecondFactor } from "../domain/totp";
import { loginChallenges, people } from "../schema";
import { nowIso } from "../time";
import { ConflictError } from "./errors";
import { acceptSecondFactor, confirmTotpInTransaction } from "./totp";

/**
 * The half-way state of a login (see db/schema/sign-in.ts): the first factor is verified, the second is
 * due. The browser holds the token in a short-lived cookie; only its SHA-256 is stored. A challenge lives
 * five minutes and takes five wrong codes; then it is gone and the login starts over with the password,
 * which the login throttle slows down.
 */
export const LOGIN_CHALLENGE_TTL_MS = 5 * 60 * 1000;
export const LOGIN_CHALLENGE_MAX_ATTEMPTS = 5;

export function loginChallengeHash(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export interface NewLoginChallenge {
  personId: number;
  purpose: LoginChallengePurpose;
  /** "password" or "oidc:<provider>". */
  firstFactor: string;
  returnTo: string | null;
}

/** Starts a challenge and returns the token for its cookie. */
export function createLoginChallenge(db: Db, input: NewLoginChallenge, now = new Date()): string {
  const token = randomBytes(32).toString("base64url");
  writeTransaction(db, (tx) => {
    // Logins are rare enough to sweep out the challenges nobody finished here.
    tx.delete(loginChallenges)
      .where(lte(loginChallenges.expiresAt, nowIso(now)))
      .run();
    tx.insert(loginChallenges)
      .values({
        tokenHash: loginChallengeHash(token),
        ...input,
        createdAt: nowIso(now),
        expiresAt: nowIso(new Date(now.getTime() + LOGIN_CHALLENGE_TTL_MS)),
      })
      .run();
  });
  return token;
}

/** A live challenge of this purpose with its person (active accounts only), or null. */
export function findLoginChallenge(db: Db, token: string, purpose: LoginChallengePurpose, now = new Date()) {
  return (
    db
      .select({
        personId: loginChallenges.personId,
        firstFactor: loginChallenges.firstFactor,
        returnTo: loginChallenges.returnTo,
        attempts: loginChallenges.attempts,
        email: people.email,
        name: people.name,
      })
      .from(loginChallenges)
      .innerJoin(people, eq(people.id, loginChallenges.personId))
      .where(
        and(
          eq(loginChallenges.tokenHash, loginChallengeHash(token)),
          eq(loginChallenges.purpose, purpose),
          gt(loginChallenges.expiresAt, nowIso(now)),
          eq(people.active, true),
        ),
      )
      .get() ?? null
  );
}

/** A met challenge: who logged in, how, and where they were going. */
export interface MetChallenge {
  personId: number;
  firstFactor: string;
  returnTo: string | null;
}

export type ChallengeOutcome<T> =
  | { ok: true; met: MetChallenge; value: T }
  | { ok: false; reason: "gone" }
  | { ok: false; reason: "wrong"; field: string; message: string; attemptsLeft: number };

/**
 * Runs `check` for a live challenge in one write transaction. Success deletes the challenge (it works
 * once); a ConflictError from `check` counts an attempt, and the last allowed one deletes the challenge.
 */
function answerChallenge<T>(db: Db, token: string, purpose: LoginChallengePurpose, now: Date, check: (tx: Db, personId: number) => T): ChallengeOutcome<T> {
  return writeTransaction(db, (tx) => {
    const challenge = findLoginChallenge(tx, token, purpose, now);
    if (!challenge || challenge.attempts >= LOGIN_CHALLENGE_MAX_ATTEMPTS) return { ok: false, reason: "gone" } as const;
    const where = eq(loginChallenges.tokenHash, loginChallengeHash(token));
    let value: T;
    try {
      // A savepoint: a refused check leaves nothing behind, while the attempt below is still counted.
      value = tx.transaction((inner) => check(Object.assign(inner, { $client: tx.$client }) as unknown as Db, challenge.personId));
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      const attempts = challenge.attempts + 1;
      if (attempts >= LOGIN_CHALLENGE_MAX_ATTEMPTS) {
        tx.delete(loginChallenges).where(where).run();
        return { ok: false, reason: "gone" } as const;
      }
      tx.update(loginChallenges).set({ attempts }).where(where).run();
      return {
        ok: false,
        reason: "wrong",
        field: error.field ?? "code",
        message: error.message,
        attemptsLeft: LOGIN_CHALLENGE_MAX_ATTEMPTS - attempts,
      } as const;
    }
    tx.delete(loginChallenges).where(where).run();
    return { ok: true, met: { personId: challenge.personId, firstFactor: challenge.firstFactor, returnTo: challenge.returnTo }, value } as const;
  });
}

/** The second step of a login with a confirmed app: its code or a recovery code. */
export function answerMfaChallenge(db: Db, token: string, answer: { kind: SecondFactor; code: string }, now = new Date()): ChallengeOutcome<SecondFactor> {
  return answerChallenge(db, token, "mfa", now, (tx, personId) => {
    acceptSecondFactor(tx, personId, answer, now);
    return answer.kind;
  });
}

/** An administrator's first code from the app set up during login: confirms it and returns the new recovery codes. */
export function answerEnrolmentChallenge(db: Db, token: string, code: string, now = new Date()): ChallengeOutcome<string[]> {
  return answerChallenge(db, token, "mfa_enrol", now, (tx, personId) => confirmTotpInTransaction(tx, personId, code, now));
}
