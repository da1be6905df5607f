import { formatIsoDate } from "~/utils/format";

export interface HandedOverDocument {
  versionId: number;
  subjectKind: "lagesbild" | "atgardsplan";
  agreementTitle: string;
  year: number | null;
  adoptedAt: string;
  paragraph: string;
  groupName: string;
  handedOverAt: string;
}

/**
 * "Överlämnade lägesbilder och åtgärdsplaner" on the stadsövergripande beredningsgrupp's page: what
 * the local agreements have decided and handed over, each with its § and its archived PDF/A.
 */
export function HandedOverList({ documents }: { documents: HandedOverDocument[] }) {
  return (
    <section aria-labelledby="overlamnade">
      <h2 id="overlamnade">Överlämnade lägesbilder och åtgärdsplaner</h2>
      {documents.length === 0 ? (
        <p>Inga lägesbilder eller åtgärdsplaner är överlämnade ännu.</p>
      ) : (
        <ul>
          {documents.map((d) => (
            <li key={d.versionId}>
              {d.agreementTitle}: {d.subjectKind === "lagesbild" ? `Lägesbild ${d.year}` : "Åtgärdsplan"}, fastställd {formatIsoDate(d.adoptedAt)},{" "}
              {d.paragraph} ({d.groupName}), överlämnad {formatIsoDate(d.handedOverAt)} – <a href={`/versioner/${d.versionId}.pdf`}>PDF/A</a>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
