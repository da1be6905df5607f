import { ConfirmedActionForm } from "~/components/meeting/confirmed-action-form";
import { formatIsoDate } from "~/utils/format";
import { fileCategoryLabels, fileTypeLabel, formatFileSize, type FileView } from "../../../db/domain/file-types";

export type { FileView };

interface Props {
  files: FileView[];
  /** Whether the viewer may remove files from the list (posts intent "remove-file" to the page's own action). */
  canRemove: boolean;
  /** The confirmation the server asked for, when a post came without it (a page without JavaScript): the file's id. */
  askedFileId?: number | null;
  /** Show each file's category (an agreement's list mixes bilagor and signed originals). */
  showCategory?: boolean;
}

/**
 * Uploaded files as evidence: name (a download link), type, size, who uploaded it and when, and the SHA-256
 * that identifies the bytes (the start shown, the whole in a disclosure).
 */
export function FileList({ files, canRemove, askedFileId = null, showCategory = false }: Props) {
  if (files.length === 0) return <p className="muted">Inga filer.</p>;
  return (
    <ul className="file-list">
      {files.map((file) => (
        <li key={file.id} className="file-list__item">
          <a href={`/filer/${file.id}`} download>
            {file.title ?? file.fileName}
          </a>{" "}
          <span className="muted">
            ({[showCategory ? fileCategoryLabels[file.category] : null, fileTypeLabel(file.mediaType), formatFileSize(file.size)].filter(Boolean).join(", ")})
          </span>
          <br />
          <span className="muted">
            {file.title ? `${file.fileName}, ` : ""}
            uppladdad av {file.uploaderName} {formatIsoDate(file.uploadedAt)}
          </span>
          <details className="file-list__hash">
            <summary>
              SHA-256 <code>{file.sha256.slice(0, 12)}…</code>
            </summary>
            <code className="file-list__full-hash">{file.sha256}</code>
          </details>
          {canRemove ? (
            <ConfirmedActionForm
              intent="remove-file"
              fields={{ fileId: file.id }}
              label={`Ta bort ${file.fileName}`}
              question={`Ta bort ${file.fileName} ur listan?`}
              consequence="Filen visas inte längre här. Den sparas ändå, med uppgift om vem som tog bort den, och händelseloggen visar att den fanns."
              confirmLabel="Ja, ta bort filen"
              asked={askedFileId === file.id}
              buttonClassName="button button--secondary"
            />
          ) : null}
        </li>
      ))}
    </ul>
  );
}
