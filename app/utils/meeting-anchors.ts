/** The element id of an adopted § on the meeting page: the action names it, and the page moves focus to it. */
export function adoptedDecisionElementId(decisionId: number): string {
  return `beslut-${decisionId}`;
}
