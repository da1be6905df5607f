import { data, redirect } from "@remix-run/node";
import QRCode from "qrcode";
import { getDb } from "../../db/client";
import { authMethodOf, groupedSecret, type SecondFactor } from "../../db/domain/totp";
import * as challenges from "../../db/queries/login-challenges";
import { pendingTotpSecret, secondStepDue } from "../../db/queries/totp";
import { totpUri } from "../../db/totp";
import { knownDeviceCookie, loginChallengeCookie, readKnownDeviceToken, readLoginChallengeToken } from "../../server/http/session-cookie";
import { withLoginThrottle } from "./auth.server";
import { safeRedirectTarget, sessionHeaders, startSession } from "../utils/session.server";
import { throttledMessage } from "../utils/throttle-message";

/**
 * Where every first factor (a password, an identity provider's callback) ends: the session opens at once,
 * or a login challenge asks for the second factor first (Decision NN).
 */
export type FirstFactor = "password" | `oidc:${string}`;

const stepPaths = { mfa: "/login/kod", mfa_enrol: "/login/aktivera-kod" } as const;

export async function finishFirstFactor(
  request: Request,
  input: { personId: number; firstFactor: FirstFactor; redirectTo: string; deviceToken: string | null },
): Promise<Response> {
  const db = getDb();
  const due = secondStepDue(db, input.personId);
  if (!due) return startSession(request, input.personId, input.redirectTo, input.deviceToken, input.firstFactor);
  const token = challenges.createLoginChallenge(db, { personId: input.personId, purpose: due, firstFactor: input.firstFactor, returnTo: input.redirectTo });
  const headers = new Headers();
  headers.append("Set-Cookie", await loginChallengeCookie().serialize(token));
  // The first factor was right: the browser is a known device of the account already (its throttle scope).
  if (input.deviceToken) headers.append("Set-Cookie", await knownDeviceCookie().serialize(input.deviceToken));
  return redirect(stepPaths[due], { headers });
}

/** The login challenge of this step the request's cookie names, with its token; null when there is none (expired, used up). */
export async function currentChallenge(request: Request, purpose: keyof typeof stepPaths) {
  const token = await readLoginChallengeToken(request);
  const challenge = token ? challenges.findLoginChallenge(getDb(), token, purpose) : null;
  return challenge && token ? { ...challenge, token } : null;
}

/** What the enrolment pages show: the QR code (a data URL, no third party sees the secret) and the secret to type. */
export async function enrolmentView(secret: string, email: string) {
  return { qrCode: await QRCode.toDataURL(totpUri(secret, email), { margin: 2, width: 220 }), secret: groupedSecret(secret) };
}

/** The administrator's enrolment during login: the same pending secret on every visit. */
export async function loginEnrolmentView(request: Request) {
  const challenge = await currentChallenge(request, "mfa_enrol");
  if (!challenge) return null;
  return { email: challenge.email, ...(await enrolmentView(pendingTotpSecret(getDb(), challenge.personId), challenge.email)) };
}

/** What a second-step page gets back from its post (besides the redirect of a met challenge). */
export type StepResult = { gone: true } | { gone: false; fieldErrors: Record<string, string> };
export type EnrolmentStepResult = StepResult | { gone: false; recoveryCodes: string[]; continueTo: string };

/** A code typed at login counts like a password in the login throttle: a wrong one is a failed login of the account. */
async function answerUnderThrottle<T>(
  request: Request,
  address: string,
  challenge: { personId: number; email: string },
  answer: () => challenges.ChallengeOutcome<T>,
): Promise<challenges.ChallengeOutcome<T> | { ok: false; reason: "throttled"; retryAfterMs: number }> {
  const who = { personId: challenge.personId, email: challenge.email, address, deviceToken: await readKnownDeviceToken(request) };
  const throttled = await withLoginThrottle(who, answer, (outcome) => outcome.ok);
  return throttled.ok ? throttled.value : { ok: false, reason: "throttled", retryAfterMs: throttled.retryAfterMs };
}

function attemptsLeftText(left: number): string {
  return left === 1 ? "Du har ett försök kvar." : `Du har ${left} försök kvar.`;
}

/** The failed outcome of a step, for the page: gone (start over) or the message next to the field. */
async function failedStep(
  outcome: { ok: false } & (
    { reason: "gone" } | { reason: "throttled"; retryAfterMs: number } | { reason: "wrong"; field: string; message: string; attemptsLeft: number }
  ),
  field: string,
) {
  if (outcome.reason === "gone")
    return data<StepResult>({ gone: true }, { headers: { "Set-Cookie": await loginChallengeCookie().serialize("", { maxAge: 0 }) } });
  if (outcome.reason === "throttled") return data<StepResult>({ gone: false, fieldErrors: { [field]: throttledMessage(outcome.retryAfterMs) } });
  return data<StepResult>({ gone: false, fieldErrors: { [outcome.field]: `${outcome.message} ${attemptsLeftText(outcome.attemptsLeft)}` } });
}

/** The session's cookies after a met challenge; the challenge cookie goes. */
async function metHeaders(request: Request, met: challenges.MetChallenge, secondFactor: SecondFactor): Promise<Headers> {
  const headers = await sessionHeaders(request, met.personId, authMethodOf(met.firstFactor, secondFactor));
  headers.append("Set-Cookie", await loginChallengeCookie().serialize("", { maxAge: 0 }));
  return headers;
}

/** /login/kod: the app's code or a recovery code; on success the session opens and the login goes on. */
export async function answerCodeStep(request: Request, address: string, answer: { kind: SecondFactor; code: string }) {
  const challenge = await currentChallenge(request, "mfa");
  if (!challenge) return failedStep({ ok: false, reason: "gone" }, "code");
  const field = answer.kind === "totp" ? "code" : "recoveryCode";
  const outcome = await answerUnderThrottle(request, address, challenge, () => challenges.answerMfaChallenge(getDb(), challenge.token, answer));
  if (!outcome.ok) return failedStep(outcome, field);
  return redirect(safeRedirectTarget(outcome.met.returnTo), { headers: await metHeaders(request, outcome.met, outcome.value) });
}

/**
 * /login/aktivera-kod: the first code from the new app confirms it; the session opens in the same answer,
 * which shows the recovery codes once before the person goes on.
 */
export async function answerEnrolmentStep(request: Request, address: string, code: string) {
  const challenge = await currentChallenge(request, "mfa_enrol");
  if (!challenge) return failedStep({ ok: false, reason: "gone" }, "code");
  const outcome = await answerUnderThrottle(request, address, challenge, () => challenges.answerEnrolmentChallenge(getDb(), challenge.token, code));
  if (!outcome.ok) return failedStep(outcome, "code");
  return data<EnrolmentStepResult>(
    { gone: false, recoveryCodes: outcome.value, continueTo: safeRedirectTarget(outcome.met.returnTo) },
    { headers: await metHeaders(request, outcome.met, "totp") },
  );
}
