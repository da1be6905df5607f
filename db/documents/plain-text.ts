import * as Y from "yjs";

const blockElements = new Set(["paragraph", "heading", "listItem", "tableRow", "blockquote", "codeBlock", "horizontalRule"]);

/**
 * The document as plain text, one block per line, for search and export.
 * Marks (bold, links…) are dropped: only the text itself is kept, so nothing
 * a raw client wrote into attributes can reach an export.
 */
export function plainText(doc: Y.Doc): string {
  const lines: string[] = [];
  let current = "";
  const visit = (node: Y.XmlElement | Y.XmlText | Y.XmlHook) => {
    if (node instanceof Y.XmlText) {
      for (const op of node.toDelta() as { insert: unknown }[]) if (typeof op.insert === "string") current += op.insert;
      return;
    }
    if (!(node instanceof Y.XmlElement)) return;
    if (node.nodeName === "tableCell" || node.nodeName === "tableHeader") {
      if (current) current += "\t";
    }
    for (const child of node.toArray()) visit(child as Y.XmlElement | Y.XmlText);
    if (blockElements.has(node.nodeName) && current.trim() !== "") {
      lines.push(current.trimEnd());
      current = "";
    }
  };
  for (const child of doc.getXmlFragment("default").toArray()) visit(child as Y.XmlElement | Y.XmlText);
  if (current.trim()) lines.push(current.trimEnd());
  return lines.join("\n");
}
