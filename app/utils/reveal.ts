/**
 * Opens every closed <details> around an element (a collapsed ärende, also
 * when the element is its heading in the summary), so that it is shown, with
 * what it heads, and can take focus. Returns the element, for chaining.
 */
export function revealElement<T extends HTMLElement>(element: T): T {
  for (let details = element.closest("details"); details; details = details.parentElement?.closest("details") ?? null) details.open = true;
  return element;
}

/** Shows the element with the id (opening a collapsed ärende around it) and moves focus to it. */
export function revealAndFocus(id: string): void {
  const element = document.getElementById(id);
  if (element) revealElement(element).focus();
}
