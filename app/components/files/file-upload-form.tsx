import { useFetcher } from "@remix-run/react";
import { useEffect, useId, useRef, type ReactNode } from "react";
import { FieldError } from "~/components/ui/text-field";
import { FILE_ACCEPT_HINT } from "../../../db/domain/file-types";
import type { FileUploadResult } from "~/models/files.server";

interface Props {
  /** The upload route: /moten/<id>/handlingar or /overenskommelser/<slug>/handlingar. */
  action: string;
  /** What the file is uploaded to ("arende-12", "beslut-5", "overenskommelse-3"). */
  owner: string;
  /** The form's heading-like label, e.g. "Lägg till handling till Belysning i Vårberg". */
  legend: string;
  /** Extra fields (the category of an agreement's file, the bilaga it is). */
  children?: ReactNode;
}

/**
 * Uploads one file (multipart, streamed by the server) with an optional title. The `accept` attribute only
 * helps the file picker: the server decides by the content. The answer comes back to this form only
 * (a fetcher), so a refusal stands next to this file field, and the page's lists reload on success.
 */
export function FileUploadForm({ action, owner, legend, children }: Props) {
  const fetcher = useFetcher<FileUploadResult>();
  const id = useId();
  const form = useRef<HTMLFormElement>(null);
  const result = fetcher.data?.owner === owner ? fetcher.data : undefined;
  const errors = result && !result.ok ? result.fieldErrors : {};
  const busy = fetcher.state !== "idle";
  useEffect(() => {
    if (fetcher.state !== "idle" || !result) return;
    if (result.ok) form.current?.reset();
    else form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [fetcher.state, result]);
  const fileError = errors.file ?? errors.form ?? errors.category ?? errors.attachmentId;
  return (
    <fetcher.Form ref={form} method="post" encType="multipart/form-data" action={action} className="file-upload stack" aria-busy={busy || undefined}>
      <fieldset>
        <legend>{legend}</legend>
        <input type="hidden" name="owner" value={owner} />
        {children}
        <div className="field">
          <label htmlFor={`${id}-file`}>Fil</label>
          <span className="hint" id={`${id}-hint`}>
            PDF, Word (DOCX), Excel (XLSX), ODT, PNG eller JPEG, högst 25 MB.
          </span>
          <input
            id={`${id}-file`}
            type="file"
            name="file"
            accept={FILE_ACCEPT_HINT}
            required
            aria-invalid={fileError ? true : undefined}
            aria-describedby={[`${id}-hint`, fileError ? `${id}-file-error` : null].filter(Boolean).join(" ")}
          />
          <FieldError id={`${id}-file-error`} message={fileError} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-title`}>Rubrik (frivillig)</label>
          <input
            id={`${id}-title`}
            name="title"
            maxLength={200}
            aria-invalid={errors.title ? true : undefined}
            aria-describedby={errors.title ? `${id}-title-error` : undefined}
          />
          <FieldError id={`${id}-title-error`} message={errors.title} />
        </div>
        <button type="submit" className="button" aria-disabled={busy || undefined}>
          {busy ? "Laddar upp …" : "Ladda upp"}
        </button>
        {result?.ok ? (
          <p className="notice" role="status">
            {result.message}
          </p>
        ) : null}
      </fieldset>
    </fetcher.Form>
  );
}
