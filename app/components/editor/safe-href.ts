/**
 * Which link targets may appear in a live document.
 *
 * Anyone who can write to a document can put any `href` into it with a raw Yjs
 * client, bypassing the editor's toolbar and input rules. Every place that
 * turns a link mark into HTML (the Link extension's `renderHTML` in the
 * browser, server-side export) therefore checks the stored value with
 * `isSafeHref` and drops the link target when it fails.
 *
 * Only absolute http(s), mailto and tel URLs are allowed. The check is an
 * allow-list on the raw string: the scheme must be the very first characters,
 * so anything a browser would normalise into another scheme (leading
 * whitespace or control characters, tabs or newlines inside the scheme,
 * HTML entities, percent-encoding) is refused, and so are relative URLs
 * (`/path`, `//host`, `#anchor`, `www.example.se`). Plain TS, no DOM: it runs
 * on the server too.
 */

const maxHrefLength = 2048;

/** C0 control characters, DEL and the Unicode whitespace/format characters browsers ignore or strip. */
const forbiddenCharacters = /[\u0000-\u001F\u007F-\u009F\u00A0\u1680\u180E\u2000-\u200F\u2028-\u202F\u205F-\u2064\u3000\uFEFF]/;

const webUrl = /^https?:\/\/[^/\\?#@\s]/i;
const mailtoUrl = /^mailto:[^\s]/i;
const telUrl = /^tel:\+?[0-9(][0-9 ()\-.]*$/i;

/** True when `href` is an absolute http:, https:, mailto: or tel: URL that is safe to render as a link. */
export function isSafeHref(href: string | null | undefined): boolean {
  if (typeof href !== "string" || href.length === 0 || href.length > maxHrefLength) return false;
  if (forbiddenCharacters.test(href)) return false;
  if (href.includes(" ") && !mailtoUrl.test(href) && !telUrl.test(href)) return false;

  if (webUrl.test(href)) {
    let url: URL;
    try {
      url = new URL(href);
    } catch {
      return false;
    }
    return (url.protocol === "http:" || url.protocol === "https:") && url.hostname.length > 0;
  }
  if (mailtoUrl.test(href)) {
    try {
      return new URL(href).protocol === "mailto:";
    } catch {
      return false;
    }
  }
  return telUrl.test(href);
}

/**
 * What a person typed into the link form, made into an href: trimmed, and a
 * bare domain ("www.polisen.se", "stockholm.se/stadsdelar") gets `https://`.
 * Returns null when the result is not a safe href; the form then shows an error.
 */
export function normaliseLinkInput(input: string): string | null {
  const trimmed = input.trim();
  if (trimmed === "") return null;
  if (forbiddenCharacters.test(trimmed)) return null;
  let candidate = /^[a-z0-9-]+(\.[a-z0-9-]+)+(:\d+)?([/?#]\S*)?$/i.test(trimmed) ? `https://${trimmed}` : trimmed;
  if (webUrl.test(candidate)) {
    // Percent-encodes spaces and the like in the path, as a browser would.
    try {
      candidate = new URL(candidate).href;
    } catch {
      return null;
    }
  }
  return isSafeHref(candidate) ? candidate : null;
}
