import { Link } from "@remix-run/react";
import type { ActionRowStatus, RagMark } from "../../../db/domain/enums";
import { actionRowStatusLabels } from "../../../db/domain/labels";
import { ConfirmedActionForm } from "~/components/meeting/confirmed-action-form";
import { ActionForm } from "~/components/meeting/action-form";
import { RagBadge, ReportForm, ReportHistory, type RowReport } from "~/components/plan/row-follow-up";
import { SelectField } from "~/components/ui/select-field";
import { TextField } from "~/components/ui/text-field";
import { formatIsoDate, formatLongDate } from "~/utils/format";

export interface PromiseActivity {
  id: number;
  title: string;
  responsiblePersonId: number | null;
  responsibleName: string | null;
  startsOn: string | null;
  endsOn: string | null;
  latest: (RowReport & { status: ActionRowStatus; rag: RagMark | null }) | null;
  history: RowReport[];
}

export interface CitizenPromise {
  id: number;
  paragraph: string;
  title: string;
  text: string;
  adoptedAt: string;
  meetingId: number;
  final: boolean;
  mayOpenMeeting: boolean;
  activities: PromiseActivity[];
}

interface FormState {
  /** Which form the last refusal belongs to ("promise-3", "activity-12"). */
  target: string | null;
  errors: Record<string, string | undefined>;
}

export function activityPeriod(a: { startsOn: string | null; endsOn: string | null }): string {
  if (!a.startsOn && !a.endsOn) return "Ej angiven";
  return `${a.startsOn ? formatIsoDate(a.startsOn) : "…"} – ${a.endsOn ? formatIsoDate(a.endsOn) : "…"}`;
}

/** The latest follow-up's status, RAG mark (in words, not only colour) and date; "Ej uppföljd" before the first. */
export function LatestFollowUp({ latest }: { latest: PromiseActivity["latest"] }) {
  if (!latest) return <span className="muted">Ej uppföljd</span>;
  return (
    <>
      {actionRowStatusLabels[latest.status]}
      {latest.rag ? <RagBadge rag={latest.rag} /> : null}
      <span className="muted"> ({formatIsoDate(latest.reportedAt)})</span>
    </>
  );
}

/** One löfte: its §, text, activities table and, per activity, the follow-up history and the styrgrupp's forms. */
export function PromiseEntry({
  promise,
  mayEdit,
  people,
  state,
}: {
  promise: CitizenPromise;
  mayEdit: boolean;
  people: { id: number; name: string }[];
  state: FormState;
}) {
  const headingId = `lofte-${promise.id}`;
  return (
    <section aria-labelledby={headingId} className="promise" data-promise={promise.paragraph}>
      <h2 id={headingId}>
        {promise.paragraph}: {promise.title} {promise.final ? null : <span className="badge badge--warn">Ej justerat</span>}
      </h2>
      <p className="muted">
        Beslutat {formatLongDate(promise.adoptedAt)}
        {promise.mayOpenMeeting ? (
          <>
            {" "}
            vid <Link to={`/moten/${promise.meetingId}`}>styrgruppens möte</Link>
          </>
        ) : null}
        .
      </p>
      {promise.text.split("\n").map((line, i) => (line.trim() ? <p key={i}>{line}</p> : null))}
      <h3>Aktiviteter</h3>
      {promise.activities.length === 0 ? (
        <p className="muted">Inga aktiviteter är registrerade under löftet.</p>
      ) : (
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">Aktiviteter under {promise.paragraph}</caption>
            <thead>
              <tr>
                <th scope="col">Aktivitet</th>
                <th scope="col">Ansvarig</th>
                <th scope="col">Period</th>
                <th scope="col">Senaste uppföljning</th>
                <th scope="col">Kommentar</th>
              </tr>
            </thead>
            <tbody>
              {promise.activities.map((a) => (
                <tr key={a.id} data-activity={a.title}>
                  <th scope="row">{a.title}</th>
                  <td>{a.responsibleName ?? "Ej angiven"}</td>
                  <td className="nowrap">{activityPeriod(a)}</td>
                  <td>
                    <LatestFollowUp latest={a.latest} />
                  </td>
                  <td>{a.latest?.comment || <span className="muted">–</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {promise.activities.map((a) => (
        <details key={a.id} className="plan-row__more" data-activity-history={a.title}>
          <summary>
            Uppföljning{mayEdit ? " och ändringar" : ""}: {a.title}
          </summary>
          <ReportHistory reports={a.history} />
          {mayEdit ? (
            <>
              <ReportForm fields={{ activityId: a.id }} title={a.title} latest={a.latest} />
              <ActivityForm
                intent="edit-activity"
                fields={{ activityId: a.id }}
                legend={`Ändra aktiviteten`}
                activity={a}
                people={people}
                errors={state.target === `activity-${a.id}` ? state.errors : {}}
              />
              <ConfirmedActionForm
                intent="remove-activity"
                fields={{ activityId: a.id }}
                label="Ta bort aktiviteten"
                question={`Ta bort aktiviteten ”${a.title}”?`}
                consequence="Aktiviteten tas bort ur registret. Dess uppföljningar sparas men kan inte längre kompletteras."
                confirmLabel="Ja, ta bort aktiviteten"
                asked={state.target === `activity-${a.id}` && state.errors.confirm !== undefined}
                buttonClassName="button button--secondary"
              />
            </>
          ) : null}
        </details>
      ))}
      {mayEdit ? (
        <ActivityForm
          intent="add-activity"
          fields={{ decisionId: promise.id }}
          legend={`Lägg till en aktivitet under ${promise.paragraph}`}
          activity={null}
          people={people}
          errors={state.target === `promise-${promise.id}` ? state.errors : {}}
        />
      ) : null}
    </section>
  );
}

function ActivityForm({
  intent,
  fields,
  legend,
  activity,
  people,
  errors,
}: {
  intent: string;
  fields: Record<string, number>;
  legend: string;
  activity: PromiseActivity | null;
  people: { id: number; name: string }[];
  errors: Record<string, string | undefined>;
}) {
  return (
    <ActionForm intent={intent} fields={fields} className="report-form" clearOnSuccess={activity === null}>
      {(busy) => (
        <fieldset>
          <legend>{legend}</legend>
          <TextField label="Aktivitet" name="title" required maxLength={300} defaultValue={activity?.title} error={errors.title} />
          <SelectField label="Ansvarig" name="responsiblePersonId" defaultValue={activity?.responsiblePersonId ?? ""} error={errors.responsiblePersonId}>
            <option value="">Ingen angiven</option>
            {people.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </SelectField>
          <TextField label="Från" name="startsOn" type="date" defaultValue={activity?.startsOn ?? ""} error={errors.startsOn} />
          <TextField label="Till" name="endsOn" type="date" defaultValue={activity?.endsOn ?? ""} error={errors.endsOn} />
          {errors.form ? (
            <p className="field-error" role="alert">
              {errors.form}
            </p>
          ) : null}
          <button type="submit" className="button">
            {busy ? "Sparar…" : activity ? "Spara ändringen" : "Lägg till aktiviteten"}
          </button>
        </fieldset>
      )}
    </ActionForm>
  );
}
