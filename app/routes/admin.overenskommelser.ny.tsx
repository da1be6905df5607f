import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { AgreementFields, newAgreementValues } from "~/components/admin/agreement-fields";
import { Breadcrumbs } from "~/components/ui/breadcrumbs";
import { adminQueries } from "~/models/admin.server";
import { parseAgreementForm } from "~/models/agreement-admin.server";
import { db } from "~/models/db.server";
import { requireAdmin } from "~/utils/session.server";

export const meta: MetaFunction = () => [{ title: "Lägg in överenskommelse – Administration – Samverkan" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireAdmin(request);
  return { cityWide: adminQueries.listCityWideAgreements(db(), viewer) };
}

export async function action({ request }: ActionFunctionArgs) {
  const viewer = await requireAdmin(request);
  const result = await parseAgreementForm(request, (input) => adminQueries.createAgreement(db(), viewer, input));
  return "fieldErrors" in result ? result : redirect(`/admin/overenskommelser/${result.value}`);
}

export default function NewAgreement() {
  const { cityWide } = useLoaderData<typeof loader>();
  const errors: Record<string, string | undefined> = useActionData<typeof action>()?.fieldErrors ?? {};
  return (
    <div className="page">
      <Breadcrumbs
        trail={[
          { to: "/admin", label: "Administration" },
          { to: "/admin/overenskommelser", label: "Överenskommelser" },
        ]}
        current="Lägg in överenskommelse"
      />
      <h1>Lägg in överenskommelse</h1>
      <p>Parter, undertecknare, bilagor och prioriterade områden läggs till på överenskommelsens sida när den är sparad.</p>
      <Form method="post" className="stack" noValidate>
        <AgreementFields cityWide={cityWide} values={newAgreementValues(cityWide.length > 0)} errors={errors} />
        <div>
          <button type="submit" className="button">
            Spara överenskommelsen
          </button>
        </div>
      </Form>
    </div>
  );
}
