import { Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from "docx";
import { documentCutNotice } from "../protocol/text-limits";
import type { Block, DataTable, VersionDocument } from "./version-document";

/**
 * A version of a lägesbild or åtgärdsplan as a Word document (DOCX), for the parties to register in
 * their own diarium: the same content as the PDF/A (title, status, every part's headings, paragraphs and
 * lists, the rows as tables, the content SHA-256), in Swedish, with texts cut where the PDF cuts them.
 * Only plain text goes in.
 */
export function renderVersionDocx(data: VersionDocument): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [
    new Paragraph({ text: data.title, heading: HeadingLevel.TITLE }),
    ...(data.demo ? [bold("DEMO – påhittade uppgifter, inte ett verkligt dokument")] : []),
    ...(data.decided ? [] : [bold("EJ FASTSTÄLLD – ett utkast, inte det beslutade dokumentet")]),
    new Paragraph({ text: data.agreementTitle }),
    labelled("Version", data.label),
    labelled("Status", data.statusLine),
    ...(data.cutCount > 0 ? [bold(documentCutNotice("Dokumentet", data.cutCount))] : []),
  ];
  for (const part of data.parts) {
    children.push(new Paragraph({ text: part.title, heading: HeadingLevel.HEADING_1 }));
    if (part.blocks.length === 0) children.push(new Paragraph({ text: "Inget skrivet." }));
    for (const block of part.blocks) children.push(...paragraphsOf(block));
  }
  for (const table of data.tables) children.push(...tableOf(table));
  children.push(labelled("Innehållets SHA-256", data.sha256));
  const doc = new Document({
    creator: "Samverkan",
    title: `${data.title} – ${data.agreementTitle}`,
    description: `${data.label}. ${data.statusLine}`,
    styles: { default: { document: { run: { language: { value: "sv-SE" } } } } },
    sections: [{ children }],
  });
  return Packer.toBuffer(doc);
}

function bold(text: string): Paragraph {
  return new Paragraph({ children: [new TextRun({ text, bold: true })] });
}

function labelled(label: string, value: string): Paragraph {
  return new Paragraph({ children: [new TextRun({ text: `${label}: `, bold: true }), new TextRun(value)] });
}

/** Each part is a Heading 1: the editor's headings (levels 1–4) go beneath it, from Heading 2. */
const headingLevels = [HeadingLevel.HEADING_2, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3, HeadingLevel.HEADING_4];

function paragraphsOf(block: Block): Paragraph[] {
  if (block.type === "heading") return [new Paragraph({ text: block.text, heading: headingLevels[Math.min(Math.max(block.level - 1, 0), 3)] })];
  if (block.type === "paragraph") return block.text.split("\n").map((line) => new Paragraph({ text: line }));
  // Numbers written out rather than a numbering definition: the list reads the same in every word processor.
  return block.items.map(
    (item, i) =>
      new Paragraph({
        text: block.ordered && item.depth === 0 ? `${i + 1}. ${item.text}` : item.text,
        ...(block.ordered && item.depth === 0 ? { indent: { left: 360 } } : { bullet: { level: Math.min(item.depth, 8) } }),
      }),
  );
}

function cell(text: string, header = false): TableCell {
  return new TableCell({ children: [header ? bold(text) : new Paragraph({ text })] });
}

function tableOf(table: DataTable): (Paragraph | Table)[] {
  const heading = new Paragraph({ text: table.heading, heading: HeadingLevel.HEADING_1 });
  if (table.rows.length === 0) return [heading, new Paragraph({ text: table.empty })];
  return [
    heading,
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      rows: [
        new TableRow({ tableHeader: true, children: table.columns.map((c) => cell(c, true)) }),
        ...table.rows.map((row) => new TableRow({ children: row.map((value) => cell(value)) })),
      ],
    }),
  ];
}
