import type { ReactNode } from "react";
import { formatLongDate, formatClock } from "~/utils/format";

interface Segment {
  text: string;
  change: "same" | "ins" | "del";
}

interface Side {
  id: number;
  label: string;
  createdAt: string;
}

export interface ComparisonData {
  before: Side;
  after: Side;
  parts: { title: string; missingBefore: boolean; missingAfter: boolean; before: Segment[][]; after: Segment[][]; changed: boolean }[];
  fields: { what: string; before: string; after: string }[];
}

/** "14 mars 2025 kl. 10.05", the way the versions page states when a version was saved. */
export function versionTime(at: string): string {
  return `${formatLongDate(at)} kl. ${formatClock(at).replace(":", ".")}`;
}

/**
 * A marked change. <ins> and <del> are not announced by every screen reader, so each also starts
 * with a visually hidden "Tillagt:" / "Borttaget:"; the colour and the line through or under the
 * words show it to everyone else (colour is not the only cue).
 */
function Marked({ segment }: { segment: Segment }): ReactNode {
  if (segment.change === "same") return segment.text;
  const Tag = segment.change === "ins" ? "ins" : "del";
  return (
    <Tag>
      <span className="visually-hidden">{segment.change === "ins" ? "Tillagt: " : "Borttaget: "}</span>
      {segment.text}
    </Tag>
  );
}

function Column({ heading, paragraphs, missing }: { heading: string; paragraphs: Segment[][]; missing: boolean }) {
  return (
    <div className="compare__column">
      <p className="compare__side">{heading}</p>
      {missing ? <p className="muted">Avsnittet fanns inte i den här versionen.</p> : null}
      {!missing && paragraphs.length === 0 ? <p className="muted">Ingen text.</p> : null}
      {paragraphs.map((paragraph, index) => (
        <p key={index}>
          {paragraph.map((segment, i) => (
            <Marked key={i} segment={segment} />
          ))}
        </p>
      ))}
    </div>
  );
}

/**
 * Two versions side by side, part by part, then the changed fields of the rows around the text
 * (`fieldsHeading`; `noFields` says there are none): a lägesbild's sections and tables, a plan's rows.
 */
export function Comparison({ data, fieldsHeading, noFields }: { data: ComparisonData; fieldsHeading: string; noFields: string }) {
  const beforeHeading = `Före: ${data.before.label}`;
  const afterHeading = `Efter: ${data.after.label}`;
  return (
    <section aria-labelledby="comparison-heading" className="compare">
      <h2 id="comparison-heading" tabIndex={-1}>
        Jämförelse
      </h2>
      <p>
        ”{data.before.label}” ({versionTime(data.before.createdAt)}) jämförd med ”{data.after.label}” ({versionTime(data.after.createdAt)}).
      </p>
      <div className="compare__legend" aria-label="Teckenförklaring" role="note">
        <p>
          Teckenförklaring: <del>överstruken text</del> är borttagen, <ins>understruken text</ins> är tillagd. Vänster kolumn är den äldre versionen, höger den
          nyare.
        </p>
      </div>
      {data.parts.map((part, index) => (
        <div key={index} className="compare__part">
          <h3>
            {part.title}
            {part.changed ? null : <span className="muted"> (oförändrat)</span>}
          </h3>
          <div className="compare__columns">
            <Column heading={beforeHeading} paragraphs={part.before} missing={part.missingBefore} />
            <Column heading={afterHeading} paragraphs={part.after} missing={part.missingAfter} />
          </div>
        </div>
      ))}
      <h3>{fieldsHeading}</h3>
      {data.fields.length === 0 ? (
        <p>{noFields}</p>
      ) : (
        <ul className="compare__fields">
          {data.fields.map((field, index) => (
            <li key={index}>
              {field.what}: {field.before} → {field.after}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
