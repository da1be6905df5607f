import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { PhoneForm, type PhoneResult } from "~/components/account/phone-form";
import { Breadcrumbs } from "~/components/ui/breadcrumbs";
import { contactsQueries, db } from "~/models/db.server";
import { fieldErrorsFrom } from "~/models/domain-errors.server";
import { requireViewer } from "~/utils/session.server";

export const meta: MetaFunction = () => [{ title: "Telefon – Mitt konto – Samverkan" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request);
  return { phone: contactsQueries.ownPhone(db(), viewer) };
}

/** The viewer's own work phone (the form on Mitt konto posts here). */
export async function action({ request }: ActionFunctionArgs): Promise<PhoneResult> {
  const viewer = await requireViewer(request);
  const phone = (await request.formData()).get("phone");
  try {
    const stored = contactsQueries.setOwnPhone(db(), viewer, typeof phone === "string" ? phone : "");
    return { ok: true, message: stored ? `Telefonnumret ${stored} är sparat.` : "Telefonnumret är borttaget." };
  } catch (error) {
    const errors = fieldErrorsFrom(error);
    return { ok: false, error: errors.phone ?? errors.form ?? "Telefonnumret kunde inte sparas." };
  }
}

export default function OwnPhonePage() {
  const { phone } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div className="page">
      <Breadcrumbs trail={[{ to: "/mitt-konto", label: "Mitt konto" }]} current="Telefon" />
      <h1>Mitt telefonnummer</h1>
      <PhoneForm phone={phone} pageResult={result} />
    </div>
  );
}
