import { useId } from "react";
import { ActionForm } from "~/components/meeting/action-form";
import { DataTable } from "~/components/ui/data-table";
import { FieldError } from "~/components/ui/text-field";
import { useFormAnswer } from "./form-errors";

export interface SourceView {
  id: number;
  title: string;
  year: number | null;
  source: string;
}

/**
 * The underlag the lägesbild builds on: a table for everyone; editors move and remove rows from
 * the table and change a row in the form under it.
 */
export function SourcesTable({ sources, editable }: { sources: SourceView[]; editable: boolean }) {
  return (
    <section aria-labelledby="underlag-rubrik" id="underlag">
      <h2 id="underlag-rubrik">Underlag och källor</h2>
      {sources.length === 0 ? (
        <p>Inga underlag angivna.</p>
      ) : (
        <DataTable labelledBy="underlag-rubrik">
          <thead>
            <tr>
              <th scope="col">Underlag</th>
              <th scope="col">År</th>
              <th scope="col">Avsändare</th>
              {editable ? <th scope="col">Ordning</th> : null}
            </tr>
          </thead>
          <tbody>
            {sources.map((s, index) => (
              <tr key={s.id} data-source-row="">
                <td>{s.title}</td>
                <td>{s.year ?? "–"}</td>
                <td>{s.source || "–"}</td>
                {editable ? (
                  <td>
                    <SourceOrder source={s} first={index === 0} last={index === sources.length - 1} />
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
      {editable ? (
        <>
          {sources.map((source) => (
            <details key={source.id} className="lagesbild-edit">
              <summary>Ändra {source.title}</summary>
              <SourceForm source={source} />
            </details>
          ))}
          <SourceForm />
        </>
      ) : null}
    </section>
  );
}

function SourceOrder({ source, first, last }: { source: SourceView; first: boolean; last: boolean }) {
  const answer = useFormAnswer(["remove-source", "move-source"], source.id);
  return (
    <div className="lagesbild-row__actions">
      <ActionForm intent="move-source" fields={{ sourceId: source.id, direction: "up" }}>
        <button type="submit" className="button button--secondary" disabled={first} aria-label={`Flytta upp ${source.title}`}>
          Upp
        </button>
      </ActionForm>
      <ActionForm intent="move-source" fields={{ sourceId: source.id, direction: "down" }}>
        <button type="submit" className="button button--secondary" disabled={last} aria-label={`Flytta ned ${source.title}`}>
          Ned
        </button>
      </ActionForm>
      <ActionForm intent="remove-source" fields={{ sourceId: source.id }}>
        <button type="submit" className="button button--secondary" aria-label={`Ta bort ${source.title}`}>
          Ta bort
        </button>
      </ActionForm>
      {answer.errors.form ? <p className="field-error">{answer.errors.form}</p> : null}
    </div>
  );
}

function SourceForm({ source }: { source?: SourceView }) {
  const target = source ? source.id : "new";
  const answer = useFormAnswer(["add-source", "edit-source"], target);
  const id = useId();
  const field = (name: "title" | "year" | "source", label: string, props: Record<string, unknown>) => (
    <div className="field">
      <label htmlFor={`${id}-${name}`}>{label}</label>
      <input
        id={`${id}-${name}`}
        name={name}
        defaultValue={source ? (source[name] ?? "") : ""}
        aria-invalid={answer.errors[name] ? true : undefined}
        aria-describedby={answer.errors[name] ? `${id}-${name}-error` : undefined}
        {...props}
      />
      <FieldError id={`${id}-${name}-error`} message={answer.errors[name]} />
    </div>
  );
  const key = source ? `${source.title}|${source.year}|${source.source}` : "new";
  return (
    <div className="lagesbild-row" key={key}>
      <ActionForm
        intent={source ? "edit-source" : "add-source"}
        fields={source ? { sourceId: source.id } : {}}
        className="lagesbild-row__form"
        clearOnSuccess={!source}
      >
        {source ? null : <h3 className="lagesbild-row__title">Lägg till underlag</h3>}
        {field("title", "Underlag", { maxLength: 200, required: true })}
        {field("year", "År", { inputMode: "numeric", maxLength: 4 })}
        {field("source", "Avsändare", { maxLength: 200 })}
        <button type="submit" className="button button--secondary">
          {source ? "Spara" : "Lägg till"}
        </button>
      </ActionForm>
      {answer.errors.form ? <p className="field-error">{answer.errors.form}</p> : null}
    </div>
  );
}
