import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import type { AccountTokenPurpose } from "../../db/domain/enums";
import { db } from "./db.server";
import { accountQueries, setPasswordByLink } from "./accounts.server";
import { fieldErrorsFrom } from "./domain-errors.server";

/**
 * The pages behind the one-time links (/aterstall/<token>, /inbjudan/<token>). Opening one (GET)
 * changes nothing and logs nobody in: mail scanners open links too. Only the POST with the new
 * password uses the token; then the person logs in as usual.
 */
export function linkPageLoader(purpose: AccountTokenPurpose, { params }: LoaderFunctionArgs) {
  const found = accountQueries.findAccountToken(db(), params.token ?? "", purpose);
  return { person: found ? { name: found.name, email: found.email } : null };
}

export async function linkPageAction(purpose: AccountTokenPurpose, { request, params }: ActionFunctionArgs) {
  const password = (await request.formData()).get("password");
  try {
    const { email } = await setPasswordByLink(params.token ?? "", purpose, typeof password === "string" ? password : "");
    return { done: true as const, email, fieldErrors: {} };
  } catch (error) {
    return { done: false as const, email: null, fieldErrors: fieldErrorsFrom(error) };
  }
}
