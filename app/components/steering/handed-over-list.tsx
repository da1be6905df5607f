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
}

/**
 * "Överlämnade lägesbilder och åtgärdsplaner samt kommunikationsplaner" on the stadsövergripande beredningsgrupp's page: what
 * the local agreements have decided and handed over, each with its § and its archived PDF/A.
 */
export function HandedOverList({ documents }: { documents: HandedOverDocument[] }) {
  return (
    <section aria-labelledby="overlamnade">
      <h2 id="overlamnade">Överlämnade lägesbilder och åtgärdsplaner samt kommunikationsplaner</h2>
      {documents.length === 0 ? (
        <p>Inga lägesbilder, åtgärdsplaner eller kommunikationsplaner är överlämnade ännu.</p>
      ) : (
        <ul>
          {documents.map((d) => (
            <li key={d.versionId}>
              {d.agreementTitle}: {steeringSubjectTitle(d.subjectKind, d.year)}, fastställd {formatIsoDate(d.adoptedAt)}, {d.paragraph} ({d.groupName}),
              överlämnad {formatIsoDate(d.handedOverAt)} – <a href={`/versioner/${d.versionId}.pdf`}>PDF/A</a>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
