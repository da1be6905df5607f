import { useId } from "react";
import { ActionForm } from "~/components/meeting/action-form";
import { DataTable } from "~/components/ui/data-table";
import { FieldError } from "~/components/ui/text-field";
import { useFormAnswer } from "./form-errors";

export interface PlaceView {
  id: number;
  name: string;
  district: string;
  type: string;
  why: string;
  since: string | null;
  priorityAreaIds: number[];
}

const PLACE_TYPES = ["Torg", "Centrum", "Stråk", "Skola", "Park", "Tunnelbanestation", "Bostadsområde", "Idrottsplats"];

/** The agreement's avgränsade platser: listed for everyone, changed in place by editors, archived rather than deleted. */
export function PlacesTable({ places, priorityAreas, editable }: { places: PlaceView[]; priorityAreas: { id: number; name: string }[]; editable: boolean }) {
  const typesId = useId();
  const areaName = new Map(priorityAreas.map((a) => [a.id, a.name]));
  return (
    <section aria-labelledby="platser-rubrik" id="platser">
      <h2 id="platser-rubrik">Platser</h2>
      <datalist id={typesId}>
        {PLACE_TYPES.map((t) => (
          <option key={t} value={t} />
        ))}
      </datalist>
      {places.length === 0 ? (
        <p>Inga platser angivna.</p>
      ) : (
        <DataTable labelledBy="platser-rubrik">
          <thead>
            <tr>
              <th scope="col">Plats</th>
              <th scope="col">Område</th>
              <th scope="col">Typ</th>
              <th scope="col">Varför</th>
              <th scope="col">Sedan</th>
              <th scope="col">Prioriterade områden</th>
            </tr>
          </thead>
          <tbody>
            {places.map((p) => (
              <tr key={p.id}>
                <td>{p.name}</td>
                <td>{p.district || "–"}</td>
                <td>{p.type || "–"}</td>
                <td>{p.why || "–"}</td>
                <td>{p.since ?? "–"}</td>
                <td>{p.priorityAreaIds.map((id) => areaName.get(id)).join(", ") || "–"}</td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
      {editable ? (
        <>
          {places.map((p) => (
            <details key={p.id} className="lagesbild-edit">
              <summary>Ändra {p.name}</summary>
              <PlaceForm place={p} priorityAreas={priorityAreas} typesId={typesId} />
            </details>
          ))}
          <PlaceForm priorityAreas={priorityAreas} typesId={typesId} />
        </>
      ) : null}
    </section>
  );
}

function PlaceForm({ place, priorityAreas, typesId }: { place?: PlaceView; priorityAreas: { id: number; name: string }[]; typesId: string }) {
  const target = place ? place.id : "new";
  const answer = useFormAnswer(["add-place", "edit-place", "archive-place"], target);
  const id = useId();
  const described = (name: string) => (answer.errors[name] ? { "aria-invalid": true as const, "aria-describedby": `${id}-${name}-error` } : {});
  const text = (name: "name" | "district" | "type" | "why", label: string, maxLength: number, extra: Record<string, unknown> = {}) => (
    <div className="field">
      <label htmlFor={`${id}-${name}`}>{label}</label>
      <input id={`${id}-${name}`} name={name} defaultValue={place?.[name] ?? ""} maxLength={maxLength} {...described(name)} {...extra} />
      <FieldError id={`${id}-${name}-error`} message={answer.errors[name]} />
    </div>
  );
  return (
    <div className="lagesbild-row">
      <ActionForm
        intent={place ? "edit-place" : "add-place"}
        fields={place ? { placeId: place.id } : {}}
        className="lagesbild-row__form"
        clearOnSuccess={!place}
      >
        {place ? null : <h3 className="lagesbild-row__title">Lägg till plats</h3>}
        {text("name", "Plats", 120, { required: true })}
        {text("district", "Område", 120)}
        {text("type", "Typ", 60, { list: typesId })}
        {text("why", "Varför", 2000)}
        <div className="field">
          <label htmlFor={`${id}-since`}>Sedan</label>
          <span className="hint" id={`${id}-since-hint`}>
            År (ÅÅÅÅ) eller datum (ÅÅÅÅ-MM-DD)
          </span>
          <input
            id={`${id}-since`}
            name="since"
            defaultValue={place?.since ?? ""}
            maxLength={10}

            aria-invalid={answer.errors.since ? true : undefined}
            aria-describedby={[`${id}-since-hint`, answer.errors.since ? `${id}-since-error` : ""].join(" ").trim()}
          />
          <FieldError id={`${id}-since-error`} message={answer.errors.since} />
        </div>
        {priorityAreas.length > 0 ? (
          <fieldset>
            <legend>Prioriterade områden</legend>
            {priorityAreas.map((area) => (
              <div key={area.id} className="checkbox">
                <input
                  type="checkbox"
                  id={`${id}-area-${area.id}`}
                  name="priorityAreaIds"
                  value={area.id}
                  defaultChecked={place?.priorityAreaIds.includes(area.id)}
                />
                <label htmlFor={`${id}-area-${area.id}`}>{area.name}</label>
              </div>
            ))}
            <FieldError id={`${id}-priorityAreaIds-error`} message={answer.errors.priorityAreaIds} />
          </fieldset>
        ) : null}
        <button type="submit" className="button button--secondary">
          {place ? "Spara" : "Lägg till plats"}
        </button>
      </ActionForm>
      {place ? (
        <ActionForm intent="archive-place" fields={{ placeId: place.id }}>
          <button type="submit" className="button button--secondary">
            Arkivera {place.name}
          </button>
        </ActionForm>
      ) : null}
      {answer.errors.form ? <p className="field-error">{answer.errors.form}</p> : null}
    </div>
  );
}
