import { useId } from "react";
import { groupKinds, groupPermanence, type GroupKind, type GroupLevel, type GroupPermanence } from "../../../db/domain/enums";
import { SelectField } from "~/components/ui/select-field";
import { TextAreaField } from "~/components/ui/text-area-field";
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
  requiredFunctions: { name: string; note: string | null }[];
}

/** Empty rows under the group's functions, for adding new ones without script. */
const BLANK_FUNCTION_ROWS = 3;

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
  functionNames,
  values,
  errors,
}: {
  agreements: { id: number; title: string }[];
  /** The catalogue of functions, offered as suggestions. */
  functionNames: string[];
  values: GroupFieldValues;
  errors: Record<string, string | undefined>;
}) {
  const functionsId = useId();
  const rows = [...values.requiredFunctions, ...Array.from({ length: BLANK_FUNCTION_ROWS }, () => ({ name: "", note: null }))];
  const functionsError = errors.requiredFunctions ?? errors.functionName ?? errors.functionNote;
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
      <fieldset className="stack" aria-describedby={`${functionsId}-hint${functionsError ? ` ${functionsId}-error` : ""}`}>
        <legend>Funktioner som ska ingå</legend>
        <p className="hint" id={`${functionsId}-hint`}>
          De funktioner överenskommelsen kräver i gruppen, i dess ordning, med överenskommelsens egen formulering när den säger mer än namnet. Töm namnet för
          att ta bort en funktion.
        </p>
        <FieldError id={`${functionsId}-error`} message={functionsError} />
        <datalist id={`${functionsId}-catalogue`}>
          {functionNames.map((name) => (
            <option key={name} value={name} />
          ))}
        </datalist>
        {rows.map((fn, i) => (
          <div key={i} className="stack">
            <TextField
              label={`Funktion ${i + 1}`}
              name="functionName"
              defaultValue={fn.name}
              list={`${functionsId}-catalogue`}
              autoComplete="off"
              hint={i === values.requiredFunctions.length ? "Till exempel Kommunpolis." : undefined}
            />
            <TextAreaField label={`Formulering för funktion ${i + 1}`} name="functionNote" rows={2} defaultValue={fn.note ?? ""} />
          </div>
        ))}
      </fieldset>
      {errors.form ? <p className="field-error">{errors.form}</p> : null}
    </>
  );
}
