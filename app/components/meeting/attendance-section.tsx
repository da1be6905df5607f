import type { AttendanceRow } from "~/models/db.server";
import { attendanceRowKey } from "../../../db/domain/attendance-row-key";
import { attendanceStatuses } from "../../../db/domain/enums";
import { SelectField } from "~/components/ui/select-field";
import { TextField } from "~/components/ui/text-field";
import { attendanceStatusLabels, roleLabels } from "../../../db/domain/labels";
import { formatClock } from "~/utils/format";
import { ActionForm } from "./action-form";
import { DataTable } from "~/components/ui/data-table";
import { ShortLabel } from "~/components/ui/short-label";
import { useRef, type ReactNode } from "react";
import { useFieldsFollowSaved } from "~/utils/use-fields-follow-saved";

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
      <h2 id="narvaro" tabIndex={-1}>
        Närvaro
      </h2>
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
      {canRun && rows.some((row) => row.personId && !row.leftGroup && !row.status) ? (
        <ActionForm intent="mark-all-present">
          <button type="submit" className="button button--secondary">
            Markera alla kallade som närvarande
          </button>
        </ActionForm>
      ) : null}
      {canRun ? (
        // One form for the whole list, saved with one button in one transaction; each row keeps its own times.
        <ActionForm intent="attendance-list" className="stack attendance-list-form">
          {attendanceTable(rows, canRun, errors)}
          <div>
            <button type="submit" className="button">
              Spara närvaro
            </button>
          </div>
        </ActionForm>
      ) : (
        attendanceTable(rows, canRun, errors)
      )}
      {canRun ? (
        <details>
          <summary>Lägg till adjungerad gäst</summary>
          <ActionForm intent="add-guest" className="stack" clearOnSuccess>
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

function attendanceTable(rows: AttendanceRow[], canRun: boolean, errors: Record<string, string | undefined>) {
  return (
    <DataTable labelledBy="narvaro" className="attendance-table">
      <thead>
        <tr>
          <th scope="col">Namn</th>
          <th scope="col">Roll och funktion</th>
          <th scope="col">Närvaro</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => {
          const key = attendanceRowKey({ personId: row.personId, guestId: row.attendanceId });
          const status = row.status ?? "";
          const arrivedAt = row.arrivedAt ? formatClock(row.arrivedAt) : "";
          const leftAt = row.leftAt ? formatClock(row.leftAt) : "";
          return (
            <tr key={key} data-attendance={row.name}>
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
                {canRun && !row.leftGroup ? <span className="print-only">{attendanceText(row)}</span> : null}
                {canRun && !row.leftGroup ? (
                  <RowFields
                    saved={{
                      [`status:${key}`]: status,
                      [`arrivedAt:${key}`]: arrivedAt,
                      [`leftAt:${key}`]: leftAt,
                    }}
                  >
                    <input type="hidden" name="row" value={key} />
                    <SelectField
                      label={<ShortLabel shown="Närvaro" hidden={` för ${row.name}`} />}
                      name={`status:${key}`}
                      defaultValue={status}
                      error={errors[`status:${key}`]}
                    >
                      <option value="" disabled={row.status !== null}>
                        Ej markerad
                      </option>
                      {attendanceStatuses.map((s) => (
                        <option key={s} value={s}>
                          {attendanceStatusLabels[s]}
                        </option>
                      ))}
                    </SelectField>
                    <TextField
                      label={<ShortLabel shown="Kom" hidden={`, ${row.name}`} />}
                      name={`arrivedAt:${key}`}
                      type="time"
                      defaultValue={arrivedAt}
                      error={errors[`arrivedAt:${key}`]}
                    />
                    <TextField
                      label={<ShortLabel shown="Gick" hidden={`, ${row.name}`} />}
                      name={`leftAt:${key}`}
                      type="time"
                      defaultValue={leftAt}
                      error={errors[`leftAt:${key}`]}
                    />
                  </RowFields>
                ) : (
                  <span>{attendanceText(row)}</span>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </DataTable>
  );
}

/**
 * One row's fields. They follow the row's saved values when these change, but not over what the reader is
 * typing in them: made anew on every saved change (as they were), a row lost what was typed into it while the
 * page reloaded after its own save.
 */
function RowFields({ saved, children }: { saved: Record<string, string>; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  useFieldsFollowSaved(ref, saved);
  return (
    <div className="attendance-form" ref={ref}>
      {children}
    </div>
  );
}

/** What is saved for a row, as text: shown to those who cannot change it, and printed instead of the fields. */
function attendanceText(row: AttendanceRow): string {
  const status = row.status ? attendanceStatusLabels[row.status] : "Ej markerad";
  return `${status}${row.arrivedAt ? `, kom ${formatClock(row.arrivedAt)}` : ""}${row.leftAt ? `, gick ${formatClock(row.leftAt)}` : ""}`;
}
