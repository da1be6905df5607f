import { Form, useActionData, useNavigation } from "@remix-run/react";
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from "react";

interface Props {
  intent: string;
  fields?: Record<string, string | number>;
  /** The form's content; as a function it is told whether this form's post is on its way (to say so on its button). */
  children: ReactNode | ((busy: boolean) => ReactNode);
  className?: string;
  onSubmit?: (event: FormEvent<HTMLFormElement>) => void;
}

/**
 * A small POST form to the meeting page's action with a named intent. While
 * its post is on its way, a second submit (a double click, Enter pressed
 * twice) is dropped here, so it never reaches the server; the server still
 * refuses what must not happen twice, for the posts that do not come through
 * this page (another tab, no JavaScript).
 */
export function ActionForm({ intent, fields = {}, children, className, onSubmit }: Props) {
  const navigation = useNavigation();
  const answer = useActionData();
  // A ref, not state: the second click of a double click can arrive before React has rendered the first one's state.
  const sent = useRef(false);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (navigation.state === "idle") {
      sent.current = false;
      setBusy(false);
    }
    // Every finished post brings a new answer, also if React never rendered the state in between.
  }, [navigation.state, answer]);
  const guard = (event: FormEvent<HTMLFormElement>) => {
    if (sent.current) {
      event.preventDefault();
      return;
    }
    onSubmit?.(event);
    if (event.defaultPrevented) return;
    sent.current = true;
    setBusy(true);
  };
  return (
    <Form method="post" preventScrollReset className={className ?? "inline-form"} onSubmit={guard} aria-busy={busy || undefined}>
      <input type="hidden" name="intent" value={intent} />
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {typeof children === "function" ? children(busy) : children}
    </Form>
  );
}
