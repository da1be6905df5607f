import { Extension, mergeAttributes, type AnyExtension, type Extensions, type Node } from "@tiptap/core";
import { Collaboration, isChangeOrigin } from "@tiptap/extension-collaboration";
import { CollaborationCaret } from "@tiptap/extension-collaboration-caret";
import { Table, TableCell, TableHeader, TableRow } from "@tiptap/extension-table";
import { Placeholder } from "@tiptap/extensions";
import { Plugin, PluginKey } from "@tiptap/pm/state";
import { StarterKit } from "@tiptap/starter-kit";
import type * as Y from "yjs";
import { knownCodeLanguage } from "./code-language";
import { readableTextColour, safeUserColour } from "./colours";
import { isSafeHref } from "./safe-href";

/** The Yjs XML fragment the editor binds to (Collaboration's default field). */
export const collabField = "default";

/** `rel` of every rendered link, whatever the stored mark says. */
export const linkRel = "noopener noreferrer nofollow";

export const headingLevels = [2, 3, 4] as const;

/**
 * The Link mark as StarterKit configures it, with a stricter `renderHTML`:
 * Tiptap's own renders a disallowed href as `href=""` but keeps the stored
 * `rel`, `target` and `class`, which a raw Yjs client can set to anything
 * (`rel="opener"`, a class that mimics the UI). Here the href is dropped
 * entirely unless `isSafeHref` accepts it, `rel` is fixed, and only `title`
 * is kept.
 */
function renderSafeLink({ HTMLAttributes }: { HTMLAttributes: Record<string, unknown> }) {
  const attrs: Record<string, string> = { rel: linkRel };
  const href = HTMLAttributes.href;
  if (typeof href === "string" && isSafeHref(href)) attrs.href = href;
  const title = HTMLAttributes.title;
  if (typeof title === "string" && title !== "") attrs.title = title;
  return ["a", attrs, 0] as const;
}

/**
 * The code block with its `language` limited to known names (see
 * code-language.ts), both when pasted HTML is parsed and when a stored value,
 * which a raw Yjs client can set to anything, is rendered.
 */
function safeCodeBlock(codeBlock: Node<{ HTMLAttributes: Record<string, unknown> }>): AnyExtension {
  return codeBlock.extend({
    addAttributes() {
      const attributes: Record<string, { parseHTML?: ((element: HTMLElement) => unknown) | null }> = this.parent?.() ?? {};
      const parseLanguage = attributes.language?.parseHTML;
      return {
        ...attributes,
        language: { ...attributes.language, default: null, parseHTML: (element: HTMLElement) => knownCodeLanguage(parseLanguage?.(element)) },
      };
    },
    renderHTML({ node, HTMLAttributes }) {
      const language = knownCodeLanguage(node.attrs.language);
      return ["pre", mergeAttributes(this.options.HTMLAttributes, HTMLAttributes), ["code", { class: language ? `language-${language}` : null }, 0]];
    },
  }) as AnyExtension;
}

const SafeStarterKit = StarterKit.configure({
  // Collaboration brings its own undo (Y.UndoManager); ProseMirror's history must be off.
  undoRedo: false,
  // TrailingNode appends a paragraph after a final table in every client at
  // once (duplicates) and would write to the document in read-only clients.
  trailingNode: false,
  // The page has the h1.
  heading: { levels: [...headingLevels] },
  link: {
    openOnClick: false,
    autolink: true,
    linkOnPaste: true,
    defaultProtocol: "https",
    // Used for rendering, parsing pasted HTML, setLink/toggleLink, autolink and paste rules.
    isAllowedUri: (url) => isSafeHref(url),
    HTMLAttributes: { rel: linkRel, target: null, class: null },
  },
}).extend({
  addExtensions() {
    const extensions = (this.parent?.() ?? []) as AnyExtension[];
    return extensions.map((extension) => {
      if (extension.name === "link") return extension.extend({ renderHTML: renderSafeLink }) as AnyExtension;
      if (extension.name === "codeBlock") return safeCodeBlock(extension as Node<{ HTMLAttributes: Record<string, unknown> }>);
      return extension;
    });
  },
});

/**
 * The extensions that define the document schema, without collaboration.
 * The server can build the same schema with `getSchema(documentExtensions())`
 * from `@tiptap/core` (e.g. for exports and plain-text rendering).
 */
export function documentExtensions(): Extensions {
  return [SafeStarterKit, Table.configure({ resizable: false, HTMLAttributes: { class: "live-editor__table" } }), TableRow, TableHeader, TableCell];
}

export type CollabUser = { name: string; color: string };

/** Remote carets: a coloured bar with the person's name, readable on their colour. Hidden from screen readers (the presence list names everyone). */
export function renderCaret(user: Record<string, unknown>): HTMLElement {
  const color = safeUserColour(user.color);
  const caret = document.createElement("span");
  caret.classList.add("collaboration-carets__caret");
  caret.setAttribute("aria-hidden", "true");
  caret.style.borderColor = color;
  const label = document.createElement("span");
  label.classList.add("collaboration-carets__label");
  label.style.backgroundColor = color;
  label.style.color = readableTextColour(color);
  const name = typeof user.name === "string" && user.name.trim() !== "" ? user.name.trim().slice(0, 80) : "Okänd";
  // A widget, not document content: copy/paste and the Y.Doc never contain it,
  // but it is part of the contenteditable's DOM textContent.
  label.textContent = name;
  caret.append(label);
  return caret;
}

function renderSelection(user: Record<string, unknown>) {
  // A light tint (20 %) keeps the document text readable on other people's selections.
  return {
    nodeName: "span",
    class: "collaboration-carets__selection",
    style: `background-color: ${safeUserColour(user.color)}33`,
  };
}

export type GuardOptions = {
  /** Whether local edits may reach the document right now (editable, synced once, not refused). */
  canWrite: () => boolean;
  /** Escape / Alt+F10 in the text: move focus to the toolbar. Returns whether it did. */
  onEscape: () => boolean;
};

/**
 * Keeps a read-only client from ever writing to the Y.Doc: a transaction that
 * changes the document is dropped unless it comes from Yjs (a remote change)
 * or writing is allowed. Without it, plugins that append transactions after a
 * remote change (table normalisation) would send updates the server refuses.
 * Also: Escape leaves the text for the toolbar, since Tab is taken by lists
 * and table cells (no keyboard trap).
 */
export const EditorGuards = Extension.create<GuardOptions>({
  name: "samverkanEditorGuards",

  addOptions() {
    return { canWrite: () => false, onEscape: () => false };
  },

  addKeyboardShortcuts() {
    return {
      Escape: () => this.options.onEscape(),
      "Alt-F10": () => this.options.onEscape(),
    };
  },

  addProseMirrorPlugins() {
    const options = this.options;
    return [
      new Plugin({
        key: new PluginKey("samverkanReadOnlyGuard"),
        filterTransaction: (tr) => !tr.docChanged || isChangeOrigin(tr) || options.canWrite(),
      }),
    ];
  },
});

export function collaborationExtensions({ ydoc, provider, user }: { ydoc: Y.Doc; provider: { awareness: unknown }; user: CollabUser }): Extensions {
  return [
    Collaboration.configure({ document: ydoc, field: collabField }),
    CollaborationCaret.configure({
      provider,
      user,
      render: renderCaret,
      selectionRender: renderSelection,
    }),
  ];
}

/**
 * Guidance shown in an empty editor (a lägesbild section's template text). It is a decoration
 * drawn by CSS from a data attribute: it disappears with the first character typed and never
 * reaches the Y.Doc, so it is never content.
 */
export function placeholderExtension(text: string): AnyExtension {
  return Placeholder.configure({ placeholder: text, showOnlyWhenEditable: true, showOnlyCurrent: false, emptyEditorClass: "live-editor__empty" });
}
