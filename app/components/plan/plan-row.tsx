import { lazy, memo, Suspense, useId, useState } from "react";
import type * as Y from "yjs";
import {
  pendingChange,
  planFieldLabels,
  planRowTitle,
  type DecidedPromise,
  type PlanField,
  type PlanRow,
  type PlanTextField as TextFieldName,
} from "../../../db/domain/action-plan-rows";
import type { CollabUser } from "~/components/editor/extensions";
import { removePlanRow, setPlanField } from "./plan-doc";
import { PlanTextField } from "./plan-text-field";
import { RowFollowUp, type RowFollowUpData } from "./row-follow-up";

// The rich-text editor (Tiptap) is most of a page's JavaScript: loaded once someone opens a row's notes.
const LiveEditor = lazy(() => import("~/components/editor/live-editor").then((module) => ({ default: module.LiveEditor })));

export type Choice = { id: number; name: string };
export interface PlanChoices {
  parties: Choice[];
  people: Choice[];
  places: Choice[];
  priorityAreas: Choice[];
}

interface Props {
  doc: Y.Doc;
  row: PlanRow;
  number: number;
  count: number;
  planId: number;
  editable: boolean;
  choices: PlanChoices;
  /** The last decided promises, or null before the first decision (nothing is pending then). */
  decided: Record<string, DecidedPromise> | null;
  followUp: RowFollowUpData | null;
  mayReport: boolean;
  user: CollabUser;
  move: (uid: string, step: -1 | 1) => void;
  /** A row just added here opens at once, ready to be written. */
  initiallyOpen: boolean;
  otherEditor: (key: string) => string | null;
  setEditing: (key: string | null) => void;
}

const textFields: { field: TextFieldName; multiline: boolean }[] = [
  { field: "problem", multiline: true },
  { field: "cause", multiline: true },
  { field: "measure", multiline: true },
  { field: "goal", multiline: true },
  { field: "indicator", multiline: true },
];

/**
 * One åtgärd. Closed, it is one line kept live (title, ansvar, tid) and what is pending since the
 * last decision: a plan of two hundred rows must open in well under a second on a throttled
 * laptop, and two hundred rows of form fields are some 14 000 elements. Opened ("Öppna"), it
 * shows its fields in Brå's order (problem/orsak → åtgärd → mål och indikator → tid → ansvar →
 * uppföljning), editable in place, and on demand its live notes, linked uppdrag and follow-up.
 * Memoised: a change to one row re-renders that row only.
 */
export const PlanRowView = memo(function PlanRowView(props: Props) {
  const { doc, row, number, count, editable, choices, decided, move, otherEditor, setEditing } = props;
  const headingId = useId();
  const [confirmRemove, setConfirmRemove] = useState(false);
  const [open, setOpen] = useState(false);
  const [expanded, setExpanded] = useState(props.initiallyOpen);
  const bodyId = useId();
  const title = planRowTitle(row);
  const key = (field: PlanField) => `${row.uid}:${field}`;
  const text = (field: TextFieldName, multiline: boolean) => (
    <PlanTextField
      key={field}
      name={field}
      label={planFieldLabels[field]}
      value={row[field]}
      multiline={multiline}
      readOnly={!editable}
      save={(value) => setPlanField(doc, row.uid, field, value)}
      otherEditor={() => otherEditor(key(field))}
      setEditing={(editing) => setEditing(editing ? key(field) : null)}
    />
  );
  const pending = decided ? pendingChange(decided[row.uid], row) : null;

  const person = row.responsiblePersonId === null ? null : (choices.people.find((p) => p.id === row.responsiblePersonId)?.name ?? null);
  const summary = [
    person ?? (row.responsibleFunction || null),
    row.startsOn || row.endsOn ? `${row.startsOn || "…"} – ${row.endsOn || "…"}` : null,
    row.goal ? `Mål: ${row.goal.split("\n")[0]}` : null,
  ].filter(Boolean);

  return (
    <li className="plan-row" data-row-uid={row.uid} aria-labelledby={headingId}>
      <div className="plan-row__head">
        <h2 id={headingId} className="plan-row__title">
          <span className="plan-row__number">{number}.</span> {title}
        </h2>
        <button type="button" className="button button--secondary" aria-expanded={expanded} aria-controls={bodyId} onClick={() => setExpanded(!expanded)}>
          {expanded ? "Stäng" : "Öppna"}
          <span className="visually-hidden">: {title}</span>
        </button>
      </div>
      {summary.length > 0 ? <p className="plan-row__summary">{summary.join(" · ")}</p> : null}
      {pending ? <PendingNotice pending={pending} choices={choices} /> : null}
      {expanded ? (
        <div id={bodyId}>
          {editable ? (
            <div className="button-row plan-row__tools">
              <button type="button" className="button button--quiet" disabled={number === 1} onClick={() => move(row.uid, -1)}>
                Flytta upp<span className="visually-hidden">: {title}</span>
              </button>
              <button type="button" className="button button--quiet" disabled={number === count} onClick={() => move(row.uid, 1)}>
                Flytta ner<span className="visually-hidden">: {title}</span>
              </button>
              <button type="button" className="button button--quiet" onClick={() => setConfirmRemove(true)}>
                Ta bort<span className="visually-hidden">: {title}</span>
              </button>
            </div>
          ) : null}
          {confirmRemove ? (
            <div className="notice" role="alert">
              <p>Ta bort åtgärden ”{title}” ur planen? Dess uppföljning och kopplade uppdrag sparas.</p>
              <div className="button-row">
                <button type="button" className="button button--danger" onClick={() => removePlanRow(doc, row.uid)}>
                  Ja, ta bort åtgärden
                </button>
                <button type="button" className="button button--secondary" onClick={() => setConfirmRemove(false)} autoFocus>
                  Avbryt
                </button>
              </div>
            </div>
          ) : null}
          <div className="plan-row__fields">
            {textFields.slice(0, 2).map(({ field, multiline }) => text(field, multiline))}
            <IdListField row={row} field="placeIds" options={choices.places} editable={editable} doc={doc} />
            <IdListField row={row} field="priorityAreaIds" options={choices.priorityAreas} editable={editable} doc={doc} />
            {textFields.slice(2).map(({ field, multiline }) => text(field, multiline))}
            <DateField row={row} field="startsOn" editable={editable} doc={doc} />
            <DateField row={row} field="endsOn" editable={editable} doc={doc} />
            <IdField row={row} field="responsiblePartyId" options={choices.parties} editable={editable} doc={doc} />
            {text("responsibleFunction", false)}
            <IdField row={row} field="responsiblePersonId" options={choices.people} editable={editable} doc={doc} />
            {text("followUp", true)}
          </div>
          {row.startsOn && row.endsOn && row.endsOn < row.startsOn ? <p className="notice notice--error">Slutdatum ligger före startdatum.</p> : null}

          <details className="plan-row__more" onToggle={(e) => setOpen(e.currentTarget.open)}>
            <summary>
              Anteckningar och uppföljning<span className="visually-hidden">: {title}</span>
            </summary>
            {open ? (
              <div className="plan-row__more-body">
                <h3>Anteckningar</h3>
                <Suspense fallback={<p className="live-editor__loading">Laddar anteckningarna…</p>}>
                  <LiveEditor documentName={`atgard-${props.planId}-${row.uid}`} label={`Anteckningar: ${title}`} editable={editable} user={props.user} />
                </Suspense>
                {props.followUp ? (
                  <RowFollowUp data={props.followUp} title={title} mayReport={props.mayReport} />
                ) : (
                  <p className="muted">Uppföljningen visas när åtgärden har sparats. Ladda om sidan om den inte syns.</p>
                )}
              </div>
            ) : null}
          </details>
        </div>
      ) : null}
    </li>
  );
});

function DateField({ row, field, editable, doc }: { row: PlanRow; field: "startsOn" | "endsOn"; editable: boolean; doc: Y.Doc }) {
  const id = useId();
  return (
    <div className={`field plan-field plan-field--${field}`}>
      <label htmlFor={id}>{planFieldLabels[field]}</label>
      <input
        id={id}
        type="date"
        name={field}
        value={row[field]}
        readOnly={!editable}
        // A date is chosen whole: it is saved at once, not typed over time.
        onChange={(e) => setPlanField(doc, row.uid, field, e.target.value)}
      />
    </div>
  );
}

function IdField({
  row,
  field,
  options,
  editable,
  doc,
}: {
  row: PlanRow;
  field: "responsiblePartyId" | "responsiblePersonId";
  options: Choice[];
  editable: boolean;
  doc: Y.Doc;
}) {
  const id = useId();
  const value = row[field];
  const known = value === null || options.some((o) => o.id === value);
  return (
    <div className={`field plan-field plan-field--${field}`}>
      <label htmlFor={id}>{planFieldLabels[field]}</label>
      <select
        id={id}
        name={field}
        value={value ?? ""}
        disabled={!editable}
        onChange={(e) => setPlanField(doc, row.uid, field, e.target.value === "" ? null : Number(e.target.value))}
      >
        <option value="">Ingen vald</option>
        {known ? null : <option value={value!}>(inte längre med i överenskommelsens grupper)</option>}
        {options.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Places or priority areas: the chosen ones as text; the checkboxes only while changing them (two hundred rows stay light). */
function IdListField({
  row,
  field,
  options,
  editable,
  doc,
}: {
  row: PlanRow;
  field: "placeIds" | "priorityAreaIds";
  options: Choice[];
  editable: boolean;
  doc: Y.Doc;
}) {
  const [changing, setChanging] = useState(false);
  const chosen = row[field];
  const names = chosen.map((id) => options.find((o) => o.id === id)?.name ?? "(borttagen)");
  const label = planFieldLabels[field];
  const toggle = (id: number, on: boolean) => setPlanField(doc, row.uid, field, on ? [...chosen.filter((c) => c !== id), id] : chosen.filter((c) => c !== id));
  if (changing) {
    return (
      <fieldset className={`field plan-field plan-field--${field}`}>
        <legend>{label}</legend>
        {options.length === 0 ? <p className="muted">Inga att välja bland.</p> : null}
        {options.map((o) => (
          <label key={o.id} className="checkbox">
            <input type="checkbox" checked={chosen.includes(o.id)} onChange={(e) => toggle(o.id, e.target.checked)} /> {o.name}
          </label>
        ))}
        <button type="button" className="button button--quiet" onClick={() => setChanging(false)}>
          Klar<span className="visually-hidden"> med {label.toLowerCase()}</span>
        </button>
      </fieldset>
    );
  }
  return (
    <div className={`field plan-field plan-field--${field}`}>
      <span className="plan-field__label">{label}</span>
      <span className="plan-field__value">{names.length > 0 ? names.join(", ") : "Inga valda"}</span>
      {editable ? (
        <button type="button" className="button button--quiet" onClick={() => setChanging(true)}>
          Ändra<span className="visually-hidden"> {label.toLowerCase()}</span>
        </button>
      ) : null}
    </div>
  );
}

function PendingNotice({ pending, choices }: { pending: NonNullable<ReturnType<typeof pendingChange>>; choices: PlanChoices }) {
  if (pending.kind === "new") return <p className="plan-pending">Ny – inte beslutad</p>;
  const show = (field: PlanField, value: string | number | null) => {
    if (value === null) return "(tomt)";
    if (field === "responsiblePartyId") return choices.parties.find((p) => p.id === value)?.name ?? "(okänd)";
    if (field === "responsiblePersonId") return choices.people.find((p) => p.id === value)?.name ?? "(okänd)";
    return String(value);
  };
  return (
    <div className="plan-pending">
      <p>Ändrat sedan beslut – väntar på nästa beslut</p>
      <ul>
        {pending.fields.map(({ field, before, after }) => (
          <li key={field}>
            {planFieldLabels[field]}: <del>{show(field, before)}</del> → <ins>{show(field, after)}</ins>
          </li>
        ))}
      </ul>
    </div>
  );
}
