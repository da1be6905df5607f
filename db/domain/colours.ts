/**
 * Caret colours, dark enough for white label text at 4.5:1 (WCAG AA).
 * A person keeps the same colour in every document.
 */
const palette = ["#1f5fa8", "#a3271f", "#1d6b35", "#6b3fa0", "#8a4b00", "#005f6b", "#a0185c", "#4a5360"];

export function colourFor(personId: number): string {
  return palette[personId % palette.length];
}
