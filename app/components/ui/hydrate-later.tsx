import { Suspense, type ReactNode } from "react";

/**
 * A part of a long server-rendered page that hydrates after the rest: React 18 leaves a server-rendered
 * Suspense boundary dehydrated in the first pass and hydrates it afterwards at its lowest priority, so the
 * top of the page (and its first live document) is interactive without waiting for the whole page. Nothing
 * inside suspends: the boundary only splits the work. The part is visible and works without JavaScript
 * from the start, and a click, key or submit in it before its turn hydrates it at once and is then handled
 * (React's selective hydration), so nothing pressed or typed is lost.
 */
export function HydrateLater({ children }: { children: ReactNode }) {
  return <Suspense>{children}</Suspense>;
}
