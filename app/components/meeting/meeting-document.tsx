import { createContext, useContext } from "react";
import { LiveEditor, type LiveEditorProps } from "~/components/editor/live-editor";

/**
 * The final plain texts of a justerat or inställt meeting's documents, by document name; null while they are
 * still live. The meeting page provides it from its loader.
 */
const FinalTexts = createContext<Record<string, string> | null>(null);

export const FinalTextsProvider = FinalTexts.Provider;

/**
 * One of the meeting's documents: the live editor while the meeting's texts may
 * change, else its final text, rendered on the server as paragraphs with no
 * editor, connection status or WebSocket.
 */
export function MeetingDocument(props: LiveEditorProps) {
  const texts = useContext(FinalTexts);
  // The page has many documents: they start one after another, those on screen first.
  if (!texts) return <LiveEditor {...props} queued />;
  const paragraphs = (texts[props.documentName] ?? "").split("\n").filter((line) => line.trim() !== "");
  return (
    <div className="document-text" role="group" aria-label={props.label} data-document-text={props.documentName}>
      {paragraphs.length > 0 ? paragraphs.map((line, index) => <p key={index}>{line}</p>) : <p className="muted">Inget skrivet.</p>}
    </div>
  );
}
