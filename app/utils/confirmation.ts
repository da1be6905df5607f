/** The field the server requires on a step that cannot simply be undone; without it the step is not taken and the page asks first. */
export const CONFIRM_FIELD = "confirm";
export const CONFIRM_VALUE = "ja";
