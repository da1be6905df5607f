import type { ProtocolData } from "./protocol-data";

/**
 * How much free text one protocol prints. Minutes and notes are live documents
 * of any size (a pasted log or base64 blob can be megabytes); a protocol is a
 * record meant to be read and archived, so each text is printed up to a
 * generous limit (about 80 pages) and the whole protocol up to about twice
 * that. What is cut is said at the cut and on the first page; the full texts
 * stay in Samverkan.
 */
export const MAX_CHARS_PER_TEXT = 200_000;
export const MAX_CHARS_PER_PROTOCOL = 400_000;

/** A cut prefers to end at a line or word break this close to the limit. */
const CUT_LOOKBACK = 1_000;

/** A free text as printed: possibly cut, with its original length when it was. */
export interface LimitedText {
  text: string;
  /** Characters in the full text when it was cut, otherwise null. */
  cutFrom: number | null;
}

export interface LimitedProtocolTexts {
  paragraphs: { notes: LimitedText; decisionText: LimitedText }[];
  generalNotes: LimitedText;
  /** How many texts were cut (0 when the protocol is complete). */
  cutCount: number;
}

/**
 * Applies both limits in the order the texts appear in the protocol: every §'s
 * notes and decision, then the general minutes. Decisions come first in the
 * protocol and so are the last to be cut.
 */
export function limitProtocolTexts(data: ProtocolData, perText = MAX_CHARS_PER_TEXT, perProtocol = MAX_CHARS_PER_PROTOCOL): LimitedProtocolTexts {
  const budget = textBudget(perText, perProtocol);
  const paragraphs = data.paragraphs.map((p) => ({ notes: budget.take(p.notes), decisionText: budget.take(p.decisionText) }));
  const generalNotes = data.kind === "protokoll" ? budget.take(data.generalNotes) : { text: "", cutFrom: null };
  return { paragraphs, generalNotes, cutCount: budget.cutCount() };
}

/**
 * The limits of one printed document: each text taken in the order it is printed is cut at
 * `perText`, or earlier when the whole document's `perDocument` is spent. The protocol's rule,
 * also used by the exports of a lägesbild's or åtgärdsplan's version.
 */
export function textBudget(perText = MAX_CHARS_PER_TEXT, perDocument = MAX_CHARS_PER_PROTOCOL) {
  let left = perDocument;
  let cutCount = 0;
  return {
    take(text: string): LimitedText {
      const limited = limitText(text, Math.min(perText, left));
      left -= limited.text.length;
      if (limited.cutFrom !== null) cutCount++;
      return limited;
    },
    /** How many texts were cut so far. */
    cutCount: () => cutCount,
  };
}

export type TextBudget = ReturnType<typeof textBudget>;

/** The text up to `max` characters, cut at a line or word break near the limit when there is one. */
export function limitText(text: string, max: number): LimitedText {
  if (text.length <= max) return { text, cutFrom: null };
  let end = Math.max(0, max);
  // Never split a surrogate pair (an emoji or a rare CJK character).
  if (end > 0 && isHighSurrogate(text.charCodeAt(end - 1))) end--;
  const lineBreak = text.lastIndexOf("\n", end);
  const wordBreak = text.lastIndexOf(" ", end);
  const natural = Math.max(lineBreak, wordBreak);
  if (natural > 0 && end - natural <= CUT_LOOKBACK) end = natural;
  return { text: text.slice(0, end), cutFrom: text.length };
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

const thousands = new Intl.NumberFormat("sv-SE");

/** The note printed where a text was cut; `where` is the printed document ("protokollet", "dokumentet"). */
export function cutNote(limited: LimitedText, where = "protokollet"): string {
  const shown = thousands.format(limited.text.length);
  const total = thousands.format(limited.cutFrom ?? limited.text.length);
  return `[Texten är avkortad i ${where}: de första ${shown} av ${total} tecknen visas. Hela texten finns i Samverkan.]`;
}

/** The notice on the first page of a protocol in which texts were cut. */
export function cutNotice(cutCount: number, isExtract: boolean): string {
  return documentCutNotice(isExtract ? "Utdraget" : "Protokollet", cutCount);
}

/** The notice on the first page of a printed document (`what`: "Protokollet", "Dokumentet") in which texts were cut. */
export function documentCutNotice(what: string, cutCount: number): string {
  const texts = cutCount === 1 ? "En text var för lång och är avkortad" : `${cutCount} texter var för långa och är avkortade`;
  return `Observera: ${what} är inte fullständigt. ${texts}; var den slutar står det i texten. De fullständiga texterna finns i Samverkan.`;
}

/**
 * Breaks every word wider than `maxWidth` into pieces that fit, one per line.
 *
 * pdfkit's line wrapper handles a word wider than the line by measuring, for
 * every line it fills, the whole rest of the word again, and its layout cache
 * keeps every measured rest: time and memory grow with the square of the
 * word's length (16 KB without a space took 13 s; 100 KB ran out of memory).
 * Pieces narrower than the line never take that path, so wrapping is linear.
 * Widths are summed per character (no kerning), so the pieces are made a little
 * narrower than `maxWidth` by the caller's choice of `maxWidth`.
 */
export function breakOverlongWords(text: string, maxWidth: number, charWidth: (char: string) => number): string {
  // Only spaces and line breaks count as breaks here: pdfkit does not break at a
  // no-break space (U+00A0, U+202F …), so a run joined by them is one word to it.
  return text.replace(/[^ \n]+/g, (word) => {
    let width = 0;
    for (const char of word) {
      width += charWidth(char);
      if (width > maxWidth) return splitWord(word, maxWidth, charWidth);
    }
    return word;
  });
}

function splitWord(word: string, maxWidth: number, charWidth: (char: string) => number): string {
  const pieces: string[] = [];
  let start = 0;
  let index = 0;
  let width = 0;
  for (const char of word) {
    const w = charWidth(char);
    if (width + w > maxWidth && index > start) {
      pieces.push(word.slice(start, index));
      start = index;
      width = 0;
    }
    width += w;
    index += char.length;
  }
  pieces.push(word.slice(start));
  return pieces.join("\n");
}
