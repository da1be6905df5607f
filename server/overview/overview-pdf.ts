import { ArchivalWriter } from "../protocol/archival-writer";
import { archivalPdfDocument, BOLD, clean, metaText, parseInstant, type Info } from "../protocol/pdf";
import type { OverviewTable } from "./tables";

/**
 * The city-wide overview as a PDF: its tables (each row a record, as a version's rows are printed), not its
 * charts. The figures are the charts' own; a table reads aloud and reflows where a drawn chart in a
 * PDF would need its own text alternative. Plain data, so it can go to the render thread.
 */
export interface OverviewPdfData {
  /** "Stadsövergripande översikt 2026". */
  title: string;
  agreementTitle: string;
  /** "Uppgifterna gäller 2026-11-23." */
  asOfLine: string;
  demo: boolean;
  tables: OverviewTable[];
  generatedAt: string;
}

export async function renderOverviewPdf(data: OverviewPdfData): Promise<Buffer> {
  const info: Info = {
    Title: data.demo ? `${metaText(data.title)} (DEMO)` : metaText(data.title),
    Author: metaText(data.agreementTitle),
    Subject: metaText(data.asOfLine),
    Keywords: [data.title, data.agreementTitle, "samverkan", "översikt"].map(metaText).join(", "),
    Creator: "Samverkan",
    Producer: "PDFKit",
    CreationDate: parseInstant(data.generatedAt, "generatedAt"),
  };
  const { doc, done } = archivalPdfDocument(info);
  new OverviewWriter(doc, data).write();
  doc.end();
  return done;
}

class OverviewWriter extends ArchivalWriter {
  constructor(
    doc: PDFKit.PDFDocument,
    private readonly data: OverviewPdfData,
  ) {
    super(doc);
  }

  write(): void {
    const { data } = this;
    const marks = data.demo ? ["DEMO"] : [];
    this.watermarkEveryPage(marks);
    this.block(this.root, "H1", () => this.text(clean(data.title), BOLD, 20));
    if (data.demo) this.block(this.root, "P", () => this.text("DEMO – påhittade uppgifter, inte en verklig uppföljning", BOLD, 12));
    this.doc.y += 4;
    this.block(this.root, "P", () => this.text(clean(data.agreementTitle), BOLD, 12));
    this.block(this.root, "P", () => this.text(clean(data.asOfLine)));
    for (const table of data.tables) this.records({ heading: table.caption, columns: table.columns, rows: table.rows, empty: "Inga uppgifter." });
    this.root.end();
    this.footers(`${clean(data.title)}${marks.map((m) => ` – ${m}`).join("")}`);
  }
}
