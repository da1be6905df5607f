import type { AttendanceRow } from "~/models/db.server";
import { SelectField } from "~/components/ui/select-field";
import { TextField } from "~/components/ui/text-field";
import { formatIsoDate } from "~/utils/format";
import { actionItemStatusLabels } from "../../../db/domain/labels";
import type { ActionItemStatus } from "../../../db/domain/enums";
import { OverdueBadge } from "~/components/ui/overdue-badge";
import { ParagraphLink } from "~/components/ui/paragraph-link";
import { ActionForm } from "./action-form";

interface Props {
  items: {
    id: number;
    title: string;
    ownerName: string;
    assigneeGroupName: string | null;
    dueOn: string | null;
    status: ActionItemStatus;
    overdue: boolean;
    meetingId: number | null;
    agendaItemId: number | null;
    paragraphNumber: number | null;
    paragraphYear: number | null;
  }[];
  agenda: { id: number; title: string }[];
  members: AttendanceRow[];
  canEdit: boolean;
  /** The åtgärder of the agreement's plan an uppdrag may serve. */
  planRows: { id: number; title: string }[];
  /** The agreement's other groups and their members, to whom an uppdrag may go. */
  assigneeGroups: { id: number; name: string; members: { personId: number; name: string }[] }[];
  errors: Record<string, string | undefined>;
}

/** Uppdrag given at the meeting, and the form to give one. */
export function ActionItemsSection({ items, agenda, members, canEdit, planRows, assigneeGroups, errors }: Props) {
  return (
    <section aria-labelledby="uppdrag">
      <h2 id="uppdrag" tabIndex={-1}>
        Uppdrag
      </h2>
      {items.length === 0 ? <p>Inga uppdrag från mötet.</p> : null}
      <ul>
        {items.map((a) => (
          <li key={a.id} data-action-item={a.title}>
            {a.paragraphNumber !== null ? (
              <>
                <ParagraphLink item={a} />:{" "}
              </>
            ) : null}
            {a.title} – {a.ownerName}
            {a.assigneeGroupName ? ` (${a.assigneeGroupName})` : ""}
            {a.dueOn ? `, senast ${formatIsoDate(a.dueOn)}` : ""} <span className="badge badge--neutral">{actionItemStatusLabels[a.status]}</span>
            <OverdueBadge overdue={a.overdue} />
          </li>
        ))}
      </ul>
      {canEdit ? (
        <ActionForm intent="add-action" className="stack" clearOnSuccess>
          <h3>Nytt uppdrag</h3>
          <TextField label="Uppdrag" name="title" required error={errors.title} />
          <SelectField label="Ansvarig" name="ownerId" defaultValue="" error={errors.ownerId}>
            <option value="">Välj ansvarig</option>
            <optgroup label="Gruppens medlemmar">
              {members.map((m) => (
                <option key={m.personId} value={m.personId!}>
                  {m.name}
                </option>
              ))}
            </optgroup>
            {/* A member of another group of the agreement: the uppdrag then goes to that group ("group:person"). */}
            {assigneeGroups.map((group) => (
              <optgroup key={group.id} label={`Till ${group.name}`}>
                {group.members.map((m) => (
                  <option key={m.personId} value={`${group.id}:${m.personId}`}>
                    {m.name} ({group.name})
                  </option>
                ))}
              </optgroup>
            ))}
          </SelectField>
          <TextField
            label="Eller: e-postadress till en person utanför grupperna"
            name="ownerEmail"
            type="email"
            autoComplete="off"
            hint="Personen måste ha ett konto i Samverkan. Hen ser uppdraget under Mina uppdrag."
            error={errors.ownerEmail}
          />
          <SelectField label="Från ärende" name="agendaItemId" defaultValue="" error={errors.agendaItemId}>
            <option value="">Inget särskilt ärende</option>
            {agenda.map((item) => (
              <option key={item.id} value={item.id}>
                {item.title}
              </option>
            ))}
          </SelectField>
          {planRows.length > 0 ? (
            <SelectField label="Hör till åtgärd" name="actionRowId" defaultValue="" error={errors.actionRowId}>
              <option value="">Ingen åtgärd</option>
              {planRows.map((row) => (
                <option key={row.id} value={row.id}>
                  {row.title}
                </option>
              ))}
            </SelectField>
          ) : null}
          <TextField label="Klart senast" name="dueOn" type="date" error={errors.dueOn} />
          <div>
            <button type="submit" className="button">
              Lägg till uppdrag
            </button>
          </div>
        </ActionForm>
      ) : null}
    </section>
  );
}
