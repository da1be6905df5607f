import { actionItemStatuses, type ActionItemStatus } from "../../../db/domain/enums";
import { actionItemStatusLabels } from "../../../db/domain/labels";

/**
 * The status select and its save button for one uppdrag, inside whichever
 * form posts it (Mina uppdrag, or the meeting page's follow-up). The label is
 * for screen readers: the uppdrag's title stands next to it on the page.
 */
export function ActionStatusFields({
  id,
  title,
  status,
  idPrefix,
  inline = false,
}: {
  id: number;
  title: string;
  status: ActionItemStatus;
  idPrefix: string;
  inline?: boolean;
}) {
  const fieldId = `${idPrefix}-${id}`;
  return (
    <>
      <label className="visually-hidden" htmlFor={fieldId}>
        Status för {title}
      </label>
      <select id={fieldId} name="status" defaultValue={status} className={inline ? "select--inline" : undefined}>
        {actionItemStatuses.map((s) => (
          <option key={s} value={s}>
            {actionItemStatusLabels[s]}
          </option>
        ))}
      </select>{" "}
      <button type="submit" className="button button--secondary">
        Spara<span className="visually-hidden"> status för {title}</span>
      </button>
    </>
  );
}
