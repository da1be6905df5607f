import { useEffect, type MouseEvent } from "react";
import { revealElement } from "~/utils/reveal";

export interface TocEntry {
  /** The id of the heading the link jumps to (focusable: tabindex -1). */
  id: string;
  label: string;
  children?: TocEntry[];
}

/**
 * "Innehåll": jump links to the page's sections and to every ärende. The
 * browser scrolls to the heading and focuses it; a collapsed ärende is opened
 * first, also when the page is opened with the ärende's address.
 */
export function TableOfContents({ entries }: { entries: TocEntry[] }) {
  useEffect(() => {
    const revealHashTarget = () => {
      const target = window.location.hash ? document.getElementById(decodeURIComponent(window.location.hash.slice(1))) : null;
      if (target) revealElement(target);
    };
    revealHashTarget();
    window.addEventListener("hashchange", revealHashTarget);
    return () => window.removeEventListener("hashchange", revealHashTarget);
  }, []);
  return (
    <nav aria-label="Innehåll" className="toc">
      <h2 className="toc__title">Innehåll</h2>
      <TocList entries={entries} />
    </nav>
  );
}

function TocList({ entries }: { entries: TocEntry[] }) {
  return (
    <ul>
      {entries.map((entry) => (
        <li key={entry.id}>
          <a href={`#${entry.id}`} onClick={jump}>
            {entry.label}
          </a>
          {entry.children && entry.children.length > 0 ? <TocList entries={entry.children} /> : null}
        </li>
      ))}
    </ul>
  );
}

/** Opens the target's ärende before the browser follows the link, and focuses it (the browser's own focusing comes later, and not in every browser). */
function jump(event: MouseEvent<HTMLAnchorElement>) {
  const target = document.getElementById(decodeURIComponent(event.currentTarget.hash.slice(1)));
  if (target) revealElement(target).focus();
}
