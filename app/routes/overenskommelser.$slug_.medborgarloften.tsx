import { data, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { PromiseEntry } from "~/components/promises/promise-register";
import { Breadcrumbs } from "~/components/ui/breadcrumbs";
import { FormResult } from "~/components/ui/form-result";
import { citizenPromisesQueries, db, type Viewer } from "~/models/db.server";
import { handleCitizenPromiseAction, registerYear, type PromiseActionResult } from "~/models/citizen-promises.server";
import planStylesHref from "~/styles/plan.css";
import { notFound, requireParam } from "~/utils/http.server";
import { requireViewer } from "~/utils/session.server";
import { SlugSchema } from "~/utils/validation";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: planStylesHref }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Medborgarlöften ${data.year} – ${data.agreement.title} – Samverkan` : "Medborgarlöften – Samverkan" },
];

/** The register of the year in `?ar=` (this year when absent); one 404 for a bad year and for whoever may not read it. */
function registerFor(viewer: Viewer, request: Request, slug: string | undefined) {
  const year = registerYear(new URL(request.url).searchParams.get("ar"));
  if (year === null) throw notFound();
  const register = citizenPromisesQueries.getCitizenPromiseRegister(db(), viewer, requireParam(SlugSchema, slug), year);
  if (!register) throw notFound();
  return register;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request);
  return registerFor(viewer, request, params.slug);
}

/** The styrgrupp's posts; a viewer who may not read the register gets the one 404 and nothing is stored. */
export async function action({ request, params }: ActionFunctionArgs) {
  const viewer = await requireViewer(request);
  registerFor(viewer, request, params.slug);
  return data(handleCitizenPromiseAction(viewer, await request.formData()));
}

/** What the activity forms do not show next to a field: a refusal of no form, or of a follow-up report (its fields are choices). */
function pageRefusal({ target, fieldErrors }: { target: string | null; fieldErrors: Record<string, string | undefined> }): string | undefined {
  return target === null ? fieldErrors.form : (fieldErrors.status ?? fieldErrors.rag ?? fieldErrors.comment);
}

export default function CitizenPromisesPage() {
  const { agreement, steering, year, years, mayEdit, promises, people } = useLoaderData<typeof loader>();
  const result = useActionData<PromiseActionResult>();
  const state = result && !result.ok ? { target: result.target, errors: result.fieldErrors } : { target: null, errors: {} };
  return (
    <div className="page">
      <Breadcrumbs
        trail={[
          { to: "/", label: "Mina grupper" },
          { to: `/overenskommelser/${agreement.slug}`, label: agreement.title },
        ]}
        current={`Medborgarlöften ${year}`}
      />
      <h1>Medborgarlöften {year}</h1>
      <p className="lead">
        Medborgarlöftena som {steering ? steering.name : "den lokala styrgruppen"} har beslutat, med aktiviteterna under varje löfte och hur de följs upp vid
        styrgruppens möten. Registret läses av medlemmarna i överenskommelsens grupper
        {mayEdit ? "; som styrgruppens ordförande eller sekreterare lägger du till aktiviteter och rapporterar uppföljning" : ""}.
      </p>
      <Form method="get" className="inline-form">
        <label htmlFor="ar">År</label>{" "}
        <select id="ar" name="ar" defaultValue={year}>
          {years.map((y) => (
            <option key={y} value={y}>
              {y}
            </option>
          ))}
        </select>{" "}
        <button type="submit" className="button button--secondary">
          Visa
        </button>
      </Form>
      <FormResult message={result?.ok ? result.message : null} error={result && !result.ok ? pageRefusal(result) : null} />
      {promises.length === 0 ? (
        <p>Inga medborgarlöften är beslutade {year}.</p>
      ) : (
        promises.map((promise) => <PromiseEntry key={promise.id} promise={promise} mayEdit={mayEdit} people={people} state={state} />)
      )}
    </div>
  );
}
