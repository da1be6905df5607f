import { Form, useActionData, useNavigation } from "@remix-run/react";
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from "react";

interface Props {
  intent: string;
  fields?: Record<string, string | number>;
  /** The form's content; as a function it is told whether this form's post is on its way (to say so on its button). */
  children: ReactNode | ((busy: boolean) => ReactNode);
  className?: string;
  onSubmit?: (event: FormEvent<HTMLFormElement>) => void;
  /** A form that adds something (an ärende, a guest, a comment) is emptied once its post succeeded, ready for the next one. */
  clearOnSuccess?: boolean;
}

type Answer = { ok: true } | { ok: false } | undefined;

/**
 * A small POST form to the meeting page's action with a named intent. While
 * its post is on its way, a second submit (a double click, Enter pressed
 * twice) is dropped here, so it never reaches the server; the server still
 * refuses what must not happen twice, for the posts that do not come through
 * this page (another tab, no JavaScript).
 *
 * When its own post is answered with a refusal, focus goes to the first field
 * the refusal names: the field's label and the message next to it (its
 * aria-describedby) are read out together, instead of nothing at all.
 */
export function ActionForm({ intent, fields = {}, children, className, onSubmit, clearOnSuccess }: Props) {
  const navigation = useNavigation();
  const answer = useActionData() as Answer;
  const form = useRef<HTMLFormElement>(null);
  // Whether the answer on its way is to this form's post (every form on the page shares the one action answer).
  const awaitingAnswer = useRef(false);
  // A ref, not state: the second click of a double click can arrive before React has rendered the first one's state.
  const sent = useRef(false);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (navigation.state === "idle") {
      sent.current = false;
      setBusy(false);
      if (awaitingAnswer.current && answer) {
        awaitingAnswer.current = false;
        if (answer.ok && clearOnSuccess) form.current?.reset();
        if (!answer.ok) form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      }
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
    awaitingAnswer.current = true;
    setBusy(true);
  };
  return (
    <Form ref={form} method="post" preventScrollReset className={className ?? "inline-form"} onSubmit={guard} aria-busy={busy || undefined}>
      <input type="hidden" name="intent" value={intent} />
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {typeof children === "function" ? children(busy) : children}
    </Form>
  );
}
