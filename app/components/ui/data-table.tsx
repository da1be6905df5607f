import type { ReactNode } from "react";

interface Props {
  /** Id of the heading or caption that names the table. */
  labelledBy?: string;
  /** Name of the scrolling region when no heading names the table (the table then names itself with a caption). */
  label?: string;
  className?: string;
  children: ReactNode;
}

/**
 * A table that scrolls sideways by itself on a narrow screen, so the page
 * around it reflows at 320 CSS pixels (WCAG 1.4.10) while the table keeps its
 * columns. The scrolling region is named and focusable, so it can be scrolled
 * from the keyboard too.
 */
export function DataTable({ labelledBy, label, className, children }: Props) {
  return (
    <div className="table-scroll" role="region" aria-labelledby={labelledBy} aria-label={labelledBy ? undefined : label} tabIndex={0}>
      <table aria-labelledby={labelledBy} className={className}>
        {children}
      </table>
    </div>
  );
}
