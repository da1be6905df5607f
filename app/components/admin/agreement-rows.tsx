import { useActionData } from "@remix-run/react";
import type { ReactNode } from "react";
import { ActionForm } from "~/components/meeting/action-form";
import { DataTable } from "~/components/ui/data-table";
import { SelectField } from "~/components/ui/select-field";
import { TextField } from "~/components/ui/text-field";
import type { AgreementAdminAnswer } from "~/models/agreement-admin.server";

/** One field of a row's form: a text, date or number input, or a choice when it has options. */
export interface RowField {
  name: string;
  label: string;
  type?: "text" | "date" | "number";
  options?: { value: string | number; label: string }[];
  /** The choice for "none" in a select; without it the select requires a choice. */
  noneLabel?: string;
  hint?: string;
  required?: boolean;
}

/** The errors of the answer when it answers this form (the same list and row), else none. */
export function useFormErrors(intent: string, list?: string, rowId: number | null = null): Record<string, string | undefined> {
  const answer = useActionData() as AgreementAdminAnswer | undefined;
  if (!answer || answer.intent !== intent || (list !== undefined && (answer.list !== list || (answer.rowId ?? null) !== rowId))) return {};
  return answer.fieldErrors;
}

export function RowFields({ fields, values, errors }: { fields: RowField[]; values: Record<string, string>; errors: Record<string, string | undefined> }) {
  return (
    <>
      {fields.map((f) =>
        f.options ? (
          <SelectField key={f.name} label={f.label} name={f.name} error={errors[f.name]} defaultValue={values[f.name] ?? ""}>
            <option value="">{f.noneLabel ?? "Välj"}</option>
            {f.options.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </SelectField>
        ) : (
          <TextField
            key={f.name}
            label={f.label}
            name={f.name}
            type={f.type ?? "text"}
            required={f.required}
            hint={f.hint}
            defaultValue={values[f.name] ?? ""}
            error={errors[f.name]}
          />
        ),
      )}
      {errors.form ? <p className="field-error">{errors.form}</p> : null}
    </>
  );
}

interface Props<R extends { id: number }> {
  /** Which of the agreement's lists ("party", "signatory", …): the form's `list` field. */
  list: string;
  heading: string;
  headingId: string;
  rows: R[];
  /** The table's columns: a header and what each row shows in it. */
  columns: { header: string; cell: (row: R) => ReactNode }[];
  fields: RowField[];
  /** A row's current values as its change form shows them. */
  values: (row: R) => Record<string, string>;
  /** The row's name, for the buttons' accessible names ("Ändra Polisen"). */
  name: (row: R) => string;
  empty: string;
  addLabel: string;
  /** Something after the table, per row's list (e.g. the place for uploaded files). */
  children?: ReactNode;
}

/**
 * One of an agreement's lists on its administration page: a table of the rows, each with a small form to
 * change it (behind "Ändra") and one to remove it, and a form that adds a row. Each form posts its own intent
 * with the list and the row, so an error shows next to the field of the form it came from.
 */
export function AgreementRowList<R extends { id: number }>({
  list,
  heading,
  headingId,
  rows,
  columns,
  fields,
  values,
  name,
  empty,
  addLabel,
  children,
}: Props<R>) {
  const addErrors = useFormErrors("add-row", list, null);
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>{heading}</h2>
      {rows.length === 0 ? (
        <p>{empty}</p>
      ) : (
        <DataTable labelledBy={headingId}>
          <thead>
            <tr>
              {columns.map((c) => (
                <th key={c.header} scope="col">
                  {c.header}
                </th>
              ))}
              <th scope="col">
                <span className="visually-hidden">Åtgärd</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id}>
                {columns.map((c) => (
                  <td key={c.header}>{c.cell(row)}</td>
                ))}
                <td>
                  <RowActions list={list} row={row} fields={fields} values={values(row)} name={name(row)} />
                </td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
      {children}
      <h3>{addLabel}</h3>
      <ActionForm intent="add-row" fields={{ list }} className="stack" clearOnSuccess>
        <RowFields fields={fields} values={{}} errors={addErrors} />
        <div>
          <button type="submit" className="button">
            {addLabel}
          </button>
        </div>
      </ActionForm>
    </section>
  );
}

function RowActions({
  list,
  row,
  fields,
  values,
  name,
}: {
  list: string;
  row: { id: number };
  fields: RowField[];
  values: Record<string, string>;
  name: string;
}) {
  const changeErrors = useFormErrors("update-row", list, row.id);
  const removeErrors = useFormErrors("remove-row", list, row.id);
  return (
    <>
      <details open={Object.keys(changeErrors).length > 0 || undefined}>
        <summary>
          Ändra<span className="visually-hidden"> {name}</span>
        </summary>
        <ActionForm intent="update-row" fields={{ list, rowId: row.id }} className="stack">
          <RowFields fields={fields} values={values} errors={changeErrors} />
          <div>
            <button type="submit" className="button">
              Spara<span className="visually-hidden"> {name}</span>
            </button>
          </div>
        </ActionForm>
      </details>
      <ActionForm intent="remove-row" fields={{ list, rowId: row.id }}>
        <button type="submit" className="button button--secondary">
          Ta bort<span className="visually-hidden"> {name}</span>
        </button>
      </ActionForm>
      {removeErrors.form ? <p className="field-error">{removeErrors.form}</p> : null}
    </>
  );
}
