import PDFDocument from "pdfkit";
import { protocolFonts } from "./fonts";
import type { ProtocolData, ProtocolParagraph, ProtocolPerson } from "./protocol-data";
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
  const fonts = protocolFonts();
  const meetingDate = isoDate(parseInstant(data.meeting.startsAt, "meeting.startsAt"));
  const info = documentInfo(data, meetingDate, generatedAt);

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

  const texts = limitProtocolTexts(data, options.limits?.perText, options.limits?.perProtocol);
  new ProtocolWriter(doc, data, texts, meetingDate, generatedAt).write();
  doc.end();
  return done;
}

export interface RenderOptions {
  /** Other text limits than the defaults in text-limits.ts (for tests and the benchmark). */
  limits?: { perText: number; perProtocol: number };
}

// ---------------------------------------------------------------------------
// Layout

const MM = 72 / 25.4;
const MARGIN = 25 * MM;
const REGULAR = "DejaVuSans";
const BOLD = "DejaVuSans-Bold";
const BODY = 10.5;
const SMALL = 8.5;
const LINE_GAP = 2;
/** Pieces of an over-long word are kept this much narrower than the line: widths are summed without kerning. */
const BREAK_SLACK = 0.95;

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
    this.header();
    this.timeAndPlace();
    if (!this.isExtract) this.attendance();
    this.officers();
    this.data.paragraphs.forEach((paragraph, i) => this.paragraph(paragraph, this.texts.paragraphs[i]!));
    if (!this.isExtract && clean(this.texts.generalNotes.text).trim() !== "") {
      const section = this.section();
      this.heading(section, "H2", "Övriga anteckningar");
      this.limitedLines(section, this.texts.generalNotes);
      section.end();
    }
    this.approvals();
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
    // An archivist must see at once that this record is not the whole text.
    if (this.texts.cutCount > 0) {
      this.doc.y += 6;
      this.paragraphText(this.root, cutNotice(this.texts.cutCount, this.isExtract), BOLD, BODY);
    }
  }

  private timeAndPlace(): void {
    const { meeting } = this.data;
    const section = this.section();
    this.heading(section, "H2", "Tid och plats");
    this.paragraphText(section, meetingTime(meeting.startsAt, meeting.endsAt));
    const location = clean(meeting.location ?? "").trim();
    if (location !== "") this.labelled(section, "Plats", location);
    // The link itself stays out: the protocol is a public record and video
    // links often carry access codes. Saying that the meeting was held (also)
    // online is what the record needs.
    if (meeting.videoLink) {
      this.paragraphText(section, location === "" ? "Digitalt möte via videolänk." : "Även digitalt deltagande via videolänk.");
    }
    if (location === "" && !meeting.videoLink) this.labelled(section, "Plats", "ej angiven");
    section.end();
  }

  private attendance(): void {
    const { data } = this;
    const groups: [string, ProtocolPerson[], boolean][] = [
      ["Beslutande", data.beslutande, true],
      ["Adjungerade", data.adjungerade, false],
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

  private officers(): void {
    const { data } = this;
    const section = this.section();
    this.doc.y += 8;
    this.labelled(section, "Ordförande", clean(data.chair ?? "").trim() || "ej angiven");
    this.labelled(section, "Sekreterare", clean(data.secretary ?? "").trim() || "ej angiven");
    this.labelled(section, "Justerare", data.justerare.map(clean).join(", ") || "ej utsedda");
    section.end();
  }

  private paragraph(p: ProtocolParagraph, texts: LimitedProtocolTexts["paragraphs"][number]): void {
    const section = this.section();
    this.doc.y += 6;
    this.heading(section, "H2", `${paragraphLabel(p)} ${clean(p.title)}`, 13, 6);
    this.labelled(section, "Beslutstyp", clean(p.kindLabel));
    if (p.corrects) this.paragraphText(section, `Rättelse av ${clean(p.corrects)}`, BOLD);
    if (clean(texts.notes.text).trim() !== "") {
      this.heading(section, "H3", "Anteckningar", BODY + 0.5);
      this.limitedLines(section, texts.notes);
    }
    this.heading(section, "H3", "Beslut", BODY + 0.5);
    this.limitedLines(section, texts.decisionText);
    this.doc.y += 2;
    const adopted = dateTime(parseInstant(p.adoptedAt, "paragraphs.adoptedAt"));
    const present = p.presentNames.map(clean).join(", ");
    this.paragraphText(section, `Beslutet fattades ${adopted} av: ${present || "ej angivet"}`, REGULAR, SMALL);
    if (p.immediatelyApprovedAt) {
      const approved = dateTime(parseInstant(p.immediatelyApprovedAt, "paragraphs.immediatelyApprovedAt"));
      this.paragraphText(section, `Paragrafen justerades omedelbart ${approved}.`, REGULAR, SMALL);
    }
    section.end();
  }

  private approvals(): void {
    const { data } = this;
    const section = this.section();
    this.doc.y += 6;
    this.heading(section, "H2", "Justering");
    if (data.approvals.length === 0) {
      this.paragraphText(section, "Ej justerat.");
    } else {
      const approvedBy = new Set(data.approvals.map((a) => a.name));
      const missing = [data.chair, ...data.justerare].filter((n): n is string => !!n && !approvedBy.has(n));
      for (const approval of data.approvals) {
        const at = justeringTime(parseInstant(approval.approvedAt, "approvals.approvedAt"));
        this.paragraphText(section, `${clean(approval.capacity)}: ${clean(approval.name)}, justerat ${at}`);
      }
      this.doc.y += 3;
      if (missing.length === 0) {
        this.paragraphText(section, "Protokollet är justerat digitalt i Samverkan.");
      } else {
        this.paragraphText(
          section,
          `Justeringen görs digitalt i Samverkan. Ännu inte justerat av: ${[...new Set(missing)].map(clean).join(", ")}.`,
        );
      }
    }
    this.doc.y += 10;
    const what = this.isExtract ? "Utdraget" : "Protokollet";
    this.paragraphText(section, `${what} är framställt ur Samverkan ${dateTime(this.generatedAt)}.`, REGULAR, SMALL);
    section.end();
  }

  /** Footer on every page, the audit hash on the last; drawn in the bottom margin as artifacts. */
  private footers(): void {
    const { doc, data } = this;
    const range = doc.bufferedPageRange();
    const last = range.start + range.count - 1;
    for (let i = range.start; i <= last; i++) {
      doc.switchToPage(i);
      const bottom = doc.page.margins.bottom;
      doc.page.margins.bottom = 0; // writing below maxY would otherwise start a new page
      const ruleY = doc.page.height - bottom + 14;
      doc.markContent("Artifact", { type: "Pagination" });
      doc.save().strokeColor("black").lineWidth(0.5).moveTo(this.left, ruleY).lineTo(this.left + this.width, ruleY).stroke().restore();
      const footer = `${clean(data.group.name)} – ${this.meetingDate} – sida ${i - range.start + 1} av ${range.count}`;
      this.font(REGULAR, 8).text(this.fit(footer), this.left, ruleY + 5, { width: this.width, align: "center" });
      if (i === last && data.auditHash) {
        doc.y += 2;
        this.font(REGULAR, 7.5).text(this.fit(`Kontrollsumma för revisionslogg: ${clean(data.auditHash)}`), this.left, doc.y, {
          width: this.width,
          align: "center",
        });
      }
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

const ZONE = "Europe/Stockholm";
const longDateFormat = new Intl.DateTimeFormat("sv-SE", {
  timeZone: ZONE,
  weekday: "long",
  day: "numeric",
  month: "long",
  year: "numeric",
});
const isoDateFormat = new Intl.DateTimeFormat("sv-SE", { timeZone: ZONE, year: "numeric", month: "2-digit", day: "2-digit" });
const timeFormat = new Intl.DateTimeFormat("sv-SE", { timeZone: ZONE, hour: "2-digit", minute: "2-digit", hourCycle: "h23" });

/** "tisdag 14 mars 2025" */
function longDate(date: Date): string {
  return longDateFormat.format(date);
}

/** "2025-03-14" (Stockholm date) */
function isoDate(date: Date): string {
  const parts = Object.fromEntries(isoDateFormat.formatToParts(date).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/** "09.00" (Stockholm time) */
function clock(date: Date): string {
  const parts = Object.fromEntries(timeFormat.formatToParts(date).map((p) => [p.type, p.value]));
  return `${parts.hour}.${parts.minute}`;
}

/** "tisdag 14 mars 2025 kl. 10.05" */
function dateTime(date: Date): string {
  return `${longDate(date)} kl. ${clock(date)}`;
}

/** "2025-03-14 kl. 10.05" */
function justeringTime(date: Date): string {
  return `${isoDate(date)} kl. ${clock(date)}`;
}

/** "tisdag 14 mars 2025, kl. 09.00–11.00" (the end with its own date when on another day). */
function meetingTime(startsAtIso: string, endsAtIso: string | null): string {
  const startsAt = parseInstant(startsAtIso, "meeting.startsAt");
  const start = `${longDate(startsAt)}, kl. ${clock(startsAt)}`;
  if (!endsAtIso) return start;
  const endsAt = parseInstant(endsAtIso, "meeting.endsAt");
  if (isoDate(endsAt) === isoDate(startsAt)) return `${start}–${clock(endsAt)}`;
  return `${start} – ${longDate(endsAt)}, kl. ${clock(endsAt)}`;
}

function paragraphLabel(p: ProtocolParagraph): string {
  return `§ ${p.number}/${p.year}`;
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

function parseInstant(iso: string, field: string): Date {
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
function clean(text: string): string {
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

interface Info {
  Title: string;
  Author: string;
  Subject: string;
  Keywords: string;
  Creator: string;
  Producer: string;
  CreationDate: Date;
  AuditHash?: string;
}

function documentInfo(data: ProtocolData, meetingDate: string, generatedAt: Date): Info {
  const group = metaText(data.group.name);
  const refs = data.paragraphs.map(paragraphLabel).join(", ");
  const auditHash = data.auditHash ? metaText(data.auditHash) : null;
  const isExtract = data.kind === "protokollsutdrag";
  const info: Info = {
    Title: isExtract ? `Protokollsutdrag – ${group} ${meetingDate} ${refs}` : `Protokoll – ${group} ${meetingDate}`,
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
      ...(auditHash ? [`revisionslogg ${auditHash}`] : []),
    ]
      .filter((k) => k.trim() !== "")
      .join(", "),
    Creator: "Samverkan",
    Producer: "PDFKit",
    CreationDate: generatedAt,
  };
  if (auditHash) info.AuditHash = auditHash;
  return info;
}

/** Metadata strings: one line, no control characters (they are not allowed in XML). */
function metaText(text: string): string {
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
