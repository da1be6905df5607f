import { ActionForm } from "~/components/meeting/action-form";
import { ConfirmedActionForm } from "~/components/meeting/confirmed-action-form";
import { SelectField } from "~/components/ui/select-field";
import { formatIsoDate, formatMeetingTime } from "~/utils/format";
import { CONFIRM_FIELD } from "~/utils/confirmation";
import { steeringDocumentStatusLabels } from "../../../db/domain/labels";
import type { SteeringDocumentStatus, VersionSubject } from "../../../db/domain/enums";

/** What the panel shows (steeringPanel in db/queries/steering-documents.ts, as the loader serialises it). */
export interface SteeringPanelView {
  subject: { kind: VersionSubject; id: number };
  /** "Lägesbild 2026", "Åtgärdsplan". */
  title: string;
  status: SteeringDocumentStatus;
  steeringGroup: { id: number; name: string } | null;
  current: { id: number; label: string; meetingId: number | null; agendaItemId: number | null } | null;
  decided: {
    versionId: number;
    label: string;
    adoptedAt: string;
    paragraph: string;
    meetingId: number;
    decisionId: number;
    groupName: string;
    sha256: string;
  }[];
  meetingChoices: { id: number; title: string; startsAt: string; status: string }[];
  mayHandOver: boolean;
  handedOverAt: string | null;
}

export type SteeringPanelResult = { ok: true; message: string } | { ok: false; fieldErrors: Record<string, string | undefined> };

/**
 * The lifecycle of a lägesbild, an åtgärdsplan or a kommunikationsplan on its page: where it stands (utkast, för beslut,
 * fastställd, överlämnad), the version up for decision or decided with its PDF/A and Word files, and the
 * steps the viewer may take: put it up for decision on a meeting of the lokal styrgrupp, hand it over.
 * The forms post to the page's own action (intents "put-up" and "hand-over").
 */
export function SteeringLifecyclePanel({ panel, result: answer }: { panel: SteeringPanelView; result?: SteeringPanelResult | { intent: string } }) {
  // The page's other forms (sources, activities) answer with their intent, and show their answers themselves.
  const result = answer && !("intent" in answer) ? answer : undefined;
  const errors = result && !result.ok ? result.fieldErrors : {};
  const lower = panel.title.charAt(0).toLowerCase() + panel.title.slice(1);
  const [lastDecided] = panel.decided;
  // A refusal about the meeting is shown at its select; without one (nothing to choose from) it is shown here.
  const pageError = errors.form ?? (panel.meetingChoices.length === 0 ? errors.meetingId : undefined);
  return (
    <section className="steering-panel" aria-labelledby="beslut-rubrik">
      <h2 id="beslut-rubrik">Beslut och överlämnande</h2>
      <p>
        Status: <strong>{steeringDocumentStatusLabels[panel.status]}</strong>
        {panel.handedOverAt ? <span className="muted"> (överlämnad {formatIsoDate(panel.handedOverAt)})</span> : null}
      </p>
      {result?.ok ? (
        <p className="notice" role="status">
          {result.message}
        </p>
      ) : null}
      {pageError ? (
        <p className="field-error" role="alert">
          {pageError}
        </p>
      ) : null}
      {panel.status === "for_beslut" && panel.current ? (
        <p>
          För beslut: <VersionLinks id={panel.current.id} label={panel.current.label} />
          {panel.current.meetingId ? (
            <>
              {" "}
              på <a href={`/moten/${panel.current.meetingId}`}>mötet</a>
            </>
          ) : null}
          . Innehållet i versionen är låst; texten här kan fortsätta att skrivas och blir nästa version.
        </p>
      ) : null}
      {lastDecided ? (
        <p>
          Senast fastställd: <VersionLinks id={lastDecided.versionId} label={lastDecided.label} />, {formatIsoDate(lastDecided.adoptedAt)},{" "}
          <a href={`/moten/${lastDecided.meetingId}#beslut-${lastDecided.decisionId}`}>
            {lastDecided.paragraph} ({lastDecided.groupName})
          </a>
          .
        </p>
      ) : null}
      {panel.meetingChoices.length > 0 ? (
        <ActionForm intent="put-up" className="stack">
          {(busy) => (
            <>
              <SelectField label={`Möte i ${panel.steeringGroup?.name ?? "den lokala styrgruppen"}`} name="meetingId" required error={errors.meetingId}>
                {panel.meetingChoices.map((m) => (
                  <option key={m.id} value={m.id}>
                    {m.title}, {formatMeetingTime(m.startsAt)}
                    {m.status === "pagar" ? " (pågår)" : ""}
                  </option>
                ))}
              </SelectField>
              <button type="submit" className="button" aria-disabled={busy || undefined}>
                Lägg {lower} för beslut
              </button>
            </>
          )}
        </ActionForm>
      ) : panel.status !== "for_beslut" && panel.steeringGroup === null ? (
        <p className="muted">Överenskommelsen har ingen lokal styrgrupp som kan fastställa {lower}.</p>
      ) : null}
      {panel.mayHandOver ? (
        <ConfirmedActionForm
          intent="hand-over"
          label="Överlämna till stadsövergripande beredningsgruppen"
          question={`Överlämna ${lower}?`}
          consequence="Den fastställda versionen blir synlig för den stadsövergripande beredningsgruppen."
          confirmLabel="Ja, överlämna"
          asked={errors[CONFIRM_FIELD] !== undefined}
        />
      ) : null}
    </section>
  );
}

function VersionLinks({ id, label }: { id: number; label: string }) {
  return (
    <>
      {label} (<a href={`/versioner/${id}.pdf`}>PDF/A</a>, <a href={`/versioner/${id}.docx`}>Word</a>)
    </>
  );
}
