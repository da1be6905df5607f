import { extractText, getDocumentProxy, getMeta } from "unpdf";

/** A PDF's text (whitespace squashed, all pages), per page, and its document information. */
export async function readPdf(pdf: Uint8Array) {
  const document = await getDocumentProxy(new Uint8Array(pdf));
  const { totalPages, text } = await extractText(document, { mergePages: true });
  const { text: pages } = await extractText(await getDocumentProxy(new Uint8Array(pdf)), { mergePages: false });
  const meta = await getMeta(document);
  return { totalPages, text: squash(text), pages: pages.map(squash), info: meta.info as Record<string, unknown> };
}

export const squash = (s: string) => s.replace(/\u00a0/g, " ").replace(/\s+/g, " ");

/** Per page, the texts drawn at a slant (the diagonal marks), not the horizontal lines of the protocol. */
export async function diagonalTexts(pdf: Uint8Array): Promise<string[][]> {
  const document = await getDocumentProxy(new Uint8Array(pdf));
  const pages: string[][] = [];
  for (let n = 1; n <= document.numPages; n++) {
    const content = await (await document.getPage(n)).getTextContent();
    const slanted = content.items.filter((item) => "str" in item && Math.abs(item.transform[1]) > 0.1 && Math.abs(item.transform[2]) > 0.1);
    pages.push(slanted.map((item) => ("str" in item ? item.str : "")).filter((s) => s.trim() !== ""));
  }
  return pages;
}

/** The text from the first `from` up to the next `to` after it (the section of a heading). */
export function section(text: string, from: string, to: string): string {
  const start = text.indexOf(from);
  if (start < 0) throw new Error(`"${from}" is not in the text`);
  const end = text.indexOf(to, start + from.length);
  return text.slice(start, end < 0 ? undefined : end);
}
