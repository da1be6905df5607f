import { useId, useRef, type ReactNode } from "react";
import { CONFIRM_FIELD, CONFIRM_VALUE } from "~/utils/confirmation";
import { ActionForm } from "./action-form";

interface Props {
  intent: string;
  fields?: Record<string, string | number>;
  /** The button that starts the step, e.g. "Avsluta mötet". */
  label: string;
  /** The question, e.g. "Avsluta mötet?" */
  question: string;
  /** What will happen, in a sentence or two. */
  consequence: string;
  /** The button that takes the step, e.g. "Ja, avsluta mötet". */
  confirmLabel: string;
  /** The server asked for confirmation: the post came without it (a page without JavaScript). */
  asked: boolean;
  buttonClassName?: string;
  /** Fields the step needs besides the confirmation (e.g. the reason for cancelling), asked together with the question. */
  children?: ReactNode;
}

/**
 * A step that cannot simply be undone, asked first. With JavaScript the button
 * opens a modal dialog (native <dialog>: focus stays inside, Escape and "Avbryt"
 * close it and focus returns to the button). Without JavaScript the button
 * posts without confirmation, the server refuses to act and the page shows the
 * same question with the button that confirms. Either way the server takes the
 * step only with the confirmation field.
 */
export function ConfirmedActionForm({ intent, fields = {}, label, question, consequence, confirmLabel, asked, buttonClassName = "button", children }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const id = useId();
  const confirmed = { ...fields, [CONFIRM_FIELD]: CONFIRM_VALUE };

  if (asked) {
    return (
      <div className="notice confirm-step" role="group" aria-labelledby={`${id}-question`} aria-describedby={`${id}-consequence`}>
        <p id={`${id}-question`}>
          <strong>{question}</strong>
        </p>
        <p id={`${id}-consequence`}>{consequence}</p>
        <ActionForm intent={intent} fields={confirmed}>
          {children}
          <button type="submit" className={buttonClassName}>
            {confirmLabel}
          </button>
        </ActionForm>{" "}
        <a href="?">Avbryt</a>
      </div>
    );
  }

  return (
    <>
      <ActionForm
        intent={intent}
        fields={fields}
        onSubmit={(event) => {
          // With JavaScript the question is asked here; the post without confirmation is for pages without it.
          if (!dialog.current?.showModal) return;
          event.preventDefault();
          dialog.current.showModal();
          // The way back first: nothing happens by pressing Enter once more.
          cancel.current?.focus();
        }}
      >
        <button type="submit" className={buttonClassName} ref={opener}>
          {label}
        </button>
      </ActionForm>
      <dialog ref={dialog} className="confirm-dialog" aria-labelledby={`${id}-title`} aria-describedby={`${id}-text`} onClose={() => opener.current?.focus()}>
        <h2 id={`${id}-title`}>{question}</h2>
        <p id={`${id}-text`}>{consequence}</p>
        <ActionForm intent={intent} fields={confirmed} onSubmit={() => dialog.current?.close()} className="confirm-dialog__actions">
          {children}
          <button type="submit" className={buttonClassName}>
            {confirmLabel}
          </button>{" "}
          <button type="button" className="button button--secondary" ref={cancel} onClick={() => dialog.current?.close()}>
            Avbryt
          </button>
        </ActionForm>
      </dialog>
    </>
  );
}
