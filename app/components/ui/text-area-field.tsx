import { useId, type TextareaHTMLAttributes } from "react";
import { FieldError } from "./text-field";

interface TextAreaFieldProps extends Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "id"> {
  label: string;
  name: string;
  error?: string;
  hint?: string;
}

/** A labelled multi-line field whose validation message sits next to it and is announced with it. */
export function TextAreaField({ label, name, error, hint, ...textareaProps }: TextAreaFieldProps) {
  const id = useId();
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <span className="hint" id={`${id}-hint`}>
          {hint}
        </span>
      ) : null}
      <textarea id={id} name={name} aria-invalid={error ? true : undefined} aria-describedby={describedBy} {...textareaProps} />
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}
