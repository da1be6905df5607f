import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { SetPasswordPage } from "~/components/account/set-password-page";
import { linkPageAction, linkPageLoader } from "~/models/account-links.server";

export const meta: MetaFunction = () => [{ title: "Välj ett nytt lösenord – Samverkan" }];

export function loader(args: LoaderFunctionArgs) {
  return linkPageLoader("reset", args);
}

export function action(args: ActionFunctionArgs) {
  return linkPageAction("reset", args);
}

export default function ResetPassword() {
  return (
    <SetPasswordPage
      heading="Välj ett nytt lösenord"
      intro="När du har sparat det nya lösenordet loggas du ut överallt och loggar in med det."
      unusable={
        <p>
          <Link to="/glomt-losenord">Be om en ny länk</Link>
        </p>
      }
    />
  );
}
