import type { MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { SetPasswordPage } from "~/components/account/set-password-page";
import { linkPageAction, linkPageLoader } from "~/models/account-links.server";

export const meta: MetaFunction = () => [{ title: "Välj ett nytt lösenord – Samverkan" }];

export const loader = linkPageLoader("reset");
export const action = linkPageAction("reset");

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
