import type { Editor } from "@tiptap/core";
import { EditorContent, useEditor } from "@tiptap/react";
import { useCallback, useEffect, useId, useRef, type MutableRefObject } from "react";
import { CommentHighlights, commentSelection, commentShortcut, refreshCommentHighlights, type EditorComments } from "./comment-highlights";
import { EditorGuards, collaborationExtensions, documentExtensions, placeholderExtension, type CollabUser } from "./extensions";
import { EditorToolbar, type ToolbarHandle } from "./toolbar";
import type { CollabSession } from "./use-collab-session";

/**
 * The Tiptap editor of a live document, its toolbar and hint: the part of <LiveEditor> that needs
 * Tiptap and ProseMirror, most of the editor's JavaScript. live-editor.tsx loads it with a dynamic
 * import, so that a page's hydration and its documents' connections do not wait for it.
 */
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

export default function EditorArea({
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
