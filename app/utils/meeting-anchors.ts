/** The element id of an adopted § on the meeting page: the action names it, and the page moves focus to it. */
export function adoptedDecisionElementId(decisionId: number): string {
  return `beslut-${decisionId}`;
}

/** The element id of an ärende's heading: focus goes there when the ärende has just been added. */
export function agendaItemHeadingId(itemId: number): string {
  return `arende-${itemId}`;
}

/** The element id of an ärende's "Flytta upp"/"Flytta ned" button: after a move, focus stays on the one pressed. */
export function moveButtonId(itemId: number, direction: "up" | "down"): string {
  return `arende-${itemId}-flytta-${direction === "up" ? "upp" : "ned"}`;
}

/** The element id of a refusal shown next to an ärende's buttons: they are described by it, and focus goes to it. */
export function agendaItemRefusalId(itemId: number): string {
  return `arende-${itemId}-fel`;
}
