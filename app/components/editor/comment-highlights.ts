import { Extension, type Editor } from "@tiptap/core";
import { Plugin, PluginKey, type EditorState } from "@tiptap/pm/state";
import { Decoration, DecorationSet } from "@tiptap/pm/view";
import { absolutePositionToRelativePosition, relativePositionToAbsolutePosition, ySyncPluginKey } from "@tiptap/y-tiptap";
import * as Y from "yjs";
import type { CommentAnchor } from "~/models/db.server";

/** A comment's place in the text, to highlight. */
export type CommentRange = { id: number; anchor: CommentAnchor };

/** What the user selected to comment on: the selection as relative positions, and its text. */
export type CommentSelection = { anchor: CommentAnchor; quote: string };

/**
 * What a page passes to <LiveEditor comments={…}>: the open comments' ranges to highlight,
 * and what to do when the user asks to comment (toolbar button or Ctrl+Alt+M). `selection` is
 * null when nothing is selected.
 */
export type EditorComments = {
  ranges: CommentRange[];
  canComment: boolean;
  onRequestComment: (selection: CommentSelection | null) => void;
};

export const commentShortcut = { aria: "Control+Alt+M", text: "Ctrl+Alt+M" };

/**
 * Ctrl+Alt+M, on every platform and keyboard layout: matched on the physical key, since on Windows
 * Ctrl+Alt is AltGr and with a Swedish layout the key reports "µ" (ProseMirror's keymap, rightly,
 * does not treat that as M). Cmd+Option+M is the Mac's own "minimise".
 */
function isCommentShortcut(event: KeyboardEvent): boolean {
  return event.ctrlKey && event.altKey && !event.metaKey && !event.shiftKey && event.code === "KeyM";
}

const commentHighlightsKey = new PluginKey<DecorationSet>("samverkanCommentHighlights");

type SyncState = { doc: Y.Doc; type: Y.XmlFragment; binding: { mapping: Map<unknown, unknown> } | null };

function syncState(state: EditorState): SyncState | null {
  const ystate = ySyncPluginKey.getState(state) as SyncState | undefined;
  return ystate?.binding && ystate.binding.mapping.size > 0 ? ystate : null;
}

/** The editor's current selection as a comment anchor, or null when nothing is selected. */
export function commentSelection(editor: Editor): CommentSelection | null {
  const { state } = editor;
  const { from, to, empty } = state.selection;
  const ystate = syncState(state);
  if (empty || !ystate) return null;
  const relative = (pos: number) => absolutePositionToRelativePosition(pos, ystate.type, ystate.binding!.mapping as never) as Y.RelativePosition;
  // JSON round trip: drops the undefined fields Yjs leaves, as the server stores it.
  const anchor = JSON.parse(
    JSON.stringify({ from: Y.relativePositionToJSON(stickToNext(ystate.doc, relative(from))), to: Y.relativePositionToJSON(relative(to)) }),
  ) as CommentAnchor;
  return { anchor, quote: state.doc.textBetween(from, to, " ", " ") };
}

/**
 * y-tiptap's positions stick to the character before them, right for the end of a range (text typed
 * after it stays outside) but not for its start: text typed just before the commented words would
 * join them. The start is made to stick to the first commented character instead.
 */
function stickToNext(doc: Y.Doc, position: Y.RelativePosition): Y.RelativePosition {
  const absolute = Y.createAbsolutePositionFromRelativePosition(position, doc);
  if (!absolute || !(absolute.type instanceof Y.XmlText) || absolute.index >= absolute.type.length) return position;
  return Y.createRelativePositionFromTypeIndex(absolute.type, absolute.index, 0);
}

function highlights(state: EditorState, ranges: CommentRange[]): DecorationSet {
  const ystate = syncState(state);
  if (!ystate || ranges.length === 0) return DecorationSet.empty;
  const absolute = (position: CommentAnchor["from"]) => {
    const decoded = Y.createAbsolutePositionFromRelativePosition(Y.createRelativePositionFromJSON(position), ystate.doc);
    if (!decoded) return null;
    // The same place, now, as a position sticking to the character before it: y-tiptap refuses one
    // sticking to the next character at the very start of the document (its guard against
    // positions misresolved by drag and drop), where a comment on the first words starts.
    const here = Y.createRelativePositionFromTypeIndex(decoded.type, decoded.index, -1);
    return relativePositionToAbsolutePosition(ystate.doc, ystate.type, here, ystate.binding!.mapping as never);
  };
  const decorations: Decoration[] = [];
  for (const { id, anchor } of ranges) {
    const from = absolute(anchor.from);
    const to = absolute(anchor.to);
    // The commented text may have been deleted since: the comment then shows only its quote.
    if (from === null || to === null || from >= to) continue;
    decorations.push(Decoration.inline(from, Math.min(to, state.doc.content.size), { class: "comment-highlight", "data-comment-id": String(id) }));
  }
  return DecorationSet.create(state.doc, decorations);
}

export type CommentHighlightOptions = {
  /** The current comments binding (read on every change, so the page can pass a new one each render). */
  comments: () => EditorComments | undefined;
};

/**
 * Highlights the commented ranges (a decoration, never a change to the document) and offers
 * Ctrl+Alt+M to comment on the selection. The ranges are recomputed from the relative positions
 * when Yjs changes the document or `refreshCommentHighlights` is called.
 */
export const CommentHighlights = Extension.create<CommentHighlightOptions>({
  name: "samverkanCommentHighlights",

  addOptions() {
    return { comments: () => undefined };
  },

  addProseMirrorPlugins() {
    const options = this.options;
    const editor = this.editor;
    return [
      new Plugin<DecorationSet>({
        key: commentHighlightsKey,
        state: {
          init: (_config, state) => highlights(state, options.comments()?.ranges ?? []),
          apply: (tr, previous, _old, state) => {
            // A change from Yjs (remote, or the first sync) comes with the binding's mapping already
            // updated, so the relative positions resolve; a local edit updates the mapping only
            // after this, so its highlights are moved along with the edit instead.
            if (tr.getMeta(commentHighlightsKey) || tr.getMeta(ySyncPluginKey)) return highlights(state, options.comments()?.ranges ?? []);
            return tr.docChanged ? previous.map(tr.mapping, tr.doc) : previous;
          },
        },
        props: {
          decorations: (state) => commentHighlightsKey.getState(state),
          handleKeyDown: (_view, event) => {
            const comments = options.comments();
            if (!comments?.canComment || !isCommentShortcut(event)) return false;
            comments.onRequestComment(commentSelection(editor));
            return true;
          },
        },
      }),
    ];
  },
});

/** Recomputes the highlights after the comments changed (no document change). */
export function refreshCommentHighlights(editor: Editor): void {
  if (!editor.isDestroyed) editor.view.dispatch(editor.state.tr.setMeta(commentHighlightsKey, true).setMeta("addToHistory", false));
}
