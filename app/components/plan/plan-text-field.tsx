import { useEffect, useId, useRef, useState } from "react";
import { MAX_PLAN_FIELD_LENGTH } from "../../../db/domain/action-plan-rows";

/** A pause in typing this long saves the field (blur and Enter save at once). */
export const SAVE_AFTER_IDLE_MS = 1200;

interface Props {
  label: string;
  /** The field's value in the Y.Doc. */
  value: string;
  /** Writes the whole value into the Y.Doc (last writer wins per field). */
  save: (value: string) => void;
  /** Who else last edited this field (from awareness), for the conflict notice. */
  otherEditor: () => string | null;
  /** Tells the others which field this page is editing (null: none). */
  setEditing: (editing: boolean) => void;
  multiline?: boolean;
  readOnly: boolean;
  name: string;
}

type Conflict = { theirs: string; by: string };

/**
 * One text field of an åtgärd, bound to its Y.Map entry. What is typed is saved on blur, Enter or
 * a pause; meanwhile others' changes to other fields arrive untouched. When someone else's change
 * to THIS field arrives while it holds unsaved typing, the typing is kept and a notice shows both
 * values with "Behåll min" / "Använd deras": a same-field conflict is never resolved silently.
 */
export function PlanTextField({ label, value, save, otherEditor, setEditing, multiline, readOnly, name }: Props) {
  const id = useId();
  const [draft, setDraft] = useState(value);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const focused = useRef(false);
  /** Typed but not yet written into the Y.Doc. */
  const dirty = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const draftRef = useRef(draft);
  draftRef.current = draft;
  const conflictRef = useRef(conflict);
  conflictRef.current = conflict;

  useEffect(() => {
    if (value === draftRef.current) {
      dirty.current = false;
      setConflict(null);
      return;
    }
    if (focused.current && dirty.current) {
      setConflict({ theirs: value, by: otherEditor() ?? "En annan person" });
      return;
    }
    setDraft(value);
    // otherEditor is read at the moment of the change only.
  }, [value]);

  useEffect(() => () => clearTimeout(timer.current), []);

  const flush = () => {
    clearTimeout(timer.current);
    if (!dirty.current || conflictRef.current) return;
    dirty.current = false;
    save(draftRef.current);
  };

  const onChange = (next: string) => {
    setDraft(next);
    dirty.current = true;
    clearTimeout(timer.current);
    if (!conflictRef.current) timer.current = setTimeout(flush, SAVE_AFTER_IDLE_MS);
  };

  const keepMine = () => {
    setConflict(null);
    conflictRef.current = null;
    dirty.current = false;
    save(draftRef.current);
  };
  const useTheirs = () => {
    setConflict(null);
    dirty.current = false;
    setDraft(value);
  };

  const common = {
    id,
    name,
    value: draft,
    readOnly,
    maxLength: MAX_PLAN_FIELD_LENGTH,
    "aria-describedby": conflict ? `${id}-conflict` : undefined,
    onFocus: () => {
      focused.current = true;
      setEditing(true);
    },
    onBlur: () => {
      focused.current = false;
      flush();
      setEditing(false);
    },
  };
  return (
    <div className={`field plan-field plan-field--${name}`}>
      <label htmlFor={id}>{label}</label>
      {multiline ? (
        <textarea {...common} rows={2} onChange={(e) => onChange(e.target.value)} />
      ) : (
        <input
          {...common}
          type="text"
          onChange={(e) => onChange(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter") flush();
          }}
        />
      )}
      {/* Rendered only during a conflict: two hundred rows would otherwise carry 1 600 empty live regions. */}
      {conflict ? (
        <div role="alert" className="plan-conflict" id={`${id}-conflict`}>
          <p>
            <strong>{conflict.by}</strong> ändrade samtidigt {label.toLowerCase()}. Din text står kvar i fältet tills du väljer.
          </p>
          <dl className="plan-conflict__values">
            <dt>Din text</dt>
            <dd data-conflict-mine="">{draft || "(tomt)"}</dd>
            <dt>Deras text</dt>
            <dd data-conflict-theirs="">{conflict.theirs || "(tomt)"}</dd>
          </dl>
          <div className="button-row">
            <button type="button" className="button button--secondary" onClick={keepMine}>
              Behåll min
            </button>
            <button type="button" className="button button--secondary" onClick={useTheirs}>
              Använd deras
            </button>
          </div>
        </div>
      ) : null}
    </div>
  );
}
