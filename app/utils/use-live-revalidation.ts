import { useNavigation, useRevalidator } from "@remix-run/react";
import { useEffect, useRef } from "react";

/**
 * Reloads the page's data whenever the server announces a change on `url`
 * (server-sent events). Bursts of changes cause one reload. While this page is
 * submitting a form, the event is left alone: reloading then would interrupt
 * the submission (losing its result message), and Remix reloads the data after
 * every submission anyway.
 */
export function useLiveRevalidation(url: string): void {
  const revalidator = useRevalidator();
  const navigation = useNavigation();
  const revalidate = useRef(revalidator.revalidate);
  revalidate.current = revalidator.revalidate;
  const busy = useRef(false);
  busy.current = navigation.state !== "idle";
  useEffect(() => {
    const source = new EventSource(url);
    let timer: ReturnType<typeof setTimeout> | undefined;
    source.addEventListener("changed", () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        if (!busy.current) revalidate.current();
      }, 50);
    });
    return () => {
      clearTimeout(timer);
      source.close();
    };
  }, [url]);
}
