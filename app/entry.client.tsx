import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";

// A form submitted or a link followed while an earlier navigation or revalidation (a live event) is
// still loading aborts the earlier one: the router then rejects the superseded navigation's promise
// with an AbortError that nobody awaits. It is the router working as meant, not a fault to report.
window.addEventListener("unhandledrejection", (event) => {
  if (event.reason instanceof DOMException && event.reason.name === "AbortError") event.preventDefault();
});

startTransition(() => {
  hydrateRoot(
    document,
    <StrictMode>
      <RemixBrowser />
    </StrictMode>,
  );
});
