import { ArchivalWriter } from "../protocol/archival-writer";
import { archivalPdfDocument, BODY, BOLD, clean, metaText, parseInstant, REGULAR, type Info } from "../protocol/pdf";
import { documentCutNotice } from "../protocol/text-limits";
import type { Block, VersionDocument } from "./version-document";

/**
 * Renders a version of a lägesbild or åtgärdsplan as PDF/A-2b with the protocol's machinery (pdf.ts:
 * DejaVu embedded, tagged, sv-SE, deterministic): title, agreement, what the version is (for a decided
 * one "Fastställd av … § n/yyyy"), every part's headings, paragraphs and lists, the rows as records,
 * and last the version's content SHA-256. Texts are cut at the protocol's limits (version-data.ts) and
 * words wider than a line broken (ArchivalWriter), so a pasted blob renders in bounded time. A version not decided says so across every page.
 * Runs on a worker thread through the render pool.
 */
export async function renderVersionPdf(data: VersionDocument): Promise<Buffer> {
  const marks = versionMarks(data);
  const title = `${metaText(data.title)} – ${metaText(data.agreementTitle)}`;
  const info: Info = {
    Title: marks.length > 0 ? `${title} (${marks.map((m) => m.watermark).join(", ")})` : title,
    Author: metaText(data.agreementTitle),
    Subject: `${metaText(data.label)}. ${metaText(data.statusLine)}`,
    Keywords: [data.title, data.agreementTitle, "samverkan", `innehåll SHA-256 ${data.sha256}`].map(metaText).join(", "),
    Creator: "Samverkan",
    Producer: "PDFKit",
    CreationDate: parseInstant(data.generatedAt, "generatedAt"),
  };
  const { doc, done } = archivalPdfDocument(info);
  new VersionWriter(doc, data).write();
  doc.end();
  return done;
}

function versionMarks(data: VersionDocument): { heading: string; watermark: string }[] {
  return [
    ...(data.decided ? [] : [{ heading: "EJ FASTSTÄLLD – ett utkast, inte det beslutade dokumentet", watermark: "EJ FASTSTÄLLD" }]),
    ...(data.demo ? [{ heading: "DEMO – påhittade uppgifter, inte ett verkligt dokument", watermark: "DEMO" }] : []),
  ];
}

type Struct = PDFKit.PDFStructureElement;

class VersionWriter extends ArchivalWriter {
  constructor(
    doc: PDFKit.PDFDocument,
    private readonly data: VersionDocument,
  ) {
    super(doc);
  }

  write(): void {
    const { data } = this;
    const marks = versionMarks(data);
    this.watermarkEveryPage(marks.map((m) => m.watermark));
    this.block(this.root, "H1", () => this.text(clean(data.title), BOLD, 20));
    for (const mark of marks) this.block(this.root, "P", () => this.text(mark.heading, BOLD, 12));
    this.doc.y += 4;
    this.block(this.root, "P", () => this.text(clean(data.agreementTitle), BOLD, 12));
    const head = this.section();
    this.doc.y += 6;
    this.labelled(head, "Version", clean(data.label));
    this.labelled(head, "Status", clean(data.statusLine));
    if (data.cutCount > 0) this.block(head, "P", () => this.text(documentCutNotice("Dokumentet", data.cutCount), BOLD));
    head.end();

    for (const part of data.parts) {
      const section = this.section();
      this.heading(section, clean(part.title));
      if (part.blocks.length === 0) this.block(section, "P", () => this.text("Inget skrivet.", REGULAR, BODY));
      for (const block of part.blocks) this.contentBlock(section, block);
      section.end();
    }
    for (const table of data.tables) this.records(table);

    const end = this.section();
    this.doc.y += 12;
    this.labelled(end, "Innehållets SHA-256", data.sha256);
    end.end();
    this.root.end();
    this.footers(`${clean(data.title)} – ${clean(data.agreementTitle)}${marks.map((m) => ` – ${m.watermark}`).join("")}`);
  }

  private contentBlock(parent: Struct, block: Block): void {
    if (block.type === "heading") return this.heading(parent, clean(block.text), "H3");
    if (block.type === "paragraph") {
      for (const line of clean(block.text).split("\n")) if (line.trim() !== "") this.block(parent, "P", () => this.text(line.trimEnd()));
      this.doc.y += 3;
      return;
    }
    const list = this.doc.struct("L");
    parent.add(list);
    block.items.forEach((item, i) => {
      const li = this.doc.struct("LI");
      list.add(li);
      const marker = block.ordered && item.depth === 0 ? `${i + 1}.` : "–";
      this.block(li, "LBody", () => this.text(`${marker} ${clean(item.text)}`, REGULAR, BODY, {}, 10 + item.depth * 14));
      li.end();
    });
    list.end();
    this.doc.y += 3;
  }
}
