import { useFetcher } from "@remix-run/react";
import { useCallback, useEffect, useMemo, useState } from "react";
import type { CommentSelection, EditorComments } from "~/components/editor/comment-highlights";
import type { CommentView } from "~/models/db.server";
import type { CommentListing } from "~/routes/kommentarer.$documentName";

/** How often an open page asks for others' new comments and resolutions. */
const REFRESH_MS = 10_000;

export type DocumentComments = {
  documentName: string;
  /** Where the comments resource route answers for this document. */
  action: string;
  comments: CommentView[];
  canComment: boolean;
  loaded: boolean;
  /** Why the comments could not be read (logged out, access lost), if so. */
  problem: string | null;
  /** Pass to <LiveEditor comments={…}>. */
  editor: EditorComments;
  /** The selection being commented on, while the form is open. */
  draft: CommentSelection | null;
  closeDraft: () => void;
  /** The last thing to announce in the panel's status line. */
  status: string;
  announce: (message: string) => void;
  reload: () => void;
};

/**
 * The comments of one live document, for a <LiveEditor> (highlights, the "Kommentera" button) and
 * a <CommentsPanel> beside it. They are read from the comments resource route on mount, every ten
 * seconds and when the window regains focus, so others' comments and resolutions show up.
 * `canComment` is the page's own knowledge (the viewer may edit the document); the route checks again.
 */
export function useDocumentComments(documentName: string, canComment: boolean): DocumentComments {
  const action = `/kommentarer/${encodeURIComponent(documentName)}`;
  const listing = useFetcher<CommentListing>({ key: `comments:${documentName}` });
  const [draft, setDraft] = useState<CommentSelection | null>(null);
  const [status, setStatus] = useState("");
  const load = listing.load;

  const reload = useCallback(() => {
    void load(action);
  }, [load, action]);

  useEffect(() => {
    reload();
    const timer = setInterval(() => {
      if (document.visibilityState === "visible") reload();
    }, REFRESH_MS);
    window.addEventListener("focus", reload);
    return () => {
      clearInterval(timer);
      window.removeEventListener("focus", reload);
    };
  }, [reload]);

  const comments = useMemo(() => listing.data?.comments ?? [], [listing.data]);
  const ranges = useMemo(() => comments.flatMap((c) => (c.resolvedAt === null && c.anchor ? [{ id: c.id, anchor: c.anchor }] : [])), [comments]);
  const mayComment = canComment && (listing.data?.canComment ?? true);

  const editor = useMemo<EditorComments>(
    () => ({
      ranges,
      canComment: mayComment,
      onRequestComment: (selection) => {
        if (selection) {
          setDraft(selection);
          setStatus("");
        } else {
          setStatus("Markera först den text du vill kommentera.");
        }
      },
    }),
    [ranges, mayComment],
  );

  return {
    documentName,
    action,
    comments,
    canComment: mayComment,
    loaded: listing.data !== undefined,
    problem: listing.data?.problem ?? null,
    editor,
    draft,
    closeDraft: useCallback(() => setDraft(null), []),
    status,
    announce: setStatus,
    reload,
  };
}
