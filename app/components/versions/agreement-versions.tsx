import { Link } from "@remix-run/react";
import { formatIsoDate } from "~/utils/format";

/** An agreement's earlier versions, each readable as it stood: shown on the agreement page and its administration page. */
export function AgreementVersionsList({
  slug,
  versions,
  heading: Heading,
}: {
  slug: string;
  versions: { version: number; createdAt: string; reason: string }[];
  heading: "h2" | "h3";
}) {
  if (versions.length === 0) return null;
  return (
    <>
      <Heading>Tidigare versioner</Heading>
      <ul>
        {versions.map((v) => (
          <li key={v.version}>
            <Link to={`/overenskommelser/${slug}/version/${v.version}`}>Version {v.version}</Link>, ersatt {formatIsoDate(v.createdAt)}: {v.reason}
          </li>
        ))}
      </ul>
    </>
  );
}
