import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode, useEffect, type ReactNode } from "react";
import { hydrateRoot } from "react-dom/client";

type Router = typeof window.__remixRouter;

const isAbortError = (value: unknown) => value instanceof DOMException && value.name === "AbortError";

// A form submitted or a link followed while an earlier navigation or revalidation (a live event) is
// still loading aborts the earlier one: the router then rejects the superseded navigation's promise
// with an AbortError that nobody awaits. It is the router working as meant, not a fault to report.
window.addEventListener("unhandledrejection", (event) => {
  if (isAbortError(event.reason)) event.preventDefault();
});
// When that abort comes while the earlier response's body is still arriving, Remix's single-fetch decoder
// catches the AbortError, logs it with console.error and throws an error of its own, which the router drops
// with the aborted navigation. Only that lone AbortError is kept out of the console; every other call logs.
const logError = console.error.bind(console);
console.error = (...args: unknown[]) => {
  if (args.length === 1 && isAbortError(args[0])) return;
  logError(...args);
};

/**
 * Every router state change reaches React as a transition. The router's own render already is one
 * (v7_startTransition), but RemixBrowser keeps the location in a state of its own, set from its router
 * subscription outside any transition: after a form's post on the meeting page that default-priority update
 * re-rendered the whole page with a new RemixContext, and where parts of the page still waited for their
 * hydration (HydrateLater) React could render them anew on the client, dropping their server HTML (error 421).
 * In a transition React hydrates those parts first. An update the router asks to flush at once stays as it is.
 */
function subscribersInTransitions(router: Router): Router {
  const subscribe = router.subscribe.bind(router);
  router.subscribe = (subscriber) =>
    subscribe((state, options) => (options.flushSync ? subscriber(state, options) : startTransition(() => subscriber(state, options))));
  return router;
}
let remixRouter: Router | undefined;
// RemixBrowser creates its router while rendering and publishes it here before anything subscribes to it.
Object.defineProperty(window, "__remixRouter", {
  configurable: true,
  get: () => remixRouter,
  set: (router: Router) => {
    remixRouter = subscribersInTransitions(router);
  },
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
