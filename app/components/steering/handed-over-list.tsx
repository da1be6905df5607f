import { OnAgendas, PutOnAgendaForm } from "~/components/meeting/put-on-agenda";
import { FormResult } from "~/components/ui/form-result";
import { formatIsoDate } from "~/utils/format";
import type { VersionSubject } from "../../../db/domain/enums";
import { steeringSubjectTitle } from "../../../db/domain/labels";

export interface HandedOverDocument {
  versionId: number;
  subjectKind: VersionSubject;
  agreementTitle: string;
  year: number | null;
  adoptedAt: string;
  paragraph: string;
  groupName: string;
  handedOverAt: string;
  /** The group's meetings whose agenda has it. */
  meetings: { meetingId: number; title: string; startsAt: string }[];
}

export interface HandedOverSection {
  documents: HandedOverDocument[];
  /** The viewer runs the receiving group (chair or secretary): may put a bilaga on one of its planned meetings. */
  mayPutOnAgenda: boolean;
  plannedMeetings: { id: number; title: string; startsAt: string }[];
}

export const HANDED_OVER_TO_AGENDA_INTENT = "handed-over-to-agenda";

/**
 * "Överlämnade lägesbilder och åtgärdsplaner samt kommunikationsplaner" on the stadsövergripande beredningsgrupp's page: what
 * the local agreements have decided and handed over, each with its § and its archived PDF/A, and (for
 * the group's chair or secretary) "Lägg på dagordningen", as with a report sent up the chain.
 */
export function HandedOverList({
  section,
  message,
  errors,
}: {
  section: HandedOverSection;
  message: string | null;
  errors: Record<string, string | undefined>;
}) {
  const { documents, mayPutOnAgenda, plannedMeetings } = section;
  return (
    <section aria-labelledby="overlamnade">
      <h2 id="overlamnade">Överlämnade lägesbilder och åtgärdsplaner samt kommunikationsplaner</h2>
      <FormResult message={message} error={errors.form} />
      {documents.length === 0 ? (
        <p>Inga lägesbilder, åtgärdsplaner eller kommunikationsplaner är överlämnade ännu.</p>
      ) : (
        <ul>
          {documents.map((d) => {
            const title = `${d.agreementTitle}: ${steeringSubjectTitle(d.subjectKind, d.year)}`;
            return (
              <li key={d.versionId} data-handed-over={d.versionId}>
                {title}, fastställd {formatIsoDate(d.adoptedAt)}, {d.paragraph} ({d.groupName}), överlämnad {formatIsoDate(d.handedOverAt)} –{" "}
                <a href={`/versioner/${d.versionId}.pdf`}>PDF/A</a>
                <OnAgendas meetings={d.meetings} />
                {mayPutOnAgenda ? (
                  <PutOnAgendaForm
                    intent={HANDED_OVER_TO_AGENDA_INTENT}
                    fields={{ versionId: d.versionId }}
                    label={`Möte för ${title}`}
                    meetings={plannedMeetings}
                    error={errors.meetingId}
                  />
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
