import type { AttendanceRow } from "../../../db/queries/attendance";
import { attendanceStatuses } from "../../../db/schema/enums";
import { SelectField } from "~/components/ui/select-field";
import { TextField } from "~/components/ui/text-field";
import { attendanceStatusLabels, roleLabels } from "~/utils/labels";
import { formatClock } from "~/utils/format";
import { ActionForm } from "./action-form";
import { DataTable } from "~/components/ui/data-table";

interface Props {
  rows: AttendanceRow[];
  missingFunctions: string[];
  canRun: boolean;
  errors: Record<string, string | undefined>;
}

/** Närvaro: members and co-opted guests, with arrival and departure times. */
export function AttendanceSection({ rows, missingFunctions, canRun, errors }: Props) {
  return (
    <section aria-labelledby="narvaro">
      <h2 id="narvaro">Närvaro</h2>
      {!rows.some((row) => row.status) ? (
        // Before anyone is marked every function "saknas": say what is required instead of raising an alarm.
        <p className="notice">
          Ingen närvaro är markerad ännu.
          {missingFunctions.length > 0 ? ` Överenskommelsen kräver att dessa funktioner är närvarande: ${missingFunctions.join(", ")}.` : null}
        </p>
      ) : missingFunctions.length > 0 ? (
        <p className="notice notice--error">{missingFunctions.map((f) => `${f} saknas`).join(". ")}.</p>
      ) : (
        <p className="notice notice--ok">Alla funktioner som överenskommelsen kräver är närvarande.</p>
      )}
      <DataTable labelledBy="narvaro" className="attendance-table">
        <thead>
          <tr>
            <th scope="col">Namn</th>
            <th scope="col">Roll och funktion</th>
            <th scope="col">Närvaro</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.personId ? `p${row.personId}` : `g${row.attendanceId}`} data-attendance={row.name}>
              <td>
                {row.name}
                {row.organisation ? <div className="muted">{row.organisation}</div> : null}
              </td>
              <td>
                {row.role === "gast" ? "Adjungerad gäst" : roleLabels[row.role]}
                {row.functionName ? <div className="muted">{row.functionName}</div> : null}
                {row.leftGroup ? <div className="muted">Har lämnat gruppen</div> : null}
              </td>
              <td>
                {canRun && !row.leftGroup ? (
                  <ActionForm
                    intent={row.personId ? "member-attendance" : "guest-attendance"}
                    fields={row.personId ? { personId: row.personId } : { attendanceId: row.attendanceId! }}
                    className="attendance-form"
                  >
                    <SelectField label={`Närvaro för ${row.name}`} name="status" defaultValue={row.status ?? ""}>
                      <option value="" disabled>
                        Ej markerad
                      </option>
                      {attendanceStatuses.map((s) => (
                        <option key={s} value={s}>
                          {attendanceStatusLabels[s]}
                        </option>
                      ))}
                    </SelectField>
                    <TextField label="Kom" name="arrivedAt" type="time" defaultValue={row.arrivedAt ? formatClock(row.arrivedAt) : ""} />
                    <TextField label="Gick" name="leftAt" type="time" defaultValue={row.leftAt ? formatClock(row.leftAt) : ""} />
                    <button type="submit" className="button button--secondary">
                      Spara<span className="visually-hidden"> närvaro för {row.name}</span>
                    </button>
                  </ActionForm>
                ) : (
                  <span>
                    {row.status ? attendanceStatusLabels[row.status] : "Ej markerad"}
                    {row.arrivedAt ? `, kom ${formatClock(row.arrivedAt)}` : ""}
                    {row.leftAt ? `, gick ${formatClock(row.leftAt)}` : ""}
                  </span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </DataTable>
      {errors.leftAt || errors.status ? <p className="field-error">{errors.leftAt ?? errors.status}</p> : null}
      {canRun ? (
        <details>
          <summary>Lägg till adjungerad gäst</summary>
          <ActionForm intent="add-guest" className="stack">
            <TextField label="Namn" name="name" required error={errors.name} />
            <TextField label="Organisation" name="organisation" error={errors.organisation} />
            <TextField label="Funktion" name="functionName" error={errors.functionName} />
            <div>
              <button type="submit" className="button button--secondary">
                Lägg till gäst
              </button>
            </div>
          </ActionForm>
        </details>
      ) : null}
    </section>
  );
}
