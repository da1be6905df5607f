import { useId, type ReactNode, type SelectHTMLAttributes } from "react";
import { FieldError } from "./text-field";

interface SelectFieldProps extends Omit<SelectHTMLAttributes<HTMLSelectElement>, "id"> {
  /** What the label shows; a part in `.visually-hidden` is read out but not shown (a row's fields in a table). */
  label: ReactNode;
  name: string;
  error?: string;
  children: ReactNode;
}

export function SelectField({ label, name, error, children, ...selectProps }: SelectFieldProps) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} {...selectProps}>
        {children}
      </select>
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}
