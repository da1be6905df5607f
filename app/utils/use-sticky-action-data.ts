import { useActionData, useNavigation } from "@remix-run/react";
import { useState } from "react";

/**
 * Like useActionData, but the result survives revalidations: on a live page
 * another person's change reloads the data, which would otherwise wipe my
 * confirmation or my form's error messages. Cleared when I submit again.
 *
 * What it keeps is adjusted while rendering, not set in an effect: set in an effect, it re-rendered the
 * whole page once more, at default priority, after every answer. Adjusted while rendering, it is part of
 * the router's own render (a transition).
 */
export function useStickyActionData<T>(): T | undefined {
  // The caller names the action's result type; the action's serialized data is that shape.
  const data = useActionData() as T | undefined;
  const submitting = useNavigation().state === "submitting";
  const [sticky, setSticky] = useState<T | undefined>(data);
  const kept = submitting ? undefined : (data ?? sticky);
  if (kept !== sticky) setSticky(kept);
  return data ?? kept;
}
