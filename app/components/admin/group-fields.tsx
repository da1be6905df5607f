import { useId } from "react";
import { groupKinds, groupPermanence, type GroupKind, type GroupLevel, type GroupPermanence } from "../../../db/domain/enums";
import { SelectField } from "~/components/ui/select-field";
import { FieldError, TextField } from "~/components/ui/text-field";
import { groupKindLabels, permanenceLabels } from "../../../db/domain/labels";

/** What the form shows before anything is typed: a new group's defaults or a group's current settings. */
export interface GroupFieldValues {
  agreementId: number | null;
  name: string;
  kind: GroupKind;
  level: GroupLevel;
  focusArea: string | null;
  permanence: GroupPermanence;
  endsOn: string | null;
  minMeetingsPerYear: number | null;
  membersMayEditNotes: boolean;
  requiredFunctions: string[];
}

export const newGroupValues: GroupFieldValues = {
  agreementId: null,
  name: "",
  kind: "arbetsgrupp",
  level: "local",
  focusArea: null,
  permanence: "fixed",
  endsOn: null,
  minMeetingsPerYear: null,
  membersMayEditNotes: true,
  requiredFunctions: [],
};

/** The fields of the create and edit group forms (validated by NewGroupSchema). */
export function GroupFields({
  agreements,
  values,
  errors,
}: {
  agreements: { id: number; title: string }[];
  values: GroupFieldValues;
  errors: Record<string, string | undefined>;
}) {
  const functionsId = useId();
  return (
    <>
      <SelectField label="Överenskommelse" name="agreementId" error={errors.agreementId} defaultValue={values.agreementId ?? ""}>
        <option value="">Välj överenskommelse</option>
        {agreements.map((a) => (
          <option key={a.id} value={a.id}>
            {a.title}
          </option>
        ))}
      </SelectField>
      <TextField label="Namn" name="name" required defaultValue={values.name} error={errors.name} hint="Till exempel Arbetsgrupp barn och unga." />
      <SelectField label="Typ" name="kind" error={errors.kind} defaultValue={values.kind}>
        {groupKinds.map((k) => (
          <option key={k} value={k}>
            {groupKindLabels[k]}
          </option>
        ))}
      </SelectField>
      <SelectField label="Nivå" name="level" error={errors.level} defaultValue={values.level}>
        <option value="local">Lokal</option>
        <option value="city_wide">Stadsövergripande</option>
      </SelectField>
      <TextField
        label="Fokusområde"
        name="focusArea"
        defaultValue={values.focusArea ?? ""}
        error={errors.focusArea}
        hint="För arbetsgrupper, till exempel Barn och unga."
      />
      <SelectField label="Fast eller tidsbegränsad" name="permanence" error={errors.permanence} defaultValue={values.permanence}>
        {groupPermanence.map((p) => (
          <option key={p} value={p}>
            {permanenceLabels[p]}
          </option>
        ))}
      </SelectField>
      <TextField
        label="Slutdatum"
        name="endsOn"
        type="date"
        defaultValue={values.endsOn ?? ""}
        error={errors.endsOn}
        hint="Krävs för en tidsbegränsad grupp (ÅÅÅÅ-MM-DD)."
      />
      <TextField
        label="Minsta antal möten per år"
        name="minMeetingsPerYear"
        type="number"
        min={0}
        max={52}
        defaultValue={values.minMeetingsPerYear ?? ""}
        error={errors.minMeetingsPerYear}
        hint="Lämna tomt om överenskommelsen inte anger något."
      />
      <label className="checkbox">
        <input type="checkbox" name="membersMayEditNotes" defaultChecked={values.membersMayEditNotes} /> Ledamöter och adjungerade får skriva i dagordning och
        anteckningar
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
          defaultValue={values.requiredFunctions.join("\n")}
          aria-describedby={`${functionsId}-hint${errors.requiredFunctions ? ` ${functionsId}-error` : ""}`}
          aria-invalid={errors.requiredFunctions ? true : undefined}
        />
        <FieldError id={`${functionsId}-error`} message={errors.requiredFunctions} />
      </div>
      {errors.form ? <p className="field-error">{errors.form}</p> : null}
    </>
  );
}
