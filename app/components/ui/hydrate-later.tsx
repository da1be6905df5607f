import { Suspense, useEffect, useRef, type ReactNode } from "react";

/**
 * A part of a long server-rendered page that hydrates after the rest: React 18 leaves a server-rendered
 * Suspense boundary dehydrated in the first pass and hydrates it afterwards at its lowest priority, so the
 * top of the page (and its first live document) is interactive without waiting for the whole page. Nothing
 * inside suspends: the boundary only splits the work. The part is visible and works without JavaScript
 * from the start, and a click, key or submit in it before its turn hydrates it at once and is then handled
 * (React's selective hydration), so nothing pressed or typed is lost.
 */
export function HydrateLater({ children }: { children: ReactNode }) {
  return (
    <Suspense>
      {children}
      {/* Last: React runs a commit's effects in page order, so the part's live documents have joined the queue when it says so. */}
      <HydratedMarker />
    </Suspense>
  );
}

/** The markers of the parts whose hydration has run (a marker stays in the page afterwards). */
const hydrated = new WeakSet<Element>();
const listeners = new Set<() => void>();

/** Whether some part of the page still waits for its hydration (its live documents have not said where they are yet). */
export function laterPartsPending(): boolean {
  return [...document.querySelectorAll("template[data-hydrate-later]")].some((marker) => !hydrated.has(marker));
}

/** Called each time a part hydrates and none is left waiting. */
export function onLaterPartsHydrated(listener: () => void): void {
  listeners.add(listener);
}

/** An empty <template> (allowed anywhere, also in a list) whose effect says that its part has hydrated. */
function HydratedMarker() {
  const ref = useRef<HTMLTemplateElement>(null);
  useEffect(() => {
    if (ref.current) hydrated.add(ref.current);
    if (laterPartsPending()) return;
    // For `npm run bench:first-load`: the whole page hydrated (the first time only).
    if (performance.getEntriesByName("hydrated-all", "mark").length === 0) performance.mark("hydrated-all");
    for (const listener of listeners) listener();
  }, []);
  return <template data-hydrate-later="" ref={ref} />;
}
