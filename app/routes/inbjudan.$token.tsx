import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { SetPasswordPage } from "~/components/account/set-password-page";
import { linkPageAction, linkPageLoader } from "~/models/account-links.server";

export const meta: MetaFunction = () => [{ title: "Välkommen till Samverkan" }];

export function loader(args: LoaderFunctionArgs) {
  return linkPageLoader("invite", args);
}

export function action(args: ActionFunctionArgs) {
  return linkPageAction("invite", args);
}

export default function AcceptInvitation() {
  return (
    <SetPasswordPage
      heading="Välkommen till Samverkan"
      intro="Välj ditt lösenord. Sedan loggar du in med din e-postadress och lösenordet."
      unusable={<p>Be den administratör som bjöd in dig om en ny inbjudan.</p>}
    />
  );
}
