import { ActionForm } from "~/components/meeting/action-form";
import { SelectField } from "~/components/ui/select-field";
import { formatMeetingTime } from "~/utils/format";

interface MeetingChoice {
  id: number;
  title: string;
  startsAt: string;
}

/** "På dagordningen för: …": the meetings whose agenda already has something received (a report, a handed-over bilaga). */
export function OnAgendas({ meetings }: { meetings: { meetingId: number; title: string; startsAt: string }[] }) {
  if (meetings.length === 0) return null;
  return (
    <p>
      På dagordningen för:{" "}
      {meetings.map((m, i) => (
        <span key={m.meetingId}>
          {i > 0 ? ", " : null}
          <a href={`/moten/${m.meetingId}`}>
            {m.title} {formatMeetingTime(m.startsAt)}
          </a>
        </span>
      ))}
    </p>
  );
}

/** "Lägg på dagordningen": the receiving group's chair or secretary picks one of its planned meetings. */
export function PutOnAgendaForm({
  intent,
  fields,
  label,
  meetings,
  error,
}: {
  intent: string;
  fields: Record<string, string | number>;
  /** The select's label, naming what goes on the agenda ("Möte för rapporten ”…”"). */
  label: string;
  meetings: MeetingChoice[];
  error: string | undefined;
}) {
  if (meetings.length === 0) return null;
  return (
    <ActionForm intent={intent} fields={fields}>
      <SelectField label={label} name="meetingId" error={error}>
        {meetings.map((m) => (
          <option key={m.id} value={m.id}>
            {m.title} {formatMeetingTime(m.startsAt)}
          </option>
        ))}
      </SelectField>
      <button type="submit" className="button">
        Lägg på dagordningen
      </button>
    </ActionForm>
  );
}
