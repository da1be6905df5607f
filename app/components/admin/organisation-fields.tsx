import { organisationKinds, type OrganisationKind } from "../../../db/domain/enums";
import { organisationKindLabels } from "../../../db/domain/labels";
import { SelectField } from "~/components/ui/select-field";
import { TextAreaField } from "~/components/ui/text-area-field";
import { TextField } from "~/components/ui/text-field";

export interface OrganisationFieldValues {
  id: number | null;
  name: string;
  kind: OrganisationKind | "";
  orgNr: string | null;
  postalAddress: string | null;
  parentId: number | null;
}

export const newOrganisationValues: OrganisationFieldValues = { id: null, name: "", kind: "", orgNr: null, postalAddress: null, parentId: null };

/** The fields of the create and edit organisation forms (validated by OrganisationSchema and the domain's org.nr rule). */
export function OrganisationFields({
  values,
  organisations,
  errors,
}: {
  values: OrganisationFieldValues;
  /** Candidates for the parent organisation. */
  organisations: { id: number; name: string }[];
  errors: Record<string, string | undefined>;
}) {
  return (
    <>
      <TextField
        label="Namn"
        name="name"
        required
        autoComplete="off"
        defaultValue={values.name}
        error={errors.name}
        hint="Till exempel Lokalpolisområde Skärholmen."
      />
      <SelectField label="Typ" name="kind" error={errors.kind} defaultValue={values.kind}>
        <option value="">Välj typ</option>
        {organisationKinds.map((kind) => (
          <option key={kind} value={kind}>
            {organisationKindLabels[kind]}
          </option>
        ))}
      </SelectField>
      <TextField
        label="Organisationsnummer"
        name="orgNr"
        inputMode="numeric"
        autoComplete="off"
        defaultValue={values.orgNr ?? ""}
        error={errors.orgNr}
        hint="Tio siffror, NNNNNN-NNNN. En förvaltning har stadens nummer, ett polisområde Polismyndighetens."
      />
      <TextAreaField label="Postadress" name="postalAddress" rows={3} defaultValue={values.postalAddress ?? ""} error={errors.postalAddress} />
      <SelectField label="Överordnad organisation" name="parentId" error={errors.parentId} defaultValue={values.parentId ?? ""}>
        <option value="">Ingen</option>
        {organisations
          .filter((o) => o.id !== values.id)
          .map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
      </SelectField>
      {errors.form ? <p className="field-error">{errors.form}</p> : null}
    </>
  );
}
