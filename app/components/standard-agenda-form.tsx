import { useId } from "react";
import { Form } from "@remix-run/react";
import type { StandardAgendaItem } from "~/models/db.server";
import { FieldError } from "~/components/ui/text-field";
import { agendaItemKindLabels } from "../../db/domain/labels";
import { formatStandardAgenda } from "~/utils/standard-agenda-text";

export const STANDARD_AGENDA_INTENT = "standardAgenda";

/** The group's standard agenda, read by every member; its chair, secretary and administrators change it here. */
export function StandardAgenda({ items, editable, error, saved }: { items: StandardAgendaItem[]; editable: boolean; error?: string; saved?: boolean }) {
  const id = useId();
  return (
    <>
      <h2 id={`${id}-heading`}>Standarddagordning</h2>
      <p>Ett nytt möte får de här ärendena. Uppföljning av uppdrag tas med när gruppen har uppdrag som inte är klara.</p>
      <ol aria-labelledby={`${id}-heading`}>
        {items.map((item, index) => (
          <li key={index}>
            {item.title} <span className="muted">({agendaItemKindLabels[item.kind].toLowerCase()})</span>
          </li>
        ))}
      </ol>
      {saved ? (
        <p className="notice notice--ok" role="status">
          Standarddagordningen är sparad. Den gäller möten som skapas från nu.
        </p>
      ) : null}
      {editable ? (
        <details open={Boolean(error)}>
          <summary>Ändra standarddagordningen</summary>
          <Form method="post" className="stack" noValidate>
            <input type="hidden" name="intent" value={STANDARD_AGENDA_INTENT} />
            <div className="field">
              <label htmlFor={id}>Ärenden i ordning</label>
              <span className="hint" id={`${id}-hint`}>
                Ett ärende per rad. Skriv (beslut) eller (diskussion) sist på raden för ärenden av den typen; övriga är information. Möten som redan är skapade
                ändras inte.
              </span>
              <textarea
                id={id}
                name="standardAgenda"
                rows={Math.max(items.length + 2, 6)}
                defaultValue={formatStandardAgenda(items)}
                aria-describedby={`${id}-hint${error ? ` ${id}-error` : ""}`}
                aria-invalid={error ? true : undefined}
              />
              <FieldError id={`${id}-error`} message={error} />
            </div>
            <div>
              <button type="submit" className="button">
                Spara standarddagordningen
              </button>
            </div>
          </Form>
        </details>
      ) : null}
    </>
  );
}
