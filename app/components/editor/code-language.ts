/**
 * Languages a code block may be marked with. The editor has no syntax
 * highlighting; the name only becomes the `language-<name>` class on the
 * `<code>` element, so it is limited to names a highlighter would know.
 * Anything else (a raw Yjs client can store any attribute value) is dropped,
 * so stored attributes cannot add class names that mimic or restyle the UI.
 */
export const codeLanguages = [
  "plaintext",
  "text",
  "json",
  "javascript",
  "typescript",
  "sql",
  "xml",
  "html",
  "css",
  "bash",
  "shell",
  "python",
  "csv",
  "yaml",
  "markdown",
] as const;

const known: ReadonlySet<string> = new Set(codeLanguages);

export function knownCodeLanguage(value: unknown): string | null {
  return typeof value === "string" && known.has(value) ? value : null;
}
