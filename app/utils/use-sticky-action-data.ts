import { useActionData, useNavigation } from "@remix-run/react";
import { useEffect, useState } from "react";

/**
 * Like useActionData, but the result survives revalidations: on a live page
 * another person's change reloads the data, which would otherwise wipe my
 * confirmation or my form's error messages. Cleared when I submit again.
 */
export function useStickyActionData<T>(): T | undefined {
  // The caller names the action's result type; the action's serialized data is that shape.
  const data = useActionData() as T | undefined;
  const navigation = useNavigation();
  const [sticky, setSticky] = useState<T | undefined>(data);
  useEffect(() => {
    if (data !== undefined) setSticky(data);
  }, [data]);
  useEffect(() => {
    if (navigation.state === "submitting") setSticky(undefined);
  }, [navigation.state]);
  return data ?? sticky;
}
