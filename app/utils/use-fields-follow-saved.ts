import { useEffect, useRef, type RefObject } from "react";

/**
 * Uncontrolled fields (by name, inside `container`) that follow their saved values when these change (Markera
 * alla, someone else's save, the page's data reloaded after my own save), except a field the reader has changed
 * since its last saved value: what they are typing stays, also while the page reloads. A select does not follow
 * a changed defaultValue by itself, and an input does only until it is typed in.
 */
export function useFieldsFollowSaved(container: RefObject<HTMLElement>, saved: Record<string, string>): void {
  const previous = useRef(saved);
  const savedKey = JSON.stringify(saved);
  useEffect(() => {
    const before = previous.current;
    previous.current = saved;
    for (const [name, value] of Object.entries(saved)) {
      const field = container.current?.querySelector<HTMLInputElement | HTMLSelectElement>(`[name="${CSS.escape(name)}"]`);
      if (field && field.value === before[name]) field.value = value;
    }
    // `saved` is a new object on every render; what it holds is in savedKey.
  }, [container, savedKey]);
}
