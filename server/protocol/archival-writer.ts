import { BODY, BOLD, BREAK_SLACK, clean, drawDiagonalMarks, LINE_GAP, REGULAR } from "./pdf";
import { breakOverlongWords } from "./text-limits";
import type { DataTable } from "../steering/version-document";

type Struct = PDFKit.PDFStructureElement;

/**
 * The building blocks of a simple archival PDF (see archivalPdfDocument in pdf.ts): tagged sections,
 * headings, paragraphs, "Label: value" lines and tables as records at the left margin, diagonal marks on every page and a
 * footer with page numbers. The kallelse, a lägesbild's or åtgärdsplan's version and the city-wide overview are written with it.
 */
export class ArchivalWriter {
  protected readonly left: number;
  protected readonly width: number;
  protected readonly root: Struct;

  constructor(protected readonly doc: PDFKit.PDFDocument) {
    this.left = doc.page.margins.left;
    this.width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
    this.root = doc.struct("Document");
    doc.addStructure(this.root);
  }

  protected section(): Struct {
    const section = this.doc.struct("Sect");
    this.root.add(section);
    return section;
  }

  protected block(parent: Struct, type: string, draw: () => void): void {
    const element = this.doc.struct(type);
    parent.add(element);
    element.add(draw);
    element.end();
  }

  protected heading(parent: Struct, text: string, type: "H2" | "H3" = "H2"): void {
    this.doc.y += type === "H2" ? 10 : 5;
    if (this.doc.y + 60 > this.doc.page.maxY()) this.doc.addPage();
    this.block(parent, type, () => this.text(text, BOLD, type === "H2" ? 12.5 : BODY + 0.5));
    this.doc.y += 2;
  }

  /** Text at the left margin (indented by `indent`), with words wider than the line broken into pieces that fit. */
  protected text(text: string, font = REGULAR, size = BODY, options: PDFKit.Mixins.TextOptions = {}, indent = 0): void {
    const doc = this.doc.font(font).fontSize(size).fillColor("black");
    const fitted = breakOverlongWords(text, (this.width - indent) * BREAK_SLACK, (c) => doc.widthOfString(c));
    doc.text(fitted, this.left + indent, doc.y, { width: this.width - indent, lineGap: LINE_GAP, ...options });
  }

  protected labelled(parent: Struct, label: string, value: string): void {
    this.block(parent, "P", () => {
      this.doc
        .font(BOLD)
        .fontSize(BODY)
        .fillColor("black")
        .text(`${label}: `, this.left, this.doc.y, { width: this.width, lineGap: LINE_GAP, continued: true });
      this.doc.font(REGULAR).text(breakOverlongWords(value, this.width * BREAK_SLACK, (c) => this.doc.widthOfString(c)));
    });
  }

  /** A table's rows as records: the first column as a bold line, the others as "Label: value" beneath it. */
  protected records(table: DataTable): void {
    const section = this.section();
    this.heading(section, table.heading);
    if (table.rows.length === 0) this.block(section, "P", () => this.text(table.empty));
    for (const row of table.rows) {
      this.doc.y += 4;
      this.block(section, "P", () => this.text(clean(row[0] || "–"), BOLD, BODY));
      row.slice(1).forEach((value, i) => {
        if (clean(value).trim() !== "") this.labelled(section, table.columns[i + 1]!, clean(value));
      });
    }
    section.end();
  }
  protected watermarkEveryPage(lines: string[]): void {
    if (lines.length === 0) return;
    const draw = () => {
      const [x, y] = [this.doc.x, this.doc.y];
      drawDiagonalMarks(this.doc, lines);
      this.doc.font(REGULAR).fontSize(BODY).fillColor("black");
      this.doc.x = x;
      this.doc.y = y;
    };
    draw();
    this.doc.on("pageAdded", draw);
  }

  /** A rule and "<text> – sida n av m" at the foot of every page, as artifacts. */
  protected footers(text: string): void {
    const { doc } = this;
    const range = doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i++) {
      doc.switchToPage(i);
      const bottom = doc.page.margins.bottom;
      doc.page.margins.bottom = 0;
      const ruleY = doc.page.height - bottom + 14;
      doc.markContent("Artifact", { type: "Pagination" });
      doc
        .save()
        .strokeColor("black")
        .lineWidth(0.5)
        .moveTo(this.left, ruleY)
        .lineTo(this.left + this.width, ruleY)
        .stroke()
        .restore();
      const footer = `${text} – sida ${i - range.start + 1} av ${range.count}`;
      doc
        .font(REGULAR)
        .fontSize(8)
        .text(footer, this.left, ruleY + 5, { width: this.width, align: "center", lineBreak: false });
      doc.endMarkedContent();
      doc.page.margins.bottom = bottom;
    }
  }
}
