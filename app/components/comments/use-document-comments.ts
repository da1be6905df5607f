import { useCallback, useEffect, useMemo, useRef, useState } from "react";
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
  const [listing, setListing] = useState<{ data?: CommentListing }>({});
  const [draft, setDraft] = useState<CommentSelection | null>(null);
  const [status, setStatus] = useState("");
  // Only the newest read counts; a slower, older answer arriving later is dropped.
  const latestRead = useRef(0);

  // A plain fetch, not a Remix fetcher: the page's own revalidations (live events, a section
  // closed) would abort a fetcher's load and report the abort as an error on the page.
  const reload = useCallback(() => {
    const read = ++latestRead.current;
    fetch(action, { headers: { Accept: "application/json" } })
      .then((response) => response.json() as Promise<CommentListing>)
      .then((data) => {
        if (read === latestRead.current) setListing({ data });
      })
      .catch(() => {
        // Offline, or the page is going away: the next read (interval, focus) tries again.
      });
  }, [action]);

  useEffect(
    () => () => {
      // Unmounted: answers still on their way are dropped.
      latestRead.current = Number.MAX_SAFE_INTEGER;
    },
    [],
  );

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
