import type { Editor } from "@tiptap/core";
import { useEffect, useId, useRef, useState } from "react";
import editorStylesHref from "~/styles/editor.css";
import type { EditorComments } from "./comment-highlights";
import type { CollabUser } from "./extensions";
import { connectionTexts } from "./connection-texts";
import { EditorLoadBoundary } from "./editor-load-boundary";
import { useStartTurn } from "./start-queue";
import { useCollabSession, type PresentPerson } from "./use-collab-session";
import { withRetries } from "./with-retries";

type EditorAreaComponent = (typeof import("./editor-area"))["default"];

/** The editor's chunk, fetched once for the page (with retries) and shared by its documents. */
let editorArea: Promise<EditorAreaComponent> | undefined;
const loadEditorArea = () => (editorArea ??= withRetries(() => import("./editor-area")).then((module) => module.default));

/**
 * Tiptap and ProseMirror, most of the editor's JavaScript, in a chunk of their own, fetched as soon as the
 * document starts, alongside its connection: the page hydrates and the document connects and syncs while it
 * loads; until it is there the document says "Laddar dokumentet…" and is not editable, as before its first sync.
 *
 * Held in state, not React.lazy in a <Suspense>: a Suspense boundary mounted while parts of the meeting page
 * still wait for their hydration (HydrateLater) carried React 18's report of an earlier, interrupted render
 * that had reached such a part into its own commit (error 421, although no part was rendered anew).
 */
function useEditorArea(started: boolean): EditorAreaComponent | "failed" | null {
  const [area, setArea] = useState<EditorAreaComponent | "failed" | null>(null);
  useEffect(() => {
    if (!started) return;
    let current = true;
    loadEditorArea().then(
      (component) => current && setArea(() => component),
      () => current && setArea("failed"),
    );
    return () => {
      current = false;
    };
  }, [started]);
  return area;
}

/**
 * The editor's stylesheet. Routes that render <LiveEditor> add it to their links:
 *
 *   export const links: LinksFunction = () => [{ rel: "stylesheet", href: editorStylesHref }];
 */
export { editorStylesHref };

export type LiveEditorProps = {
  /** The y-websocket room: the browser connects to /collab/<documentName>. */
  documentName: string;
  /** Swedish accessible name of the editing area, e.g. "Protokollsanteckningar". */
  label: string;
  /** Decided by the server-side loader; the collaboration server enforces it too. */
  editable: boolean;
  /** Shown on my caret and in the presence list (the server replaces the name with the authenticated one). */
  user: CollabUser;
  /** Guidance shown while the document is empty; never part of the document. */
  placeholder?: string;
  /** Review comments on selections: highlighted in the text, and a "Kommentera" button (see comment-highlights.ts). */
  comments?: EditorComments;
  /** One of many documents on the page: it starts when its turn comes (start-queue.ts), not all at once. */
  queued?: boolean;
};

export { connectionTexts };

/**
 * A live, collaboratively edited rich-text document (Tiptap + Yjs over
 * y-websocket). Renders on the client only: during server rendering and until
 * the first sync it shows "Laddar dokumentet…".
 */
export function LiveEditor(props: LiveEditorProps): JSX.Element {
  // A new document name is a new Y.Doc, provider and editor.
  return <LiveEditorSession key={props.documentName} {...props} />;
}

function LiveEditorSession({ documentName, label, editable, user, placeholder, comments, queued = false }: LiveEditorProps) {
  const editorRef = useRef<Editor | null>(null);
  const rootRef = useRef<HTMLDivElement>(null);
  const turn = useStartTurn(rootRef, queued);
  const { session, connection, hasSynced, refusal, notice, unsynced, people } = useCollabSession(documentName, user, editorRef, turn.started);
  const { done } = turn;
  useEffect(() => {
    if (hasSynced || refusal || connection === "offline") done();
  }, [hasSynced, refusal, connection, done]);
  const EditorArea = useEditorArea(turn.started);
  const presenceTitleId = useId();
  const canWrite = editable && hasSynced && !refusal;

  return (
    <div
      ref={rootRef}
      onPointerDown={turn.startNow}
      onFocus={turn.startNow}
      className="live-editor"
      data-collab-doc={documentName}
      data-collab-connection={connection}
      data-collab-editable={canWrite ? "true" : "false"}
      data-collab-unsynced={unsynced ? "true" : "false"}
    >
      <div className="live-editor__statusbar">
        <div role="status" className="live-editor__status" data-collab-status={connection}>
          <span className={`live-editor__connection live-editor__connection--${connection}`}>{connectionTexts[connection]}</span>
          {notice && !refusal ? <span className="live-editor__notice"> {notice.message}</span> : null}
        </div>
        {!editable ? (
          <p className="live-editor__readonly" data-collab-readonly="">
            Skrivskyddat
          </p>
        ) : null}
        {/*
         * Who else is in the document, on the status line above it: someone joining or leaving then moves
         * nothing under the pointer (a button below the editor stays where it was). Alone, there is no list: it
         * would name only "(du)".
         */}
        {people.some((person) => !person.isMe) ? <Presence people={people} titleId={presenceTitleId} /> : null}
      </div>

      <div role="alert" className="live-editor__alert" data-collab-alert={refusal ? refusal.code : undefined}>
        {refusal ? (
          <p className="live-editor__alert-text">
            {refusal.message}
            {unsynced ? (
              // The refused edits still stand in this page's copy of the document, read-only.
              <span data-collab-unsaved="">
                {" "}
                Det du skrev sedan anslutningen bröts har inte sparats. Texten står kvar här nedanför: kopiera den innan du lämnar sidan.
              </span>
            ) : null}
            {refusal.loginLink ? (
              <>
                {" "}
                <a href="/login">Logga in</a>
              </>
            ) : null}
          </p>
        ) : null}
      </div>

      {session && EditorArea ? (
        <EditorLoadBoundary failed={EditorArea === "failed"}>
          {EditorArea !== "failed" ? (
            <EditorArea
              key={session.id}
              session={session}
              label={label}
              canWrite={canWrite}
              ready={hasSynced}
              user={user}
              editorRef={editorRef}
              placeholder={placeholder}
              comments={comments}
            />
          ) : null}
        </EditorLoadBoundary>
      ) : (
        <LoadingSurface />
      )}
    </div>
  );
}

function LoadingSurface() {
  return (
    <div className="live-editor__surface">
      <p className="live-editor__loading">Laddar dokumentet…</p>
    </div>
  );
}

function Presence({ people, titleId }: { people: PresentPerson[]; titleId: string }) {
  return (
    <div className="live-editor__presence">
      <p id={titleId} className="live-editor__presence-title">
        I dokumentet nu:
      </p>
      <ul aria-labelledby={titleId} className="live-editor__people" data-collab-presence="">
        {people.map((person) => (
          <li key={person.key} className="live-editor__person" data-collab-user={person.name}>
            <span className="live-editor__swatch" style={{ backgroundColor: person.color }} aria-hidden="true" />
            {person.name}
            {person.isMe ? <span className="live-editor__me"> (du)</span> : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
