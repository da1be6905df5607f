import { agreementScopes, revisionRules, type AgreementScope, type RevisionRule } from "../../../db/domain/enums";
import { SelectField } from "~/components/ui/select-field";
import { TextAreaField } from "~/components/ui/text-area-field";
import { TextField } from "~/components/ui/text-field";
import { revisionRuleLabels, scopeLabels } from "../../../db/domain/labels";

/** What the agreement form shows before anything is typed: a new agreement's defaults or its current fields. */
export interface AgreementFieldValues {
  title: string;
  scope: AgreementScope;
  parentId: number | null;
  area: string | null;
  slug: string;
  startsOn: string;
  endsOn: string | null;
  revisionRule: RevisionRule;
  revisionText: string;
  lastRevisedOn: string | null;
  copies: number | null;
}

export function newAgreementValues(hasCityWide: boolean): AgreementFieldValues {
  return {
    title: "",
    // A city starts with its city-wide agreement; after that, the lokala follow.
    scope: hasCityWide ? "local" : "city_wide",
    parentId: null,
    area: null,
    slug: "",
    startsOn: "",
    endsOn: null,
    revisionRule: "yearly",
    revisionText: "",
    lastRevisedOn: null,
    copies: null,
  };
}

/** The fields of the new and edit agreement forms (validated by AgreementSchema). */
export function AgreementFields({
  cityWide,
  values,
  errors,
}: {
  cityWide: { id: number; title: string }[];
  values: AgreementFieldValues;
  errors: Record<string, string | undefined>;
}) {
  return (
    <>
      <TextField
        label="Titel"
        name="title"
        required
        defaultValue={values.title}
        error={errors.title}
        hint="Till exempel Lokal samverkansöverenskommelse Skärholmen."
      />
      <SelectField label="Typ" name="scope" error={errors.scope} defaultValue={values.scope}>
        {agreementScopes.map((s) => (
          <option key={s} value={s}>
            {scopeLabels[s]}
          </option>
        ))}
      </SelectField>
      <SelectField label="Utgår från (för lokala)" name="parentId" error={errors.parentId} defaultValue={values.parentId ?? ""}>
        <option value="">Ingen (stadsövergripande)</option>
        {cityWide.map((a) => (
          <option key={a.id} value={a.id}>
            {a.title}
          </option>
        ))}
      </SelectField>
      <TextField label="Område (för lokala)" name="area" defaultValue={values.area ?? ""} error={errors.area} hint="Stadsdelen, till exempel Skärholmen." />
      <TextField
        label="Adressnamn"
        name="slug"
        defaultValue={values.slug}
        error={errors.slug}
        hint="Sidans adress /overenskommelser/… Små bokstäver a–z, siffror och bindestreck. Lämna tomt för att bilda det av området eller titeln."
      />
      <TextField label="Gäller från och med" name="startsOn" type="date" required defaultValue={values.startsOn} error={errors.startsOn} />
      <TextField
        label="Gäller till och med"
        name="endsOn"
        type="date"
        defaultValue={values.endsOn ?? ""}
        error={errors.endsOn}
        hint="Lämna tomt om den gäller tills vidare."
      />
      <SelectField label="Revidering" name="revisionRule" error={errors.revisionRule} defaultValue={values.revisionRule}>
        {revisionRules.map((r) => (
          <option key={r} value={r}>
            {revisionRuleLabels[r]}
          </option>
        ))}
      </SelectField>
      <TextAreaField
        label="Överenskommelsens formulering om revidering"
        name="revisionText"
        required
        defaultValue={values.revisionText}
        error={errors.revisionText}
        hint="Som den står i överenskommelsen."
      />
      <TextField
        label="Senast reviderad"
        name="lastRevisedOn"
        type="date"
        defaultValue={values.lastRevisedOn ?? ""}
        error={errors.lastRevisedOn}
        hint="För en överenskommelse som reviderats innan den lades in här; annars sätts datumet när den revideras."
      />
      <TextField label="Antal exemplar" name="copies" type="number" min={1} max={99} defaultValue={values.copies ?? ""} error={errors.copies} />
      {errors.form ? <p className="field-error">{errors.form}</p> : null}
    </>
  );
}
