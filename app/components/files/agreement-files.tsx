import { useActionData } from "@remix-run/react";
import { SelectField } from "~/components/ui/select-field";
import { FileList, type FileView } from "./file-list";
import { FileUploadForm } from "./file-upload-form";

interface Props {
  agreementId: number;
  slug: string;
  files: (FileView & { attachmentId: number | null })[];
  /** The bilagor the agreement lists, which a file may be the copy of. */
  attachments: { id: number; label: string | null; title: string }[];
  /** Administrators upload and remove; everyone who sees the agreement lists and downloads. */
  canEdit: boolean;
}

type RemoveAnswer = { ok: true; message: string } | { ok: false; fieldErrors: Record<string, string>; fileId?: number } | undefined;

/** The agreement's files: its bilagor as documents and its signed originals, with the evidence of each. */
export function AgreementFiles({ agreementId, slug, files, attachments, canEdit }: Props) {
  const answer = useActionData() as RemoveAnswer;
  const attachmentName = (id: number | null) => {
    const a = attachments.find((x) => x.id === id);
    return a ? (a.label ? `Bilaga ${a.label}: ${a.title}` : a.title) : null;
  };
  return (
    <section aria-labelledby="handlingar">
      <h2 id="handlingar">Handlingar</h2>
      {answer && !answer.ok ? (
        <p className="notice notice--error" role="alert">
          {Object.values(answer.fieldErrors).join(" ")}
        </p>
      ) : null}
      <FileList
        files={files.map((f) => ({ ...f, title: f.title ?? attachmentName(f.attachmentId) }))}
        canRemove={canEdit}
        askedFileId={answer && !answer.ok ? (answer.fileId ?? null) : null}
        showCategory
      />
      {canEdit ? (
        <FileUploadForm
          action={`/overenskommelser/${slug}/handlingar`}
          owner={`overenskommelse-${agreementId}`}
          legend="Lägg till handling till överenskommelsen"
        >
          <SelectField label="Slag" name="category" defaultValue="bilaga">
            <option value="bilaga">Bilaga</option>
            <option value="signerat_original">Signerat original</option>
          </SelectField>
          {attachments.length > 0 ? (
            <SelectField label="Är bilagan" name="attachmentId" defaultValue="">
              <option value="">Ingen av de listade bilagorna</option>
              {attachments.map((a) => (
                <option key={a.id} value={a.id}>
                  {attachmentName(a.id)}
                </option>
              ))}
            </SelectField>
          ) : null}
        </FileUploadForm>
      ) : null}
    </section>
  );
}
