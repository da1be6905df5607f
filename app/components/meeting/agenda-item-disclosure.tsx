import { useEffect, useState, type ReactNode } from "react";
import type { ParagraphOutcome } from "../../../db/domain/enums";
import { agendaItemKindLabels, paragraphLabel, paragraphOutcomeLabels } from "../../../db/domain/labels";
import { agendaItemHeadingId } from "~/utils/meeting-anchors";

interface Props {
  item: {
    id: number;
    title: string;
    kind: "information" | "diskussion" | "beslut";
    paragraph: { number: number; year: number; outcome: ParagraphOutcome } | null;
    preparedByGroupName?: string | null;
  };
  /** Its place on the agenda, from 0. */
  index: number;
  decisions: { number: number; year: number }[];
  /** Open while the secretary types in the ärenden (a planned or running meeting); afterwards the agenda reads as a list. */
  openByDefault: boolean;
  children: ReactNode;
}

/** How an ärende is numbered on the page: its § once it has one, before that its place on the agenda ("3."). */
export function agendaItemNumber(item: { paragraph: { number: number; year: number } | null }, index: number): string {
  return item.paragraph ? paragraphLabel(item.paragraph.number, item.paragraph.year) : `${index + 1}.`;
}

/**
 * One ärende on the agenda as a native disclosure: the summary says its § once
 * dealt with (its place on the agenda before), title, kind, whether it has its
 * decision and whether it was bordlagt or struck; the rest opens and closes with
 * the summary (Enter or Space), and without JavaScript too.
 */
export function AgendaItemDisclosure({ item, index, decisions, openByDefault, children }: Props) {
  const headingId = agendaItemHeadingId(item.id);
  // Only the first render sets it: then the ärende stays as the reader left it, also when the page's data is reloaded.
  const [initiallyOpen] = useState(openByDefault);
  return (
    <li className="agenda-item" aria-labelledby={headingId} data-agenda-item={item.title}>
      <details className="agenda-item__disclosure" open={initiallyOpen}>
        <summary className="agenda-item__summary">
          <h3 id={headingId} tabIndex={-1}>
            {agendaItemNumber(item, index)} {item.title} <span className="badge badge--neutral">{agendaItemKindLabels[item.kind]}</span>
          </h3>{" "}
          {item.preparedByGroupName ? <span className="badge badge--neutral">Beredd av {item.preparedByGroupName}</span> : null}{" "}
          {item.paragraph && item.paragraph.outcome !== "behandlat" ? (
            <span className="badge badge--warn" data-outcome={item.paragraph.outcome}>
              {paragraphOutcomeLabels[item.paragraph.outcome]}
            </span>
          ) : null}{" "}
          {item.kind === "beslut" ? (
            <span className={decisions.length > 0 ? "badge badge--ok" : "badge badge--neutral"} data-decision-state>
              {decisions.length > 0 ? `Beslut fattat, ${decisions.map((d) => paragraphLabel(d.number, d.year)).join(", ")}` : "Inget beslut fattat"}
            </span>
          ) : null}
        </summary>
        <div className="agenda-item__body">{children}</div>
      </details>
    </li>
  );
}

/** Opens or closes every ärende at once. Shown only with JavaScript, which it needs. */
export function AgendaDisclosureButtons() {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  if (!hydrated) return null;
  const setAll = (open: boolean) => {
    for (const details of document.querySelectorAll<HTMLDetailsElement>(".agenda-item__disclosure")) details.open = open;
  };
  return (
    <div className="agenda-disclosure-buttons">
      <button type="button" className="button button--secondary" onClick={() => setAll(true)}>
        Visa alla ärenden
      </button>{" "}
      <button type="button" className="button button--secondary" onClick={() => setAll(false)}>
        Dölj alla ärenden
      </button>
    </div>
  );
}

/**
 * Printing shows every ärende open; afterwards those the reader had closed close again.
 * (The print stylesheet shows them too where the browser lets CSS open a <details>.)
 */
export function useAgendaOpenForPrint() {
  useEffect(() => {
    let opened: HTMLDetailsElement[] = [];
    const before = () => {
      opened = [...document.querySelectorAll<HTMLDetailsElement>(".agenda-item__disclosure:not([open])")];
      for (const details of opened) details.open = true;
    };
    const after = () => {
      for (const details of opened) details.open = false;
      opened = [];
    };
    window.addEventListener("beforeprint", before);
    window.addEventListener("afterprint", after);
    return () => {
      window.removeEventListener("beforeprint", before);
      window.removeEventListener("afterprint", after);
    };
  }, []);
}
