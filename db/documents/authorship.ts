import * as Y from "yjs";

/** A stretch of text written under one Yjs client id. */
export interface AuthorRun {
  text: string;
  clientId: number;
}

const blockElements = new Set(["paragraph", "heading", "listItem", "tableRow", "blockquote", "codeBlock", "horizontalRule"]);

/**
 * "Vem skrev vad": the document's text block by block (as plainText splits it), each block as runs
 * of consecutive characters inserted under the same client id. Read from the Yjs items themselves,
 * so a word typed by one person into another's sentence is that person's. Deleted text is left out.
 */
export function authorBlocks(doc: Y.Doc): AuthorRun[][] {
  const blocks: AuthorRun[][] = [];
  let current: AuthorRun[] = [];
  const push = (text: string, clientId: number) => {
    const last = current.at(-1);
    if (last && last.clientId === clientId) last.text += text;
    else current.push({ text, clientId });
  };
  const visit = (node: unknown) => {
    if (node instanceof Y.XmlText) {
      for (let item = node._start; item; item = item.right) {
        if (!item.deleted && item.content instanceof Y.ContentString) push(item.content.str, item.id.client);
      }
      return;
    }
    if (!(node instanceof Y.XmlElement)) return;
    for (const child of node.toArray()) visit(child);
    if (blockElements.has(node.nodeName) && current.some((run) => run.text.trim() !== "")) {
      blocks.push(current);
      current = [];
    }
  };
  for (const child of doc.getXmlFragment("default").toArray()) visit(child);
  if (current.some((run) => run.text.trim() !== "")) blocks.push(current);
  return blocks;
}
