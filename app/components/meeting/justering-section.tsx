import type { ApprovalState } from "~/models/db.server";
import type { ApproverCapacity } from "../../../db/domain/enums";
import { approverCapacityLabels } from "../../../db/domain/labels";
import { TextField } from "~/components/ui/text-field";
import { formatIsoDate, formatMeetingTime } from "~/utils/format";
import { ActionForm } from "./action-form";
import { ConfirmedActionForm } from "./confirmed-action-form";

interface Props {
  approvers: {
    personId: number;
    name: string;
    capacity: ApproverCapacity;
    approvedAt: string | null;
    approval: ApprovalState;
    comment: string | null;
  }[];
  addenda: { id: number; text: string; createdAt: string; author: string }[];
  viewerId: number;
  canRun: boolean;
  locked: boolean;
  meetingEnded: boolean;
  errors: Record<string, string | undefined>;
  /** The server asked the viewer to confirm their justering (a post without JavaScript). */
  approvalAsked: boolean;
}

/** Justering: each approver's approval and comment, the viewer's own justering, and dated addenda once locked. (Who they are is chosen near the top: JusterareSection.) */
export function JusteringSection({ approvers, addenda, viewerId, canRun, locked, meetingEnded, errors, approvalAsked }: Props) {
  const myApproval = approvers.find((a) => a.personId === viewerId);
  // The last approval of the current version locks the minutes: then the question says so plainly.
  const locksNow = approvers.every((a) => a.personId === viewerId || a.approval === "holds");
  return (
    <section aria-labelledby="justering">
      <h2 id="justering" tabIndex={-1}>
        Justering
      </h2>
      {approvers.length === 0 ? <p>Inga justerare är valda.</p> : null}
      <ul>
        {approvers.map((a) => (
          <li key={a.personId} data-approver={a.name}>
            {approverCapacityLabels[a.capacity]}: {a.name} – {approvalText(a)}
            {a.comment ? <div className="muted">Kommentar: {a.comment}</div> : null}
          </li>
        ))}
      </ul>
      {addenda.length > 0 ? (
        <>
          <h3>Tillägg efter justering</h3>
          <ul>
            {addenda.map((a) => (
              <li key={a.id}>
                <strong>{formatIsoDate(a.createdAt)}</strong> ({a.author}): {a.text}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {canRun && locked ? (
        <ActionForm intent="addendum" className="stack" clearOnSuccess>
          <TextField label="Dagsfört tillägg till protokollet" name="addendum" error={errors.addendum} />
          <div>
            <button type="submit" className="button button--secondary">
              Lägg till tillägg
            </button>
          </div>
        </ActionForm>
      ) : null}
      {myApproval && myApproval.approval !== "holds" && meetingEnded ? (
        <div className="stack">
          {myApproval.approval === "voided" ? (
            <p className="notice" data-approval-voided>
              <strong>Protokollet har ändrats sedan du justerade det.</strong> Din justering gäller inte längre: läs igenom protokollet och justera igen.
            </p>
          ) : (
            <p>Läs protokollet och justera det när det stämmer.</p>
          )}
          <ActionForm intent="comment" className="stack" clearOnSuccess>
            <TextField label="Kommentar till protokollet" name="comment" error={errors.comment} />
            <div>
              <button type="submit" className="button button--secondary">
                Spara kommentar
              </button>
            </div>
          </ActionForm>
          <ConfirmedActionForm
            intent="approve-minutes"
            label={myApproval.approval === "voided" ? "Justera protokollet igen" : "Justera protokollet"}
            question="Justera protokollet?"
            consequence={
              locksNow
                ? "Du är den sista som justerar. Protokollet låses nu och kan inte ändras; senare ändringar görs som dagsförda tillägg."
                : "Din justering gäller protokollet som det ser ut nu. När alla har justerat låses protokollet och kan inte ändras. Ändras det innan dess behöver du justera igen."
            }
            confirmLabel="Ja, justera protokollet"
            asked={approvalAsked}
          />
        </div>
      ) : null}
    </section>
  );
}

function approvalText(approver: Props["approvers"][number]): string {
  if (!approver.approvedAt) return "ej justerat";
  const when = formatMeetingTime(approver.approvedAt);
  return approver.approval === "holds" ? `justerat ${when}` : `justerade ${when}, men protokollet har ändrats sedan dess – ska justera igen`;
}
