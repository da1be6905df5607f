import PDFDocument from "pdfkit";
import { paragraphLabel as citeParagraph } from "../../db/domain/labels";
import { formatFileSize } from "../../db/domain/file-types";
import { stockholmClock, stockholmDate, stockholmLongDate, stockholmWeekday } from "../../db/domain/stockholm-time";
import { protocolFonts } from "./fonts";
import type { ProtocolData, ProtocolParagraph, ProtocolPerson, ProtocolUppdrag } from "./protocol-data";
import { breakOverlongWords, cutNote, cutNotice, limitProtocolTexts, type LimitedProtocolTexts, type LimitedText } from "./text-limits";

/**
 * Renders a meeting protocol (or a protokollsutdrag with one §) as an archivable
 * PDF, on the server and without a browser.
 *
 * - PDF/A-2b (ISO 19005-2, level B): DejaVu Sans embedded as subset TrueType
 *   fonts, XMP metadata matching the document information dictionary, an sRGB
 *   output intent, no encryption, no links, annotations or scripts.
 * - Tagged (structure tree with headings, paragraphs and lists, page footers as
 *   artifacts), document language sv-SE, title shown in the reader's title bar.
 * - Deterministic: the same data gives the same bytes (the creation date is
 *   `generatedAt` and the file ID is derived from the document information).
 * - Only plain text from the data goes into the PDF; nothing in it is
 *   interpreted (no markup, no links).
 * - Bounded: free texts are cut at the limits in text-limits.ts (said in the
 *   protocol where it happens), and words wider than a line are broken before
 *   layout, so rendering time grows linearly with the text.
 *
 * This runs on the calling thread; the server renders through
 * render-pool.ts, which runs this on a worker thread with time and memory limits.
 */
export async function renderProtocolPdf(data: ProtocolData, options: RenderOptions = {}): Promise<Buffer> {
  const generatedAt = parseInstant(data.generatedAt, "generatedAt");
  const meetingDate = isoDate(parseInstant(data.meeting.startsAt, "meeting.startsAt"));
  const info = documentInfo(data, meetingDate, generatedAt);

  const { doc, done } = archivalPdfDocument(info);
  const texts = limitProtocolTexts(data, options.limits?.perText, options.limits?.perProtocol);
  new ProtocolWriter(doc, data, texts, meetingDate, generatedAt).write();
  doc.end();
  return done;
}

/**
 * A new A4 document as every PDF of Samverkan is made (PDF/A-2b, tagged,
 * sv-SE, DejaVu embedded as REGULAR and BOLD, XMP matching `info`), and its
 * bytes once `doc.end()` has been called. Shared by the protocol and the kallelse.
 */
export function archivalPdfDocument(info: Info): { doc: PDFKit.PDFDocument; done: Promise<Buffer> } {
  const fonts = protocolFonts();
  const doc = new PDFDocument({
    size: "A4",
    margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
    pdfVersion: "1.7",
    subset: "PDF/A-2b",
    tagged: true,
    lang: "sv-SE",
    displayTitle: true,
    bufferPages: true,
    // The default would load Helvetica (a standard 14 font, never embedded).
    font: fonts.regular,
    info: info as PDFKit.DocumentInfo,
  });
  replaceXmpInfo(doc, info);
  doc.registerFont(REGULAR, fonts.regular);
  doc.registerFont(BOLD, fonts.bold);
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  return { doc, done };
}

/**
 * Big grey diagonal lines (DEMO, UTKAST, INSTÄLLT) across the current page, as
 * an artifact under the text. Leaves the font and colour changed: the caller
 * sets its own again.
 */
export function drawDiagonalMarks(doc: PDFKit.PDFDocument, lines: string[]): void {
  const { width, height } = doc.page;
  const angle = (Math.atan2(height, width) * 180) / Math.PI;
  doc.markContent("Artifact", { type: "Pagination" });
  doc.save();
  doc.rotate(-angle, { origin: [width / 2, height / 2] });
  doc.font(BOLD).fontSize(10);
  const widest = Math.max(...lines.map((l) => doc.widthOfString(l)));
  const fontSize = Math.min(96, (10 * 0.6 * Math.hypot(width, height)) / widest);
  doc.font(BOLD).fontSize(fontSize).fillColor(WATERMARK_GREY);
  const lineHeight = fontSize * 1.15;
  lines.forEach((line, i) => {
    const lineWidth = doc.widthOfString(line);
    doc.text(line, width / 2 - lineWidth / 2, height / 2 - (lines.length * lineHeight) / 2 + i * lineHeight, { lineBreak: false });
  });
  doc.restore();
  doc.endMarkedContent();
}

export interface RenderOptions {
  /** Other text limits than the defaults in text-limits.ts (for tests and the benchmark). */
  limits?: { perText: number; perProtocol: number };
}

// ---------------------------------------------------------------------------
// Layout

const MM = 72 / 25.4;
export const MARGIN = 25 * MM;
export const REGULAR = "DejaVuSans";
export const BOLD = "DejaVuSans-Bold";
export const BODY = 10.5;
const SMALL = 8.5;
export const LINE_GAP = 2;
/** Light enough to read the text through, dark enough to see on paper; no transparency (simplest for PDF/A). */
const WATERMARK_GREY = "#d6d6d6";
const SIGNATURE_WIDTH = 220;
/** Pieces of an over-long word are kept this much narrower than the line: widths are summed without kerning. */
export const BREAK_SLACK = 0.95;

type Struct = PDFKit.PDFStructureElement;

class ProtocolWriter {
  private readonly left: number;
  private readonly width: number;
  private readonly root: Struct;
  private readonly isExtract: boolean;
  private currentFont = REGULAR;
  private currentSize = BODY;
  private readonly charWidths = new Map<string, Map<string, number>>();

  constructor(
    private readonly doc: PDFKit.PDFDocument,
    private readonly data: ProtocolData,
    private readonly texts: LimitedProtocolTexts,
    private readonly meetingDate: string,
    private readonly generatedAt: Date,
  ) {
    this.left = doc.page.margins.left;
    this.width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
    this.isExtract = data.kind === "protokollsutdrag";
    this.root = doc.struct("Document");
    doc.addStructure(this.root);
  }

  write(): void {
    this.watermarkEveryPage();
    this.header();
    if (!this.isExtract) {
      this.attendance();
      this.overview();
    }
    this.data.paragraphs.forEach((paragraph, i) => this.paragraph(paragraph, this.texts.paragraphs[i]!));
    this.undealtItems();
    if (this.data.otherUppdrag.length > 0) {
      const section = this.section();
      this.heading(section, "H2", "Övriga uppdrag");
      this.uppdragList(section, this.data.otherUppdrag, { withItem: true });
      section.end();
    }
    if (!this.isExtract && clean(this.texts.generalNotes.text).trim() !== "") {
      const section = this.section();
      this.heading(section, "H2", "Övriga anteckningar");
      this.limitedLines(section, this.texts.generalNotes);
      section.end();
    }
    this.justeras();
    this.verification();
    this.root.end();
    this.footers();
  }

  private header(): void {
    const { data } = this;
    this.block(this.root, "H1", () => {
      this.font(BOLD, 20).text(this.isExtract ? "PROTOKOLLSUTDRAG" : "PROTOKOLL", this.left, this.doc.y, {
        width: this.width,
        characterSpacing: 1,
      });
    });
    for (const mark of statusMarks(data)) this.paragraphText(this.root, mark.heading, BOLD, 12);
    this.doc.y += 4;
    this.paragraphText(this.root, clean(data.group.name), BOLD, 14);
    if (clean(data.meeting.title).trim() !== "") this.paragraphText(this.root, clean(data.meeting.title), REGULAR, 11.5);
    if (clean(data.group.agreementTitle).trim() !== "") {
      this.paragraphText(this.root, clean(data.group.agreementTitle), REGULAR, 9.5);
    }
    if (this.isExtract) {
      this.doc.y += 4;
      const startsAt = parseInstant(data.meeting.startsAt, "meeting.startsAt");
      this.paragraphText(this.root, `Utdrag ur protokoll från sammanträdet ${longDate(startsAt)}.`, REGULAR, BODY);
    }
    this.timeAndPlace();
    // An archivist must see at once that this record is not the whole text.
    if (this.texts.cutCount > 0) {
      this.doc.y += 6;
      this.paragraphText(this.root, cutNotice(this.texts.cutCount, this.isExtract), BOLD, BODY);
    }
  }

  private timeAndPlace(): void {
    const { meeting } = this.data;
    const section = this.section();
    this.doc.y += 8;
    this.labelled(section, "Tid", headTime(meeting));
    const location = clean(meeting.location ?? "").trim();
    // The link itself stays out: the protocol is a public record and video
    // links often carry access codes. Saying that the meeting was held (also)
    // online is what the record needs.
    const online = meeting.videoLink ? (location === "" ? "digitalt via videolänk" : "även digitalt deltagande via videolänk") : "";
    this.labelled(section, "Plats", [location, online].filter((s) => s !== "").join(", ") || "ej angiven");
    // A group led jointly has an ordförande per party: the head says which of them led this meeting.
    if (this.data.chair) this.labelled(section, "Ordförande", clean(this.data.chair));
    section.end();
  }

  private attendance(): void {
    const { data } = this;
    const groups: [string, ProtocolPerson[], boolean][] = [
      ["Beslutande", data.beslutande, true],
      ["Övriga närvarande", data.ovrigaNarvarande, false],
      ["Frånvarande", data.franvarande, false],
    ];
    for (const [title, people, always] of groups) {
      if (people.length === 0 && !always) continue;
      const section = this.section();
      this.heading(section, "H2", title);
      if (people.length === 0) {
        this.paragraphText(section, "Inga.");
      } else {
        const list = this.doc.struct("L");
        section.add(list);
        for (const person of people) {
          const item = this.doc.struct("LI");
          list.add(item);
          this.block(item, "LBody", () => {
            const details = personDetails(person, title !== "Frånvarande");
            this.font(BOLD, BODY).text(this.fit(clean(person.name), this.width - 10), this.left + 10, this.doc.y, {
              width: this.width - 10,
              lineGap: LINE_GAP,
              continued: details !== "",
            });
            if (details !== "") this.font(REGULAR, BODY).text(this.fit(clean(`, ${details}`), this.width - 10));
          });
          item.end();
        }
        list.end();
      }
      section.end();
    }
  }

  /** Justerare and the §§ the protocol holds, before the first §. */
  private overview(): void {
    const { data } = this;
    const section = this.section();
    this.doc.y += 8;
    this.labelled(section, "Justerare", data.justerare.map(clean).join(", ") || "ej utsedda");
    this.labelled(section, "Paragrafer", paragraphRange(data.paragraphs) ?? "inga");
    section.end();
  }

  private paragraph(p: ProtocolParagraph, texts: LimitedProtocolTexts["paragraphs"][number]): void {
    const section = this.section();
    this.doc.y += 6;
    this.heading(section, "H2", `${paragraphLabel(p)} ${clean(p.title)}`, 13, 6);
    if (p.corrects) this.paragraphText(section, `Rättelse av ${clean(p.corrects)}`, BOLD);
    if (p.chairedBy) this.labelled(section, "Ordförande vid paragrafen", clean(p.chairedBy));
    if (p.preparedBy) this.labelled(section, "Beredning", `Ärendet har beretts av ${clean(p.preparedBy)}.`);
    // Said only where it matters: an extract has no attendance of its own, and a § where someone had arrived later or left.
    if (p.hasDecision && p.adoptedAt && (this.isExtract || p.beslutandeDiffer)) {
      const at = clock(parseInstant(p.adoptedAt, "paragraphs.adoptedAt"));
      this.labelled(section, `Beslutande vid paragrafen (kl. ${at})`, p.beslutande.map(clean).join(", ") || "inga");
    }
    if (p.outcome !== "behandlat") this.paragraphText(section, outcomeSentence[p.outcome], BOLD);
    if (clean(texts.notes.text).trim() !== "") {
      // Beside a decision the notes are the background; an ärende without one carries only its notes.
      if (p.hasDecision) this.heading(section, "H3", "Anteckningar", BODY + 0.5);
      this.limitedLines(section, texts.notes);
    }
    if (p.hasDecision) {
      this.heading(section, "H3", "Beslut", BODY + 0.5);
      this.limitedLines(section, texts.decisionText);
      if (p.bilaga) this.paragraphText(section, clean(`Bilaga: ${p.bilaga}`));
    }
    if (p.uppdrag.length > 0) {
      this.heading(section, "H3", "Uppdrag", BODY + 0.5);
      this.uppdragList(section, p.uppdrag, { withItem: false });
    }
    if (p.files && p.files.length > 0) {
      // Which bytes the § refers to: the name, the size and the start of the SHA-256 (the whole is in the audit log).
      this.heading(section, "H3", "Handlingar", BODY + 0.5);
      for (const file of p.files) {
        const kind = file.category === "beslutsbilaga" ? "Bilaga till beslutet: " : "";
        this.paragraphText(section, clean(`${kind}${file.fileName} (${formatFileSize(file.size)}, SHA-256 ${file.sha256.slice(0, 16)}…)`), REGULAR, SMALL);
      }
    }
    if (p.immediatelyApprovedAt) {
      const approved = dateTime(parseInstant(p.immediatelyApprovedAt, "paragraphs.immediatelyApprovedAt"));
      this.doc.y += 2;
      this.paragraphText(section, `Paragrafen justerades omedelbart ${approved}.`, REGULAR, SMALL);
    }
    section.end();
  }

  /** A draft of a meeting still running lists what is left on the agenda, so nobody mistakes it for the whole record. */
  private undealtItems(): void {
    if (this.data.undealtItems.length === 0) return;
    const section = this.section();
    this.doc.y += 6;
    this.heading(section, "H2", "Ännu inte behandlade ärenden");
    for (const title of this.data.undealtItems) this.paragraphText(section, clean(title));
    section.end();
  }

  /** "Johan Bergström: Följa upp trygghetsvandringarna. Senast 30 april 2026." as a list; outside a §, with the ärende. */
  private uppdragList(parent: Struct, uppdrag: ProtocolUppdrag[], { withItem }: { withItem: boolean }): void {
    const list = this.doc.struct("L");
    parent.add(list);
    for (const u of uppdrag) {
      const item = this.doc.struct("LI");
      list.add(item);
      this.block(item, "LBody", () => {
        const what = [
          withFullStop(clean(u.title).trim()),
          u.dueOn ? `Senast ${dueDate(u.dueOn)}.` : "",
          withItem && u.itemTitle ? `(Ärende: ${clean(u.itemTitle).trim()})` : "",
        ]
          .filter((part) => part !== "")
          .join(" ");
        this.font(BOLD, BODY).text(this.fit(`${clean(u.owner)}: `, this.width - 10), this.left + 10, this.doc.y, {
          width: this.width - 10,
          lineGap: LINE_GAP,
          continued: true,
        });
        this.font(REGULAR, BODY).text(this.fit(what, this.width - 10));
      });
      item.end();
      this.doc.y += 2;
    }
    list.end();
  }

  /**
   * The signature block: the ordförande who led the meeting, each justerare and
   * the sekreterare, each with a line, the name, and beneath it the digital
   * approval, or an empty line while it is missing (a draft).
   */
  private justeras(): void {
    const { data, doc } = this;
    const section = this.section();
    this.doc.y += 6;
    this.heading(section, "H2", "Justeras", 12.5, 4 * 3);
    const signers = data.signatures;
    for (const signer of signers) {
      const needed = 3 * (BODY * 1.2 + LINE_GAP) + 20;
      if (doc.y + needed > doc.page.maxY()) doc.addPage();
      doc.y += 16;
      // The signature line is a drawing, not text: an artifact.
      doc.markContent("Artifact", { type: "Layout" });
      doc
        .save()
        .strokeColor("black")
        .lineWidth(0.5)
        .moveTo(this.left, doc.y)
        .lineTo(this.left + SIGNATURE_WIDTH, doc.y)
        .stroke()
        .restore();
      doc.endMarkedContent();
      doc.y += 3;
      this.paragraphText(section, `${signer.capacity}: ${clean(signer.name ?? "").trim() || "ej angiven"}`, BOLD, BODY);
      if (signer.approvedAt) {
        this.paragraphText(section, `Justerat digitalt ${justeringTime(parseInstant(signer.approvedAt, "signatures.approvedAt"))}`, REGULAR, SMALL);
      } else {
        doc.y += SMALL * 1.2 + LINE_GAP;
      }
    }
    const complete = !data.draft && signers.length > 0 && signers.every((s) => s.approvedAt !== null);
    this.doc.y += 10;
    // An extract of a § approved at the meeting is final before the rest of the protocol is approved.
    const approvedAtMeeting = this.isExtract && data.paragraphs.length > 0 && data.paragraphs.every((p) => p.immediatelyApprovedAt !== null);
    const closing = complete
      ? "Protokollet är justerat digitalt i Samverkan."
      : approvedAtMeeting
        ? "Paragrafen är justerad omedelbart vid sammanträdet; protokollet i övrigt är ännu inte justerat."
        : `${this.isExtract ? "Utdraget" : "Protokollet"} är inte justerat.`;
    this.paragraphText(section, closing);
    section.end();
  }

  /** The last line: when and from what the PDF was made; the full values are in the document's metadata. */
  private verification(): void {
    const { data } = this;
    const section = this.section();
    this.doc.y += 10;
    const what = this.isExtract ? "Utdraget" : "Protokollet";
    const parts = [`${what} är framställt ur Samverkan ${dateTime(this.generatedAt)}`];
    if (data.recordSha256) parts.push(`innehållets SHA-256 ${shortHash(data.recordSha256)}`);
    if (data.auditHash) parts.push(`revisionslogg ${shortHash(data.auditHash)}`);
    this.paragraphText(section, `Verifiering: ${parts.join(", ")} (fullständiga värden i PDF-filens egenskaper).`, REGULAR, SMALL);
    section.end();
  }

  /** A diagonal mark (DEMO, UTKAST – ej justerat) under the text of every page, drawn as each page is added. */
  private watermarkEveryPage(): void {
    const lines = statusMarks(this.data).map((m) => m.watermark);
    if (lines.length === 0) return;
    const draw = () => {
      const { doc } = this;
      const [x, y, font, size] = [doc.x, doc.y, this.currentFont, this.currentSize];
      drawDiagonalMarks(doc, lines);
      this.font(font, size);
      doc.x = x;
      doc.y = y;
    };
    draw();
    this.doc.on("pageAdded", draw);
  }

  /** Footer on every page; drawn in the bottom margin as artifacts. */
  private footers(): void {
    const { doc, data } = this;
    const range = doc.bufferedPageRange();
    const last = range.start + range.count - 1;
    const marks = statusMarks(data)
      .map((m) => ` – ${m.watermark}`)
      .join("");
    for (let i = range.start; i <= last; i++) {
      doc.switchToPage(i);
      const bottom = doc.page.margins.bottom;
      doc.page.margins.bottom = 0; // writing below maxY would otherwise start a new page
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
      const footer = `${clean(data.group.name)} – ${this.meetingDate}${marks} – sida ${i - range.start + 1} av ${range.count}`;
      this.font(REGULAR, 8).text(this.fit(footer), this.left, ruleY + 5, { width: this.width, align: "center" });
      doc.endMarkedContent();
      doc.page.margins.bottom = bottom;
    }
  }

  // --- building blocks -----------------------------------------------------

  private font(name: string, size: number): PDFKit.PDFDocument {
    this.currentFont = name;
    this.currentSize = size;
    return this.doc.font(name).fontSize(size).fillColor("black");
  }

  /** The text with every word wider than the line broken into pieces that fit (in the current font). */
  private fit(text: string, width = this.width): string {
    const key = `${this.currentFont}/${this.currentSize}`;
    let widths = this.charWidths.get(key);
    if (!widths) this.charWidths.set(key, (widths = new Map()));
    const known = widths;
    return breakOverlongWords(text, width * BREAK_SLACK, (char) => {
      let w = known.get(char);
      if (w === undefined) known.set(char, (w = this.doc.widthOfString(char)));
      return w;
    });
  }

  private section(): Struct {
    const section = this.doc.struct("Sect");
    this.root.add(section);
    return section;
  }

  /** A structure element whose marked content is what `draw` puts on the page. */
  private block(parent: Struct, type: string, draw: () => void): void {
    const element = this.doc.struct(type);
    parent.add(element);
    element.add(draw);
    element.end();
  }

  /** A heading, moved to the next page when it would end up alone at the bottom. */
  private heading(parent: Struct, type: "H2" | "H3", text: string, size = type === "H2" ? 12.5 : BODY + 0.5, keepLines = 3): void {
    const { doc } = this;
    doc.y += type === "H2" ? 10 : 5;
    this.font(BOLD, size);
    text = this.fit(text);
    const needed = doc.heightOfString(text, { width: this.width }) + keepLines * (BODY * 1.2 + LINE_GAP);
    if (doc.y + needed > doc.page.maxY() && doc.y > doc.page.margins.top + 1) {
      doc.addPage();
    }
    this.block(parent, type, () => {
      this.font(BOLD, size).text(text, this.left, doc.y, { width: this.width, lineGap: LINE_GAP });
    });
    doc.y += 2;
  }

  private paragraphText(parent: Struct, text: string, font = REGULAR, size = BODY): void {
    this.block(parent, "P", () => {
      this.font(font, size);
      this.doc.text(this.fit(text), this.left, this.doc.y, { width: this.width, lineGap: LINE_GAP });
    });
  }

  /** "Label: value" with the label in bold, as one paragraph. */
  private labelled(parent: Struct, label: string, value: string): void {
    this.block(parent, "P", () => {
      this.font(BOLD, BODY).text(`${label}: `, this.left, this.doc.y, {
        width: this.width,
        lineGap: LINE_GAP,
        continued: true,
      });
      this.font(REGULAR, BODY);
      this.doc.text(this.fit(value));
    });
  }

  /** Plain text with one paragraph per line; blank lines only add space. Where it was cut, a note says so. */
  private limitedLines(parent: Struct, limited: LimitedText): void {
    for (const line of clean(limited.text).split("\n")) {
      if (line.trim() === "") {
        this.doc.y += 4;
        continue;
      }
      this.paragraphText(parent, line.trimEnd());
      this.doc.y += 3;
    }
    if (limited.cutFrom !== null) {
      this.paragraphText(parent, cutNote(limited), BOLD);
      this.doc.y += 3;
    }
  }
}

// ---------------------------------------------------------------------------
// Texts

/** "tisdag 14 mars 2025" */
function longDate(date: Date): string {
  return `${stockholmWeekday(date)} ${stockholmLongDate(date)}`;
}

/** "2025-03-14" (Stockholm date) */
export const isoDate = stockholmDate;

/** "09.00" (Stockholm time): the protocol writes the clock the Swedish way, with a point. */
function clock(date: Date): string {
  return stockholmClock(date).replace(":", ".");
}

/** "tisdag 14 mars 2025 kl. 10.05" */
function dateTime(date: Date): string {
  return `${longDate(date)} kl. ${clock(date)}`;
}

/** "2025-03-14 kl. 10.05" */
function justeringTime(date: Date): string {
  return `${isoDate(date)} kl. ${clock(date)}`;
}

/**
 * The head's time: when the meeting actually started and ended once recorded
 * (what a signed record must state), else the planned time. Either way it says
 * which, so a draft printed before the meeting is not read as the record of it.
 */
function headTime(meeting: ProtocolData["meeting"]): string {
  if (!meeting.startedAt) return `${meetingTime(meeting.startsAt, meeting.endsAt)} (planerad tid)`;
  const note = meeting.endedAt ? "faktisk tid" : "faktisk starttid; mötet pågår";
  return `${meetingTime(meeting.startedAt, meeting.endedAt ?? null)} (${note})`;
}

/** "tisdag 14 mars 2025, kl. 09.00–11.00" (the end with its own date when on another day). */
export function meetingTime(startsAtIso: string, endsAtIso: string | null): string {
  const startsAt = parseInstant(startsAtIso, "meeting.startsAt");
  const start = `${longDate(startsAt)}, kl. ${clock(startsAt)}`;
  if (!endsAtIso) return start;
  const endsAt = parseInstant(endsAtIso, "meeting.endsAt");
  if (isoDate(endsAt) === isoDate(startsAt)) return `${start}–${clock(endsAt)}`;
  return `${start} – ${longDate(endsAt)}, kl. ${clock(endsAt)}`;
}

/** What a bordlagt or struck § says in place of a decision. */
const outcomeSentence: Record<Exclude<ProtocolParagraph["outcome"], "behandlat">, string> = {
  bordlagt: "Ärendet bordläggs och förs till nästa sammanträde.",
  utgar: "Ärendet utgår från dagordningen och förs till nästa sammanträde.",
};

function paragraphLabel(p: ProtocolParagraph): string {
  return citeParagraph(p.number, p.year);
}

/** "§§ 1–3/2026", "§ 4/2026", "§§ 1–2, 5/2026"; null without §§. */
function paragraphRange(paragraphs: ProtocolParagraph[]): string | null {
  if (paragraphs.length === 0) return null;
  const years = [...new Set(paragraphs.map((p) => p.year))].sort((a, b) => a - b);
  const perYear = years.map((year) => {
    const numbers = paragraphs
      .filter((p) => p.year === year)
      .map((p) => p.number)
      .sort((a, b) => a - b);
    const runs: [number, number][] = [];
    for (const n of numbers) {
      const run = runs.at(-1);
      if (run && n === run[1] + 1) run[1] = n;
      else if (!run || n !== run[1]) runs.push([n, n]);
    }
    return `${runs.map(([from, to]) => (from === to ? `${from}` : `${from}–${to}`)).join(", ")}/${year}`;
  });
  return `${paragraphs.length === 1 ? "§" : "§§"} ${perYear.join("; ")}`;
}

/** What a draft or a demo protocol says about itself: a line under the heading and the diagonal mark on every page. */
function statusMarks(data: ProtocolData): { heading: string; watermark: string }[] {
  return [
    ...(data.demo ? [{ heading: "DEMO – påhittade uppgifter, inte ett verkligt protokoll", watermark: "DEMO" }] : []),
    ...(data.draft ? [{ heading: "UTKAST – ej justerat", watermark: "UTKAST – ej justerat" }] : []),
  ];
}

/** "30 april 2026" from a calendar date "2026-04-30" (a Stockholm day, printed as it is). */
function dueDate(day: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return clean(day);
  return `${Number(match[3])} ${monthNames[Number(match[2]) - 1] ?? match[2]} ${match[1]}`;
}

const monthNames = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober", "november", "december"];

function withFullStop(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/** The first 16 hex digits: enough to compare by eye with the full value in the metadata or in Samverkan. */
function shortHash(hash: string): string {
  return clean(hash).slice(0, 16);
}

/** "Ordförande, Stadsdelsdirektör, Skärholmens stadsdelsförvaltning; närvarande från kl. 09.30" */
function personDetails(person: ProtocolPerson, withTimes: boolean): string {
  const parts = [person.role, person.functionName, person.organisation].map((s) => clean(s ?? "").trim()).filter((s) => s !== "");
  const times: string[] = [];
  if (withTimes && person.arrivedAt) {
    times.push(`närvarande från kl. ${clock(parseInstant(person.arrivedAt, "arrivedAt"))}`);
  }
  if (withTimes && person.leftAt) times.push(`lämnade mötet kl. ${clock(parseInstant(person.leftAt, "leftAt"))}`);
  return [parts.join(", "), times.join(", ")].filter((s) => s !== "").join("; ");
}

export function parseInstant(iso: string, field: string): Date {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) throw new Error(`ProtocolData.${field} is not a valid date: ${JSON.stringify(iso)}`);
  return date;
}

/**
 * Text as it may go onto the page: NFC (so "a" + combining ring is one "å"),
 * line breaks normalised, tabs as spaces, control and invisible formatting
 * characters dropped, and characters the embedded fonts have no glyph for
 * replaced by U+FFFD (PDF/A forbids showing the .notdef glyph).
 */
export function clean(text: string): string {
  return text
    .normalize("NFC")
    .replace(/\r\n?/g, "\n")
    .replace(/[\t\v\f\u2028\u2029]/g, (c) => (c === "\u2028" || c === "\u2029" ? "\n" : " "))
    .replace(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]/g, "")
    .replace(/[^\n]/gu, (c) => (fontCoverage().has(c.codePointAt(0)!) ? c : "\ufffd"));
}

let coverage: Set<number> | null = null;

/** Code points both embedded fonts have glyphs for (fontkit's character sets, read once). */
function fontCoverage(): Set<number> {
  if (coverage) return coverage;
  const fonts = protocolFonts();
  const probe = new PDFDocument({ font: fonts.regular, autoFirstPage: false });
  const characterSet = (name: string) => (probe.font(name) as unknown as { _font: { font: { characterSet: number[] } } })._font.font.characterSet;
  const regular = characterSet(fonts.regular);
  const bold = new Set(characterSet(fonts.bold));
  coverage = new Set(regular.filter((c) => bold.has(c)));
  return coverage;
}

// ---------------------------------------------------------------------------
// Metadata

export interface Info {
  Title: string;
  Author: string;
  Subject: string;
  Keywords: string;
  Creator: string;
  Producer: string;
  CreationDate: Date;
  AuditHash?: string;
  RecordSha256?: string;
}

function documentInfo(data: ProtocolData, meetingDate: string, generatedAt: Date): Info {
  const group = metaText(data.group.name);
  const refs = data.paragraphs.map(paragraphLabel).join(", ");
  const auditHash = data.auditHash ? metaText(data.auditHash) : null;
  const recordSha256 = data.recordSha256 ? metaText(data.recordSha256) : null;
  const isExtract = data.kind === "protokollsutdrag";
  const marks = statusMarks(data).map((m) => m.watermark);
  const title = isExtract ? `Protokollsutdrag – ${group} ${meetingDate} ${refs}` : `Protokoll – ${group} ${meetingDate}`;
  const info: Info = {
    Title: marks.length > 0 ? `${title} (${marks.join(", ")})` : title,
    Author: group,
    Subject: isExtract
      ? `Utdrag ur protokoll från sammanträde med ${group} ${meetingDate}: ${data.paragraphs
          .map((p) => `${paragraphLabel(p)} ${metaText(p.title)}`)
          .join("; ")}`
      : `Protokoll från sammanträde med ${group} ${meetingDate}: ${metaText(data.meeting.title)}`,
    Keywords: [
      isExtract ? "protokollsutdrag" : "protokoll",
      "samverkan",
      group,
      metaText(data.group.agreementTitle),
      ...data.paragraphs.map(paragraphLabel),
      ...(recordSha256 ? [`innehåll SHA-256 ${recordSha256}`] : []),
      ...(auditHash ? [`revisionslogg ${auditHash}`] : []),
    ]
      .filter((k) => k.trim() !== "")
      .join(", "),
    Creator: "Samverkan",
    Producer: "PDFKit",
    CreationDate: generatedAt,
  };
  if (auditHash) info.AuditHash = auditHash;
  if (recordSha256) info.RecordSha256 = recordSha256;
  return info;
}

/** Metadata strings: one line, no control characters (they are not allowed in XML). */
export function metaText(text: string): string {
  return text
    .normalize("NFC")
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, " ")
    .replace(/[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

function xml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/**
 * pdfkit writes the XMP counterpart of the document information without XML
 * escaping ("&" in a group name would break the packet) and with the Creator as
 * pdf:Producer. PDF/A wants both to match the information dictionary exactly,
 * so this writes them itself.
 */
function replaceXmpInfo(doc: PDFKit.PDFDocument, info: Info): void {
  const target = doc as unknown as { _addInfo?: () => void };
  if (typeof target._addInfo !== "function") {
    throw new Error("pdfkit no longer has _addInfo: check the XMP metadata of the protocol PDF");
  }
  target._addInfo = () => {
    doc.appendXML(`
        <rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">
            <xmp:CreateDate>${info.CreationDate.toISOString().split(".")[0]}Z</xmp:CreateDate>
            <xmp:CreatorTool>${xml(info.Creator)}</xmp:CreatorTool>
        </rdf:Description>
        <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
            <dc:format>application/pdf</dc:format>
            <dc:title><rdf:Alt><rdf:li xml:lang="x-default">${xml(info.Title)}</rdf:li></rdf:Alt></dc:title>
            <dc:creator><rdf:Seq><rdf:li>${xml(info.Author)}</rdf:li></rdf:Seq></dc:creator>
            <dc:description><rdf:Alt><rdf:li xml:lang="x-default">${xml(info.Subject)}</rdf:li></rdf:Alt></dc:description>
            <dc:language><rdf:Bag><rdf:li>sv-SE</rdf:li></rdf:Bag></dc:language>
        </rdf:Description>
        <rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
            <pdf:Producer>${xml(info.Producer)}</pdf:Producer>
            <pdf:Keywords>${xml(info.Keywords)}</pdf:Keywords>
        </rdf:Description>
        `);
  };
}
