import type { Cadence } from "~/models/db.server";

/** "1 av 2 möten hållna 2026", flagged when the group will not reach the agreement's minimum. */
export function CadenceSummary({ cadence }: { cadence: Cadence }) {
  const { held, planned, required, year, behind } = cadence;
  if (required === null) {
    return (
      <span>
        {held} {held === 1 ? "möte hållet" : "möten hållna"} {year} <span className="muted">(inget minimikrav)</span>
      </span>
    );
  }
  return (
    <span>
      {held} av {required} möten hållna {year}{" "}
      {behind ? (
        <span className="badge badge--danger">Under minimikravet</span>
      ) : held >= required ? (
        <span className="badge badge--ok">Minimikravet uppfyllt</span>
      ) : (
        <span className="badge badge--warn">
          {planned} {planned === 1 ? "möte planerat" : "möten planerade"}
        </span>
      )}
    </span>
  );
}
