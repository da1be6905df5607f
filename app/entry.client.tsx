import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode, useEffect, type ReactNode } from "react";
import { hydrateRoot } from "react-dom/client";

// A form submitted or a link followed while an earlier navigation or revalidation (a live event) is
// still loading aborts the earlier one: the router then rejects the superseded navigation's promise
// with an AbortError that nobody awaits. It is the router working as meant, not a fault to report.
window.addEventListener("unhandledrejection", (event) => {
  if (event.reason instanceof DOMException && event.reason.name === "AbortError") event.preventDefault();
});

/**
 * Marks the moment the page became interactive: the root's effect runs once hydration's first commit is done
 * (every handler attached). `npm run bench:first-load` reads the mark "hydrated"; it changes nothing on the page.
 */
function MarkHydrated({ children }: { children: ReactNode }) {
  useEffect(() => {
    if (performance.getEntriesByName("hydrated", "mark").length === 0) performance.mark("hydrated");
  }, []);
  return children;
}

startTransition(() => {
  hydrateRoot(
    document,
    <StrictMode>
      <MarkHydrated>
        <RemixBrowser />
      </MarkHydrated>
    </StrictMode>,
  );
});
