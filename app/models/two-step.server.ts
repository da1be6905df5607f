import { getDb } from "../../db/client";
import { dummyPasswordHash, verifyPassword } from "../../db/password";
import { ConflictError, ForbiddenError } from "../../db/queries/errors";
import { ownPasswordHash } from "../../db/queries/people";
import type { Viewer } from "../../db/queries/sessions";
import * as totp from "../../db/queries/totp";
import { throttledMessage } from "../utils/throttle-message";
import { withLoginThrottle } from "./auth.server";
import { enrolmentView } from "./sign-in.server";

/**
 * Two-step verification on "Mitt konto": the viewer's own authenticator app and recovery codes. Every
 * verb acts on the viewer alone; those that need a code or the password check it under the login throttle.
 */

/** The section's state; during enrolment also the QR code and the secret. */
export async function ownTwoStep(viewer: Viewer, isAdmin: boolean) {
  const state = totp.getTotpState(getDb(), viewer.id);
  return {
    status: state.status,
    confirmedAt: state.confirmedAt,
    recoveryCodesLeft: state.recoveryCodesLeft,
    // An administrator's session may not count as one (no second factor yet); the account still is one.
    mustKeep: isAdmin,
    enrolment: state.pendingSecret ? await enrolmentView(state.pendingSecret, viewer.email) : null,
  };
}

export interface TwoStepResult {
  fieldErrors: Record<string, string | undefined>;
  message?: string;
  recoveryCodes?: string[];
}

interface Caller {
  viewer: Viewer;
  address: string;
  deviceToken: string | null;
}

/** Runs a verb that checks a code or the password; a refusal becomes the message next to `field`. */
async function guarded(caller: Caller, field: string, verb: () => TwoStepResult | Promise<TwoStepResult>): Promise<TwoStepResult> {
  try {
    const result = await withLoginThrottle(
      { personId: caller.viewer.id, email: caller.viewer.email, address: caller.address, deviceToken: caller.deviceToken },
      verb,
    );
    return result.ok ? result.value : { fieldErrors: { [field]: throttledMessage(result.retryAfterMs) } };
  } catch (error) {
    if (error instanceof ConflictError) return { fieldErrors: { [error.field ?? field]: error.message } };
    if (error instanceof ForbiddenError) return { fieldErrors: { [field]: error.message } };
    throw error;
  }
}

const text = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
};

/** The section's posts on /mitt-konto, by intent; null for an intent that is not the section's. */
export async function handleTwoStepAction(intent: string, form: FormData, caller: Caller): Promise<TwoStepResult | null> {
  const db = getDb();
  const id = caller.viewer.id;
  switch (intent) {
    case "totp-start":
      // With an app already on, starting anew replaces it and needs a code from it.
      return guarded(caller, "code", () => {
        totp.startTotpEnrolment(db, id, { currentCode: text(form, "code") });
        return { fieldErrors: {} };
      });
    case "totp-cancel":
      totp.cancelTotpEnrolment(db, id);
      return { fieldErrors: {}, message: "Aktiveringen är avbruten." };
    case "totp-confirm":
      return guarded(caller, "code", () => ({
        fieldErrors: {},
        message: "Tvåstegsverifieringen är aktiverad. Nästa gång du loggar in frågar vi efter en kod från appen.",
        recoveryCodes: totp.confirmTotpEnrolment(db, id, text(form, "code")),
      }));
    case "totp-regenerate":
      return guarded(caller, "code", () => ({
        fieldErrors: {},
        message: "Nya återställningskoder är skapade. De tidigare fungerar inte längre.",
        recoveryCodes: totp.regenerateRecoveryCodes(db, id, text(form, "code")),
      }));
    case "totp-off":
      return guarded(caller, "code", async () => {
        const code = text(form, "code").trim();
        if (code) totp.turnOffTotp(db, id, { code });
        else {
          const hash = ownPasswordHash(db, caller.viewer);
          const matches = await verifyPassword(hash ?? (await dummyPasswordHash()), text(form, "password"));
          if (!hash || !matches) throw new ConflictError("Lösenordet stämmer inte. Ange en kod från appen eller ditt lösenord.", "password");
          totp.turnOffTotp(db, id, { passwordChecked: true });
        }
        return { fieldErrors: {}, message: "Tvåstegsverifieringen är avstängd. Du loggar in med bara lösenordet." };
      });
    default:
      return null;
  }
}
