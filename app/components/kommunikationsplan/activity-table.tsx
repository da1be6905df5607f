import type { ReactNode } from "react";
import { ActionForm } from "~/components/meeting/action-form";
import { useFormAnswer } from "~/components/lagesbild/form-errors";
import { DataTable } from "~/components/ui/data-table";
import { SelectField } from "~/components/ui/select-field";
import { TextField } from "~/components/ui/text-field";
import { formatIsoDate } from "~/utils/format";
import type { VersionActivity } from "~/models/kommunikationsplan.server";

/** An activity as the page and a version show it. */
export type ActivityView = VersionActivity;

type TextName = "what" | "audience" | "channel" | "timing" | "responsibleFunction";
/** The form's free-text fields in order (the date and the person come after "När"). */
const TEXT_FIELDS: { name: TextName; label: string; maxLength: number; hint?: string }[] = [
  { name: "what", label: "Vad", maxLength: 300 },
  { name: "audience", label: "Till vem", maxLength: 200 },
  { name: "channel", label: "Kanal", maxLength: 120 },
  { name: "timing", label: "När", maxLength: 120, hint: "Till exempel vecka 12 eller löpande." },
];
const FUNCTION_FIELD = {
  name: "responsibleFunction" as const,
  label: "Ansvarig funktion",
  maxLength: 200,
  hint: "Till exempel kommunikatör, stadsdelsförvaltningen.",
};

const dash = (text: string) => text || "–";

/** "Vecka 12 (2026-03-16)": the plan's own words for when, with the date when it has one. */
function when(a: ActivityView): string {
  if (a.plannedOn && a.timing) return `${a.timing} (${formatIsoDate(a.plannedOn)})`;
  return a.plannedOn ? formatIsoDate(a.plannedOn) : dash(a.timing);
}

/**
 * The activities of a kommunikationsplan: Vad, Till vem, Kanal, När, Vem. `actions` adds a last
 * column (the editors' Upp/Ned/Ta bort) under `actionsHeading`.
 */
export function ActivityTable({
  activities,
  labelledBy,
  actionsHeading,
  actions,
}: {
  activities: ActivityView[];
  labelledBy: string;
  actionsHeading?: string;
  actions?: (activity: ActivityView, index: number) => ReactNode;
}) {
  return (
    <DataTable labelledBy={labelledBy}>
      <thead>
        <tr>
          <th scope="col">Vad</th>
          <th scope="col">Till vem</th>
          <th scope="col">Kanal</th>
          <th scope="col">När</th>
          <th scope="col">Vem/ansvarig</th>
          {actions ? <th scope="col">{actionsHeading}</th> : null}
        </tr>
      </thead>
      <tbody>
        {activities.map((a, index) => (
          <tr key={a.id} data-activity-row="">
            <th scope="row">{a.what}</th>
            <td>{dash(a.audience)}</td>
            <td>{dash(a.channel)}</td>
            <td>{when(a)}</td>
            <td>{dash([a.responsibleFunction, a.responsibleName].filter((s) => s).join(", "))}</td>
            {actions ? <td>{actions(a, index)}</td> : null}
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}

/** The plan's activities with, for its editors, the order buttons in the table and a form per activity and one to add. */
export function ActivitySection({ activities, editable, people }: { activities: ActivityView[]; editable: boolean; people: { id: number; name: string }[] }) {
  return (
    <section aria-labelledby="aktiviteter-rubrik" id="aktiviteter">
      <h2 id="aktiviteter-rubrik">Aktiviteter</h2>
      {activities.length === 0 ? (
        <p>Planen har inga aktiviteter ännu.</p>
      ) : (
        <ActivityTable
          activities={activities}
          labelledBy="aktiviteter-rubrik"
          actionsHeading="Ordning"
          actions={editable ? (a, index) => <ActivityOrder activity={a} first={index === 0} last={index === activities.length - 1} /> : undefined}
        />
      )}
      {editable ? (
        <>
          {activities.map((activity) => (
            <details key={activity.id} className="lagesbild-edit">
              <summary>Ändra {activity.what}</summary>
              <ActivityForm activity={activity} people={people} />
            </details>
          ))}
          <ActivityForm people={people} />
        </>
      ) : null}
    </section>
  );
}

function ActivityOrder({ activity, first, last }: { activity: ActivityView; first: boolean; last: boolean }) {
  const answer = useFormAnswer(["remove-activity", "move-activity"], activity.id);
  const button = (intent: string, fields: Record<string, string | number>, label: string, text: string, disabled = false) => (
    <ActionForm intent={intent} fields={{ activityId: activity.id, ...fields }}>
      <button type="submit" className="button button--secondary" disabled={disabled} aria-label={`${label} ${activity.what}`}>
        {text}
      </button>
    </ActionForm>
  );
  return (
    <div className="lagesbild-row__actions">
      {button("move-activity", { direction: "up" }, "Flytta upp", "Upp", first)}
      {button("move-activity", { direction: "down" }, "Flytta ned", "Ned", last)}
      {button("remove-activity", {}, "Ta bort", "Ta bort")}
      {answer.errors.form ? <p className="field-error">{answer.errors.form}</p> : null}
    </div>
  );
}

function ActivityForm({ activity, people }: { activity?: ActivityView; people: { id: number; name: string }[] }) {
  const answer = useFormAnswer(["add-activity", "edit-activity"], activity ? activity.id : "new");
  const text = (field: { name: TextName; label: string; maxLength: number; hint?: string }) => (
    <TextField
      key={field.name}
      label={field.label}
      name={field.name}
      defaultValue={activity ? activity[field.name] : ""}
      maxLength={field.maxLength}
      required={field.name === "what"}
      hint={field.hint}
      error={answer.errors[field.name]}
    />
  );
  const key = activity ? JSON.stringify(activity) : "new";
  return (
    <div className="lagesbild-row" key={key}>
      <ActionForm
        intent={activity ? "edit-activity" : "add-activity"}
        fields={activity ? { activityId: activity.id } : {}}
        className="lagesbild-row__form"
        clearOnSuccess={!activity}
      >
        {activity ? null : <h3 className="lagesbild-row__title">Lägg till aktivitet</h3>}
        {TEXT_FIELDS.map(text)}
        <TextField
          label="Datum"
          name="plannedOn"
          type="date"
          defaultValue={activity?.plannedOn ?? ""}
          hint="Om aktiviteten har ett datum (ÅÅÅÅ-MM-DD)."
          error={answer.errors.plannedOn}
        />
        {text(FUNCTION_FIELD)}
        <SelectField
          label="Ansvarig person"
          name="responsiblePersonId"
          defaultValue={activity?.responsiblePersonId ?? ""}
          error={answer.errors.responsiblePersonId}
        >
          <option value="">Ingen vald</option>
          {people.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </SelectField>
        <button type="submit" className="button button--secondary">
          {activity ? "Spara" : "Lägg till"}
        </button>
      </ActionForm>
      {answer.message ? (
        <p className="notice notice--ok" role="status">
          {answer.message}
        </p>
      ) : null}
      {answer.errors.form ? <p className="field-error">{answer.errors.form}</p> : null}
    </div>
  );
}
