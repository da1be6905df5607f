import { FileList, type FileView } from "~/components/files/file-list";
import { FileUploadForm } from "~/components/files/file-upload-form";
import { ShortLabel } from "~/components/ui/short-label";

interface Props {
  meetingId: number;
  /** "Handlingar" for an ärende, "Bilagor" for a decision. */
  heading: string;
  HeadingTag: "h4" | "h5";
  /** The owner field of the upload form: "arende-12" or "beslut-5". */
  owner: string;
  /** What the upload form adds ("handling", "bilaga") and to what ("Belysning i Vårberg", "§ 12/2026"). */
  adds: "handling" | "bilaga";
  to: string;
  files: FileView[];
  /** Who may edit the meeting's agenda and notes uploads and removes (never after justering). */
  canEdit: boolean;
  askedFileId: number | null;
}

/** The files of one ärende or decision: listed for everyone who sees the meeting, uploaded and removed by its editors. */
export function MeetingFiles({ meetingId, heading, HeadingTag, owner, adds, to, files, canEdit, askedFileId }: Props) {
  if (files.length === 0 && !canEdit) return null;
  return (
    <section className="meeting-files" aria-label={`${heading}: ${to}`}>
      <HeadingTag>{heading}</HeadingTag>
      <FileList files={files} canRemove={canEdit} askedFileId={askedFileId} />
      {canEdit ? (
        // Closed until wanted: a page with many ärenden would otherwise show an upload form under each of them.
        <details>
          <summary>
            <ShortLabel shown={`Lägg till ${adds}`} hidden={` till ${to}`} />
          </summary>
          <FileUploadForm action={`/moten/${meetingId}/handlingar`} owner={owner} legend={`Lägg till ${adds} till ${to}`} />
        </details>
      ) : null}
    </section>
  );
}
