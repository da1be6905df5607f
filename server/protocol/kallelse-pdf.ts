import type { KallelseData } from "./kallelse-data";
import { ArchivalWriter } from "./archival-writer";
import { archivalPdfDocument, BOLD, clean, isoDate, meetingTime, metaText, parseInstant, REGULAR, type Info } from "./pdf";
import { cutNote, limitText, MAX_CHARS_PER_TEXT } from "./text-limits";

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

class KallelseWriter extends ArchivalWriter {
  constructor(
    doc: PDFKit.PDFDocument,
    private readonly data: KallelseData,
    private readonly meetingDate: string,
  ) {
    super(doc);
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
        const prepared = item.preparedBy ? ` (beredd av ${clean(item.preparedBy)})` : "";
        this.block(li, "LBody", () => this.text(`${i + 1}. ${clean(item.title)}${presenter}${prepared}`));
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
    this.footers(`Kallelse – ${clean(this.data.group.name)} – ${this.meetingDate}${marks.map((m) => ` – ${m.watermark}`).join("")}`);
  }
}
