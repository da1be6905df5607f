import { SelectField } from "~/components/ui/select-field";
import type { MeetingStatus } from "../../../db/domain/enums";
import { notYetEnded } from "../../../db/domain/meeting-status";
import { ActionForm } from "./action-form";

interface Props {
  /** The group's ordförande: one per party when the group is led jointly. */
  chairs: { personId: number; name: string }[];
  /** The ordförande leading the meeting, null until someone leads it. */
  leadingChair: { personId: number; name: string } | null;
  status: MeetingStatus;
  canRun: boolean;
  error?: string;
}

/**
 * Who leads the meeting. A group led jointly has one ordförande per party; either
 * may lead a meeting, and a chair or the sekreterare may change who does while the
 * meeting is planned or running ("Mötesordförande"). Afterwards it is part of the record.
 */
export function MeetingChairSection({ chairs, leadingChair, status, canRun, error }: Props) {
  const shown = leadingChair ?? (chairs.length === 1 ? chairs[0]! : null);
  const changeable = canRun && chairs.length > 1 && notYetEnded(status);
  return (
    <div className="stack">
      <p data-meeting-chair={shown?.name ?? ""}>
        Ordförande för mötet: {shown ? shown.name : chairs.length > 1 ? "bestäms när mötet startar" : "ingen ordförande i gruppen"}
      </p>
      {changeable ? (
        <ActionForm intent="meeting-chair" className="stack">
          <SelectField
            label="Mötesordförande"
            name="chairedBy"
            defaultValue={leadingChair?.personId ?? ""}
            error={error}
            key={leadingChair?.personId ?? "none"}
          >
            {leadingChair ? null : <option value="">Välj ordförande</option>}
            {chairs.map((c) => (
              <option key={c.personId} value={c.personId}>
                {c.name}
              </option>
            ))}
          </SelectField>
          <div>
            <button type="submit" className="button button--secondary">
              Byt mötesordförande
            </button>
          </div>
        </ActionForm>
      ) : null}
    </div>
  );
}
