import * as Y from "yjs";
import { cutNote, type TextBudget } from "../protocol/text-limits";

/**
 * A lägesbild's or åtgärdsplan's version as the exports print it (PDF/A and DOCX): plain data, so it
 * can go to the render thread. Texts are as stored; nothing in them is interpreted as markup.
 */
export interface VersionDocument {
  /** "Gemensam lokal lägesbild 2026", "Åtgärdsplan". */
  title: string;
  agreementTitle: string;
  /** The version's own label: "Lägesbild 2026 – för beslut 9 mars 2027". */
  label: string;
  /** "Fastställd av Lokal styrgrupp Skärholmen 9 mars 2027, § 3/2027", or what the version is when not decided. */
  statusLine: string;
  decided: boolean;
  demo: boolean;
  /** Each part's blocks within the protocol's text limits (see limitBlocks). */
  parts: { title: string; blocks: Block[] }[];
  /** How many parts were cut at the text limits (0 when the document is complete). */
  cutCount: number;
  /** The rows that are not text (underlag, platser, the plan's åtgärder): one record per row. */
  tables: DataTable[];
  /** The version's content SHA-256 (over its parts and rows). */
  sha256: string;
  /** When the version was decided, else made: the same version always renders to the same bytes. */
  generatedAt: string;
}

export type Block =
  | { type: "heading"; level: number; text: string }
  | { type: "paragraph"; text: string }
  | { type: "list"; ordered: boolean; items: { text: string; depth: number }[] };

export interface DataTable {
  heading: string;
  /** Column headings, the first naming the record's title. */
  columns: string[];
  rows: string[][];
  /** Said instead of an empty table. */
  empty: string;
}

/** The texts of a block in the order they are printed: a heading's or paragraph's text, a list's items. */
function textsOf(block: Block): string[] {
  return block.type === "list" ? block.items.map((item) => item.text) : [block.text];
}

/**
 * A part's blocks within the text limits, as the protocol cuts its minutes: the part is one text
 * (its blocks' texts, a line each) taken from `budget`; when it is cut, the blocks end where the cut
 * is, and a note at the end says how much is shown. Nothing else is changed.
 */
export function limitBlocks(blocks: Block[], budget: TextBudget): Block[] {
  const limited = budget.take(blocks.flatMap(textsOf).join("\n"));
  if (limited.cutFrom === null) return blocks;
  let left = limited.text.length;
  /** The first `left` characters of a text (each text is followed by its line break). */
  const take = (text: string) => {
    const kept = text.slice(0, Math.max(left, 0));
    left -= text.length + 1;
    return kept;
  };
  const kept: Block[] = [];
  for (const block of blocks) {
    if (left <= 0) break;
    if (block.type === "list") {
      const items = block.items.flatMap((item) => (left > 0 ? [{ ...item, text: take(item.text) }] : []));
      kept.push({ ...block, items });
    } else {
      kept.push({ ...block, text: take(block.text) });
    }
  }
  kept.push({ type: "paragraph", text: cutNote(limited, "dokumentet") });
  return kept;
}

type Node = Y.XmlElement | Y.XmlText;

function textOf(node: Node): string {
  if (node instanceof Y.XmlText) {
    return (node.toDelta() as { insert: unknown }[]).map((op) => (typeof op.insert === "string" ? op.insert : "")).join("");
  }
  if (node.nodeName === "hardBreak") return "\n";
  return node
    .toArray()
    .map((child) => textOf(child as Node))
    .join(node.nodeName === "tableRow" ? "\t" : "");
}

function listItems(list: Y.XmlElement, depth: number): { text: string; depth: number }[] {
  const items: { text: string; depth: number }[] = [];
  for (const item of list.toArray()) {
    if (!(item instanceof Y.XmlElement)) continue;
    const own = item
      .toArray()
      .filter((child) => !(child instanceof Y.XmlElement && isList(child)))
      .map((child) => textOf(child as Node).trim())
      .filter((t) => t !== "")
      .join(" ");
    items.push({ text: own, depth });
    for (const child of item.toArray()) if (child instanceof Y.XmlElement && isList(child)) items.push(...listItems(child, depth + 1));
  }
  return items;
}

const isList = (node: Y.XmlElement) => node.nodeName === "bulletList" || node.nodeName === "orderedList";

/**
 * The blocks of a live document's stored state (a version's part): headings, paragraphs and lists as
 * the editor made them; tables, quotes and code as paragraphs of their text. Marks are dropped.
 */
export function blocksOfState(state: Uint8Array): Block[] {
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, state);
    const blocks: Block[] = [];
    for (const node of doc.getXmlFragment("default").toArray()) {
      if (node instanceof Y.XmlElement && isList(node)) {
        blocks.push({ type: "list", ordered: node.nodeName === "orderedList", items: listItems(node, 0) });
        continue;
      }
      if (!(node instanceof Y.XmlElement || node instanceof Y.XmlText)) continue;
      const text =
        node instanceof Y.XmlElement && node.nodeName === "table"
          ? node
              .toArray()
              .map((row) => textOf(row as Node))
              .join("\n")
          : textOf(node);
      if (text.trim() === "") continue;
      if (node instanceof Y.XmlElement && node.nodeName === "heading") {
        blocks.push({ type: "heading", level: Number(node.getAttribute("level")) || 2, text });
      } else {
        blocks.push({ type: "paragraph", text });
      }
    }
    return blocks;
  } finally {
    doc.destroy();
  }
}
