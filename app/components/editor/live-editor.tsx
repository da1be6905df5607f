import type { Editor } from "@tiptap/core";
import { EditorContent, useEditor } from "@tiptap/react";
import { useCallback, useEffect, useId, useRef, type MutableRefObject } from "react";
import editorStylesHref from "~/styles/editor.css";
import { CommentHighlights, commentSelection, commentShortcut, refreshCommentHighlights, type EditorComments } from "./comment-highlights";
import { EditorGuards, collaborationExtensions, documentExtensions, placeholderExtension, type CollabUser } from "./extensions";
import { EditorToolbar, type ToolbarHandle } from "./toolbar";
import { connectionTexts } from "./connection-texts";
import { useStartTurn } from "./start-queue";
import { useCollabSession, type CollabSession, type PresentPerson } from "./use-collab-session";

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
  const presenceTitleId = useId();
  const canWrite = editable && hasSynced && !refusal;

  return (
    <div
      ref={rootRef}
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

      {session ? (
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
      ) : (
        <div className="live-editor__surface">
          <p className="live-editor__loading">Laddar dokumentet…</p>
        </div>
      )}

      <Presence people={people} titleId={presenceTitleId} />
    </div>
  );
}

function contentAttributes(label: string, canWrite: boolean, hintId: string, placeholder?: string): Record<string, string> {
  const attributes: Record<string, string> = {
    role: "textbox",
    "aria-multiline": "true",
    "aria-label": label,
    "aria-readonly": canWrite ? "false" : "true",
    class: "live-editor__content",
    "data-collab-content": "",
  };
  if (canWrite) attributes["aria-describedby"] = hintId;
  // The drawn placeholder is CSS content; this gives it to screen readers too.
  if (canWrite && placeholder) attributes["aria-placeholder"] = placeholder;
  return attributes;
}

function EditorArea({
  session,
  label,
  canWrite,
  ready,
  user,
  editorRef,
  placeholder,
  comments,
}: {
  session: CollabSession;
  label: string;
  canWrite: boolean;
  ready: boolean;
  user: CollabUser;
  editorRef: MutableRefObject<Editor | null>;
  placeholder?: string;
  comments?: EditorComments;
}) {
  const hintId = useId();
  const commentsRef = useRef(comments);
  commentsRef.current = comments;
  const toolbarRef = useRef<ToolbarHandle>(null);
  const canWriteRef = useRef(canWrite);
  canWriteRef.current = canWrite;

  const focusToolbar = useCallback(() => toolbarRef.current?.focus() ?? false, []);

  const editor = useEditor(
    {
      immediatelyRender: false,
      shouldRerenderOnTransaction: false,
      // The ProseMirror base styles are in editor.css, not an injected <style>.
      injectCSS: false,
      editable: false,
      extensions: [
        ...documentExtensions(),
        ...collaborationExtensions({ ydoc: session.ydoc, provider: session.provider, user }),
        EditorGuards.configure({ canWrite: () => canWriteRef.current, onEscape: focusToolbar }),
        ...(placeholder ? [placeholderExtension(placeholder)] : []),
        CommentHighlights.configure({ comments: () => commentsRef.current }),
      ],
      editorProps: { attributes: contentAttributes(label, false, hintId) },
    },
    [session.id],
  );

  useEffect(() => {
    editorRef.current = editor;
  }, [editor, editorRef]);

  useEffect(() => {
    if (!editor || editor.isDestroyed) return;
    if (editor.isEditable !== canWrite) editor.setEditable(canWrite, false);
    editor.setOptions({ editorProps: { attributes: contentAttributes(label, canWrite, hintId, placeholder) } });
  }, [editor, canWrite, label, hintId, placeholder]);

  const commentRanges = comments?.ranges;
  useEffect(() => {
    if (editor && ready) refreshCommentHighlights(editor);
  }, [editor, ready, commentRanges]);
  const commentButton =
    editor && comments?.canComment
      ? [{ id: "comment", label: "Kommentera", shortcut: commentShortcut.aria, run: () => comments.onRequestComment(commentSelection(editor)) }]
      : [];

  return (
    <>
      {editor && canWrite ? <EditorToolbar ref={toolbarRef} editor={editor} label={label} extraButtons={commentButton} /> : null}
      <div className="live-editor__surface">
        {!ready || !editor ? <p className="live-editor__loading">Laddar dokumentet…</p> : null}
        <EditorContent editor={editor} className="live-editor__frame" hidden={!ready || !editor} />
      </div>
      {canWrite ? (
        <p id={hintId} className="live-editor__hint">
          Tabb flyttar mellan tabellceller och drar in listor. Tryck Esc för att gå till verktygsfältet.
          {comments?.canComment ? ` Markera text och tryck ${commentShortcut.text} för att kommentera den.` : null}
        </p>
      ) : null}
    </>
  );
}

function Presence({ people, titleId }: { people: PresentPerson[]; titleId: string }) {
  return (
    <div className="live-editor__presence">
      <p id={titleId} className="live-editor__presence-title">
        I dokumentet nu
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
