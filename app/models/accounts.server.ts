import { getDb } from "../../db/client";
import type { AccountTokenPurpose } from "../../db/domain/enums";
import { hashPassword } from "../../db/password";
import * as accountTokens from "../../db/queries/account-tokens";
import { ConflictError } from "../../db/queries/errors";
import * as people from "../../db/queries/people";
import * as sessions from "../../db/queries/sessions";
import { mailOrigin as linkOrigin } from "../../db/queries/notify";
import { passwordFieldError } from "./people.server";

/**
 * Self-service accounts: "Mitt konto" (the viewer's own data and sessions), forgotten password
 * and invitations by one-time link. The viewer-scoped verbs take the viewer; the link verbs are
 * keyed by the token the request holds.
 */
export const accountQueries = {
  getOwnAccount: people.getOwnAccount,
  updateOwnProfile: people.updateOwnProfile,
  listOwnSessions: sessions.listOwnSessions,
  endOwnSessions: sessions.endOwnSessions,
  findAccountToken: accountTokens.findAccountToken,
  latestInvitation: accountTokens.latestInvitation,
};

/** "Forgot password": queues a link if the address belongs to an active account; the answer never says whether it does. */
export function requestPasswordReset(email: string, address: string): accountTokens.ResetRequestResult {
  return accountTokens.requestPasswordReset(getDb(), { email, address, origin: linkOrigin() });
}

/** An administrator sends a person an invitation link. */
export function invitePerson(viewer: sessions.Viewer, personId: number): void {
  accountTokens.invitePerson(getDb(), viewer, personId, linkOrigin());
}

/** An administrator adds a person without a password, who is invited to choose one. */
export function createPersonAndInvite(viewer: sessions.Viewer, person: Omit<people.NewPerson, "passwordHash">): number {
  return accountTokens.createPersonWithInvitation(getDb(), viewer, person, linkOrigin());
}

/** Sets the password chosen on a reset or invitation link's page; returns the e-mail address to log in with. */
export async function setPasswordByLink(token: string, purpose: AccountTokenPurpose, password: string): Promise<{ email: string }> {
  const passwordError = passwordFieldError(password);
  if (passwordError) throw new ConflictError(passwordError, "password");
  return accountTokens.redeemAccountToken(getDb(), { token, purpose, passwordHash: await hashPassword(password) });
}
