import type { KallelseData } from "./kallelse-data";
import {
  archivalPdfDocument,
  BODY,
  BOLD,
  BREAK_SLACK,
  clean,
  drawDiagonalMarks,
  isoDate,
  LINE_GAP,
  meetingTime,
  metaText,
  parseInstant,
  REGULAR,
  type Info,
} from "./pdf";
import { breakOverlongWords, cutNote, limitText, MAX_CHARS_PER_TEXT } from "./text-limits";

/**
 * Renders the kallelse (notice) of a meeting as a PDF: heading, group, time,
 * place, video link, the agenda in order, the kallelse text and the
 * handlingar. The same archival machinery as the protocol (pdf.ts): PDF/A-2b,
 * embedded DejaVu, tagged, deterministic, plain text only, long words broken
 * and a long text cut with a note. Unlike the protocol, the video link is
 * printed: the kallelse goes to the members who are to join.
 * Runs on a worker thread through render-pool.ts.
 */
export async function renderKallelsePdf(data: KallelseData): Promise<Buffer> {
  const generatedAt = parseInstant(data.generatedAt, "generatedAt");
  const meetingDate = isoDate(parseInstant(data.meeting.startsAt, "meeting.startsAt"));
  const marks = kallelseMarks(data);
  const group = metaText(data.group.name);
  const title = `Kallelse – ${group} ${meetingDate}`;
  const info: Info = {
    Title: marks.length > 0 ? `${title} (${marks.map((m) => m.watermark).join(", ")})` : title,
    Author: group,
    Subject: `Kallelse till sammanträde med ${group} ${meetingDate}: ${metaText(data.meeting.title)}`,
    Keywords: ["kallelse", "samverkan", group, metaText(data.group.agreementTitle)].filter((k) => k !== "").join(", "),
    Creator: "Samverkan",
    Producer: "PDFKit",
    CreationDate: generatedAt,
  };
  const { doc, done } = archivalPdfDocument(info);
  new KallelseWriter(doc, data, meetingDate).write();
  doc.end();
  return done;
}

/** What the kallelse says about itself: a line under the heading and a diagonal mark on every page. */
function kallelseMarks(data: KallelseData): { heading: string; watermark: string }[] {
  const reason = clean(data.cancelReason ?? "").trim();
  return [
    ...(data.cancelled ? [{ heading: reason ? `INSTÄLLT – ${reason}` : "INSTÄLLT – mötet blir inte av", watermark: "INSTÄLLT" }] : []),
    ...(data.demo ? [{ heading: "DEMO – påhittade uppgifter, inte en verklig kallelse", watermark: "DEMO" }] : []),
  ];
}

type Struct = PDFKit.PDFStructureElement;

class KallelseWriter {
  private readonly left: number;
  private readonly width: number;
  private readonly root: Struct;

  constructor(
    private readonly doc: PDFKit.PDFDocument,
    private readonly data: KallelseData,
    private readonly meetingDate: string,
  ) {
    this.left = doc.page.margins.left;
    this.width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
    this.root = doc.struct("Document");
    doc.addStructure(this.root);
  }

  write(): void {
    const { data } = this;
    const marks = kallelseMarks(data);
    this.watermarkEveryPage(marks.map((m) => m.watermark));
    this.block(this.root, "H1", () => this.text("KALLELSE", BOLD, 20, { characterSpacing: 1 }));
    for (const mark of marks) this.block(this.root, "P", () => this.text(mark.heading, BOLD, 12));
    this.doc.y += 4;
    this.block(this.root, "P", () => this.text(clean(data.group.name), BOLD, 14));
    if (clean(data.meeting.title).trim() !== "") this.block(this.root, "P", () => this.text(clean(data.meeting.title), REGULAR, 11.5));

    const head = this.section();
    this.doc.y += 8;
    this.labelled(head, "Tid", meetingTime(data.meeting.startsAt, data.meeting.endsAt));
    this.labelled(head, "Plats", clean(data.meeting.location ?? "").trim() || "ej angiven");
    if (data.meeting.videoLink) this.labelled(head, "Videolänk", clean(data.meeting.videoLink));
    head.end();

    const agenda = this.section();
    this.heading(agenda, "Föredragningslista");
    if (data.agenda.length === 0) this.block(agenda, "P", () => this.text("Inga ärenden ännu."));
    else {
      const list = this.doc.struct("L");
      agenda.add(list);
      data.agenda.forEach((item, i) => {
        const li = this.doc.struct("LI");
        list.add(li);
        const presenter = item.presenter ? ` (föredragande: ${clean(item.presenter)})` : "";
        this.block(li, "LBody", () => this.text(`${i + 1}. ${clean(item.title)}${presenter}`));
        li.end();
      });
      list.end();
    }
    agenda.end();

    const limited = limitText(clean(data.text), MAX_CHARS_PER_TEXT);
    if (limited.text.trim() !== "") {
      const section = this.section();
      this.heading(section, "Kallelse och bakgrund");
      for (const line of limited.text.split("\n")) {
        if (line.trim() === "") this.doc.y += 4;
        else this.block(section, "P", () => this.text(line.trimEnd()));
      }
      if (limited.cutFrom !== null) this.block(section, "P", () => this.text(cutNote(limited), BOLD));
      section.end();
    }

    // Without handlingar the heading is left out rather than saying "inga".
    if (data.handlingar.length > 0) {
      const section = this.section();
      this.heading(section, "Handlingar");
      const list = this.doc.struct("L");
      section.add(list);
      for (const handling of data.handlingar) {
        const li = this.doc.struct("LI");
        list.add(li);
        this.block(li, "LBody", () => this.text(`– ${clean(handling)}`));
        li.end();
      }
      list.end();
      section.end();
    }
    this.root.end();
    this.footers(marks.map((m) => ` – ${m.watermark}`).join(""));
  }

  private section(): Struct {
    const section = this.doc.struct("Sect");
    this.root.add(section);
    return section;
  }

  private block(parent: Struct, type: string, draw: () => void): void {
    const element = this.doc.struct(type);
    parent.add(element);
    element.add(draw);
    element.end();
  }

  private heading(parent: Struct, text: string): void {
    this.doc.y += 10;
    if (this.doc.y + 60 > this.doc.page.maxY()) this.doc.addPage();
    this.block(parent, "H2", () => this.text(text, BOLD, 12.5));
    this.doc.y += 2;
  }

  /** Text at the left margin, with words wider than the line broken into pieces that fit. */
  private text(text: string, font = REGULAR, size = BODY, options: PDFKit.Mixins.TextOptions = {}): void {
    const doc = this.doc.font(font).fontSize(size).fillColor("black");
    const fitted = breakOverlongWords(text, this.width * BREAK_SLACK, (c) => doc.widthOfString(c));
    doc.text(fitted, this.left, doc.y, { width: this.width, lineGap: LINE_GAP, ...options });
  }

  private labelled(parent: Struct, label: string, value: string): void {
    this.block(parent, "P", () => {
      this.doc
        .font(BOLD)
        .fontSize(BODY)
        .fillColor("black")
        .text(`${label}: `, this.left, this.doc.y, { width: this.width, lineGap: LINE_GAP, continued: true });
      this.doc.font(REGULAR).text(breakOverlongWords(value, this.width * BREAK_SLACK, (c) => this.doc.widthOfString(c)));
    });
  }

  private watermarkEveryPage(lines: string[]): void {
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

  private footers(marks: string): void {
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
      const footer = `Kallelse – ${clean(this.data.group.name)} – ${this.meetingDate}${marks} – sida ${i - range.start + 1} av ${range.count}`;
      doc
        .font(REGULAR)
        .fontSize(8)
        .text(footer, this.left, ruleY + 5, { width: this.width, align: "center", lineBreak: false });
      doc.endMarkedContent();
      doc.page.margins.bottom = bottom;
    }
  }
}
