import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { fieldErrorsFrom } from "~/models/domain-errors.server";
import { Breadcrumbs } from "~/components/ui/breadcrumbs";
import { useId } from "react";
import { groupKinds, groupPermanence } from "../../db/schema/enums";
import { SelectField } from "~/components/ui/select-field";
import { FieldError, TextField } from "~/components/ui/text-field";
import { agreementsQueries, db, groupsQueries, membershipsQueries } from "~/models/db.server";
import { parseForm } from "~/utils/forms";
import { groupKindLabels, permanenceLabels } from "~/utils/labels";
import { requireAdmin } from "~/utils/session.server";
import { NewGroupSchema } from "~/utils/validation";

export const meta: MetaFunction = () => [{ title: "Skapa grupp – Administration – Samverkan" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  return { agreements: agreementsQueries.listAgreements(db()) };
}

export async function action({ request }: ActionFunctionArgs) {
  const viewer = await requireAdmin(request);
  const parsed = parseForm(NewGroupSchema, await request.formData());
  if (!parsed.ok) return { fieldErrors: parsed.fieldErrors };
  const { requiredFunctions, ...group } = parsed.data;
  try {
    const requiredFunctionIds = requiredFunctions.map((name) => membershipsQueries.functionIdByName(db(), name));
    const id = groupsQueries.createGroup(db(), viewer, { ...group, requiredFunctionIds: [...new Set(requiredFunctionIds)] });
    return redirect(`/grupper/${id}`);
  } catch (error) {
    return { fieldErrors: fieldErrorsFrom(error) };
  }
}

export default function NewGroup() {
  const { agreements } = useLoaderData<typeof loader>();
  const errors: Record<string, string | undefined> = useActionData<typeof action>()?.fieldErrors ?? {};
  const functionsId = useId();
  return (
    <div className="page">
      <Breadcrumbs trail={[{ to: "/admin", label: "Administration" }]} current="Skapa grupp" />
      <h1>Skapa grupp</h1>
      <Form method="post" className="stack" noValidate>
        <SelectField label="Överenskommelse" name="agreementId" error={errors.agreementId} defaultValue="">
          <option value="">Välj överenskommelse</option>
          {agreements.map((a) => (
            <option key={a.id} value={a.id}>
              {a.title}
            </option>
          ))}
        </SelectField>
        <TextField label="Namn" name="name" required error={errors.name} hint="Till exempel Arbetsgrupp Vårbergs centrum." />
        <SelectField label="Typ" name="kind" error={errors.kind} defaultValue="arbetsgrupp">
          {groupKinds.map((k) => (
            <option key={k} value={k}>
              {groupKindLabels[k]}
            </option>
          ))}
        </SelectField>
        <SelectField label="Nivå" name="level" error={errors.level} defaultValue="local">
          <option value="local">Lokal</option>
          <option value="city_wide">Stadsövergripande</option>
        </SelectField>
        <TextField label="Fokusområde" name="focusArea" error={errors.focusArea} hint="För arbetsgrupper, till exempel Barn och unga." />
        <SelectField label="Fast eller tidsbegränsad" name="permanence" error={errors.permanence} defaultValue="fixed">
          {groupPermanence.map((p) => (
            <option key={p} value={p}>
              {permanenceLabels[p]}
            </option>
          ))}
        </SelectField>
        <TextField label="Slutdatum" name="endsOn" type="date" error={errors.endsOn} hint="Krävs för en tidsbegränsad grupp (ÅÅÅÅ-MM-DD)." />
        <TextField
          label="Minsta antal möten per år"
          name="minMeetingsPerYear"
          type="number"
          min={0}
          max={52}
          error={errors.minMeetingsPerYear}
          hint="Lämna tomt om överenskommelsen inte anger något."
        />
        <label className="checkbox">
          <input type="checkbox" name="membersMayEditNotes" defaultChecked /> Ledamöter och adjungerade får skriva i
          dagordning och anteckningar
        </label>
        <div className="field">
          <label htmlFor={functionsId}>Funktioner som ska ingå</label>
          <span className="hint" id={`${functionsId}-hint`}>
            En funktion per rad, till exempel Kommunpolis.
          </span>
          <textarea
            id={functionsId}
            name="requiredFunctions"
            rows={4}
            aria-describedby={`${functionsId}-hint${errors.requiredFunctions ? ` ${functionsId}-error` : ""}`}
            aria-invalid={errors.requiredFunctions ? true : undefined}
          />
          <FieldError id={`${functionsId}-error`} message={errors.requiredFunctions} />
        </div>
        {errors.form ? <p className="field-error">{errors.form}</p> : null}
        <div>
          <button type="submit" className="button">
            Skapa grupp
          </button>
        </div>
      </Form>
    </div>
  );
}
