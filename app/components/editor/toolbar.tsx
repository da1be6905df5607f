import type { Editor } from "@tiptap/core";
import { useEditorState } from "@tiptap/react";
import { forwardRef, useId, useImperativeHandle, useRef, useState, type KeyboardEvent } from "react";
import { normaliseLinkInput } from "./safe-href";

export type ToolbarHandle = {
  /** Moves focus to the toolbar's current button (roving tabindex). */
  focus: () => boolean;
};

export type ToolbarButton = {
  id: string;
  label: string;
  run: () => void;
  pressed?: boolean;
  expanded?: boolean;
  controls?: string;
  disabled?: boolean;
  shortcut?: string;
};

const emptyState = {
  h2: false,
  h3: false,
  bold: false,
  italic: false,
  bulletList: false,
  orderedList: false,
  link: false,
  table: false,
  canUndo: false,
  canRedo: false,
};

/**
 * The formatting toolbar: one tab stop, arrow keys (and Home/End) move
 * between buttons, as in the WAI-ARIA toolbar pattern. Toggle buttons carry
 * `aria-pressed`; unavailable ones `aria-disabled` (they stay focusable so the
 * toolbar's layout and order do not jump).
 */
export const EditorToolbar = forwardRef<ToolbarHandle, { editor: Editor; label: string; extraButtons?: ToolbarButton[] }>(function EditorToolbar(
  { editor, label, extraButtons = [] },
  ref,
) {
  const state =
    useEditorState({
      editor,
      selector: ({ editor: e }) =>
        e && !e.isDestroyed
          ? {
              h2: e.isActive("heading", { level: 2 }),
              h3: e.isActive("heading", { level: 3 }),
              bold: e.isActive("bold"),
              italic: e.isActive("italic"),
              bulletList: e.isActive("bulletList"),
              orderedList: e.isActive("orderedList"),
              link: e.isActive("link"),
              table: e.isActive("table"),
              canUndo: e.can().undo(),
              canRedo: e.can().redo(),
            }
          : emptyState,
    }) ?? emptyState;

  const [activeIndex, setActiveIndex] = useState(0);
  const [linkFormOpen, setLinkFormOpen] = useState(false);
  const toolbarRef = useRef<HTMLDivElement>(null);
  const linkButtonRef = useRef<HTMLButtonElement | null>(null);
  const linkFormId = useId();

  const chain = () => editor.chain().focus();
  // The toolbar only renders in the browser (it needs the editor), so navigator is there.
  const mod = /Mac|iPhone|iPad/.test(navigator.platform) ? "Meta" : "Control";

  const buttons: ToolbarButton[] = [
    { id: "h2", label: "Rubrik", pressed: state.h2, run: () => chain().toggleHeading({ level: 2 }).run() },
    { id: "h3", label: "Underrubrik", pressed: state.h3, run: () => chain().toggleHeading({ level: 3 }).run() },
    { id: "bold", label: "Fetstil", pressed: state.bold, shortcut: `${mod}+B`, run: () => chain().toggleBold().run() },
    { id: "italic", label: "Kursiv", pressed: state.italic, shortcut: `${mod}+I`, run: () => chain().toggleItalic().run() },
    { id: "bulletList", label: "Punktlista", pressed: state.bulletList, run: () => chain().toggleBulletList().run() },
    { id: "orderedList", label: "Numrerad lista", pressed: state.orderedList, run: () => chain().toggleOrderedList().run() },
    {
      id: "link",
      label: "Länk",
      expanded: linkFormOpen,
      controls: linkFormOpen ? linkFormId : undefined,
      run: () => setLinkFormOpen((open) => !open),
    },
    {
      id: "table",
      label: "Infoga tabell",
      disabled: state.table,
      run: () => chain().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run(),
    },
    ...(state.table
      ? [
          { id: "addRow", label: "Lägg till rad", run: () => chain().addRowAfter().run() },
          { id: "addColumn", label: "Lägg till kolumn", run: () => chain().addColumnAfter().run() },
          { id: "deleteRow", label: "Ta bort rad", run: () => chain().deleteRow().run() },
          { id: "deleteColumn", label: "Ta bort kolumn", run: () => chain().deleteColumn().run() },
          { id: "deleteTable", label: "Ta bort tabell", run: () => chain().deleteTable().run() },
        ]
      : []),
    { id: "undo", label: "Ångra", disabled: !state.canUndo, shortcut: `${mod}+Z`, run: () => chain().undo().run() },
    { id: "redo", label: "Gör om", disabled: !state.canRedo, shortcut: `${mod}+Y`, run: () => chain().redo().run() },
    // Buttons a page adds, e.g. "Kommentera" (they do not change the text).
    ...extraButtons,
  ];
  const current = Math.min(activeIndex, buttons.length - 1);

  const buttonElements = () => Array.from(toolbarRef.current?.querySelectorAll<HTMLButtonElement>("button") ?? []);

  useImperativeHandle(ref, () => ({
    focus: () => {
      const target = buttonElements()[current];
      if (!target) return false;
      target.focus();
      return true;
    },
  }));

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const count = buttons.length;
    let next: number | null = null;
    if (event.key === "ArrowRight") next = (current + 1) % count;
    else if (event.key === "ArrowLeft") next = (current - 1 + count) % count;
    else if (event.key === "Home") next = 0;
    else if (event.key === "End") next = count - 1;
    else if (event.key === "Escape") {
      event.preventDefault();
      editor.commands.focus();
      return;
    }
    if (next === null) return;
    event.preventDefault();
    setActiveIndex(next);
    buttonElements()[next]?.focus();
  };

  return (
    <>
      <div
        ref={toolbarRef}
        role="toolbar"
        aria-label={`Formatering: ${label}`}
        aria-orientation="horizontal"
        className="live-editor__toolbar"
        onKeyDown={onKeyDown}
      >
        {buttons.map((button, index) => (
          <button
            key={button.id}
            ref={button.id === "link" ? linkButtonRef : undefined}
            type="button"
            className="live-editor__button"
            data-command={button.id}
            tabIndex={index === current ? 0 : -1}
            aria-pressed={button.pressed}
            aria-expanded={button.expanded}
            aria-controls={button.controls}
            aria-disabled={button.disabled ? true : undefined}
            aria-keyshortcuts={button.shortcut}
            onFocus={() => setActiveIndex(index)}
            // Keep the text selection when a button is clicked with the mouse.
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => {
              setActiveIndex(index);
              if (!button.disabled) button.run();
            }}
          >
            {button.label}
          </button>
        ))}
      </div>
      {linkFormOpen ? (
        <LinkForm
          id={linkFormId}
          editor={editor}
          isLink={state.link}
          onClose={(returnTo) => {
            setLinkFormOpen(false);
            if (returnTo === "button") linkButtonRef.current?.focus();
          }}
        />
      ) : null}
    </>
  );
});

/**
 * An inline form for the link address (no window.prompt). Only http(s),
 * mailto and tel are accepted; a bare domain gets https://.
 */
function LinkForm({ id, editor, isLink, onClose }: { id: string; editor: Editor; isLink: boolean; onClose: (returnTo: "button" | "editor") => void }) {
  const inputId = useId();
  const hintId = useId();
  const errorId = useId();
  const headingId = useId();
  const [value, setValue] = useState(() => {
    const href: unknown = editor.getAttributes("link").href;
    return typeof href === "string" ? href : "";
  });
  const [error, setError] = useState<string | null>(null);

  const save = () => {
    if (value.trim() === "") {
      setError("Skriv en länkadress.");
      return;
    }
    const href = normaliseLinkInput(value);
    if (!href) {
      setError("Länken måste börja med https://, http://, mailto: eller tel:. Andra sorters länkar, till exempel javascript:, är inte tillåtna.");
      return;
    }
    const { empty } = editor.state.selection;
    if (empty && !editor.isActive("link")) {
      // No text chosen: insert the address itself as the link text.
      editor
        .chain()
        .focus()
        .insertContent({ type: "text", text: href, marks: [{ type: "link", attrs: { href } }] })
        .run();
    } else {
      editor.chain().focus().extendMarkRange("link").setLink({ href }).run();
    }
    onClose("editor");
  };

  const remove = () => {
    editor.chain().focus().extendMarkRange("link").unsetLink().run();
    onClose("editor");
  };

  return (
    <div id={id} role="group" aria-labelledby={headingId} className="live-editor__link-form">
      <p id={headingId} className="live-editor__link-title">
        {isLink ? "Ändra länk" : "Lägg till länk"}
      </p>
      <label htmlFor={inputId}>Länkadress</label>
      <p id={hintId} className="live-editor__hint">
        Till exempel https://start.stockholm, mailto:namn@example.se eller tel:+46850829000
      </p>
      <input
        id={inputId}
        type="text"
        inputMode="url"
        autoComplete="off"
        spellCheck={false}
        // Focus goes to the field the person just opened the link dialog for.
        autoFocus
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${errorId} ${hintId}` : hintId}
        onChange={(event) => {
          setValue(event.target.value);
          if (error) setError(null);
        }}
        onKeyDown={(event) => {
          if (event.key === "Enter") {
            event.preventDefault();
            save();
          } else if (event.key === "Escape") {
            event.preventDefault();
            event.stopPropagation();
            onClose("button");
          }
        }}
      />
      {error ? (
        <p id={errorId} className="live-editor__field-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="live-editor__link-actions">
        <button type="button" className="live-editor__button live-editor__button--primary" onClick={save}>
          Spara länk
        </button>
        {isLink ? (
          <button type="button" className="live-editor__button" onClick={remove}>
            Ta bort länk
          </button>
        ) : null}
        <button type="button" className="live-editor__button" onClick={() => onClose("button")}>
          Avbryt
        </button>
      </div>
    </div>
  );
}
