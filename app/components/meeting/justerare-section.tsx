import type { AttendanceRow } from "~/models/db.server";
import type { ApproverCapacity } from "../../../db/domain/enums";
import { approverCapacityLabels } from "../../../db/domain/labels";
import { ActionForm } from "./action-form";

interface Props {
  approvers: { personId: number; name: string; capacity: ApproverCapacity }[];
  members: AttendanceRow[];
  /** The chair who signs as ordförande (the one leading the meeting): not a justerare as well. */
  signingChairId: number | null;
  /** Chair or secretary of a meeting not yet justerat: may choose the justerare. */
  mayChoose: boolean;
  error?: string;
}

/**
 * Justerare near the top of the page: who signs the protocol, known from the start,
 * and where the chair chooses them. Their approvals are under Justering at the end.
 */
export function JusterareSection({ approvers, members, signingChairId, mayChoose, error }: Props) {
  return (
    <section aria-labelledby="justerare">
      <h2 id="justerare" tabIndex={-1}>
        Justerare
      </h2>
      {approvers.length === 0 ? (
        <p>Inga justerare är valda.</p>
      ) : (
        <ul data-chosen-approvers>
          {approvers.map((a) => (
            <li key={a.personId}>
              {approverCapacityLabels[a.capacity]}: {a.name}
            </li>
          ))}
        </ul>
      )}
      {mayChoose ? (
        <ActionForm intent="justerare" className="stack">
          <fieldset aria-describedby={error ? "justerare-fel" : undefined}>
            <legend>Välj en eller två justerare</legend>
            {members
              .filter((m) => m.personId !== signingChairId)
              .map((m) => (
                <label key={m.personId} className="checkbox">
                  <input
                    type="checkbox"
                    name="justerare"
                    value={m.personId!}
                    defaultChecked={approvers.some((a) => a.personId === m.personId && a.capacity === "justerare")}
                  />{" "}
                  {m.name}
                </label>
              ))}
          </fieldset>
          {error ? (
            <p className="field-error" id="justerare-fel" role="alert">
              {error}
            </p>
          ) : null}
          <div>
            <button type="submit" className="button button--secondary">
              Spara justerare
            </button>
          </div>
        </ActionForm>
      ) : null}
    </section>
  );
}
