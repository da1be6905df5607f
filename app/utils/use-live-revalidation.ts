import { useRevalidator } from "@remix-run/react";
import { useEffect, useRef } from "react";

/**
 * Reloads the page's data whenever the server announces a change on `url`
 * (server-sent events). Bursts of changes cause one reload.
 */
export function useLiveRevalidation(url: string): void {
  const revalidator = useRevalidator();
  const revalidate = useRef(revalidator.revalidate);
  revalidate.current = revalidator.revalidate;
  useEffect(() => {
    const source = new EventSource(url);
    let timer: ReturnType<typeof setTimeout> | undefined;
    source.addEventListener("changed", () => {
      clearTimeout(timer);
      timer = setTimeout(() => revalidate.current(), 50);
    });
    return () => {
      clearTimeout(timer);
      source.close();
    };
  }, [url]);
}
