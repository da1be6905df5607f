/**
 * User colours come from other clients' awareness states, so they are
 * untrusted: only `#rrggbb` is used, anything else falls back to a neutral
 * colour. Text on a user colour is black or white, whichever contrasts more
 * (for any colour one of them reaches at least 4.58:1, so labels meet
 * WCAG 2.1 AA's 4.5:1).
 */

export const fallbackUserColour = "#4a5360";

export function isHexColour(colour: unknown): colour is string {
  return typeof colour === "string" && /^#[0-9a-f]{6}$/i.test(colour);
}

export function safeUserColour(colour: unknown): string {
  return isHexColour(colour) ? colour.toLowerCase() : fallbackUserColour;
}

function channel(value: number): number {
  const c = value / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

/** WCAG relative luminance of a `#rrggbb` colour. */
export function relativeLuminance(hex: string): number {
  const r = Number.parseInt(hex.slice(1, 3), 16);
  const g = Number.parseInt(hex.slice(3, 5), 16);
  const b = Number.parseInt(hex.slice(5, 7), 16);
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** "#000000" or "#ffffff", whichever is more readable on `background`. */
export function readableTextColour(background: string): "#000000" | "#ffffff" {
  const bg = safeUserColour(background);
  return contrastRatio(bg, "#000000") >= contrastRatio(bg, "#ffffff") ? "#000000" : "#ffffff";
}
