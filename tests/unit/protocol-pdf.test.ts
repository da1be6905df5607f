import { extractText, getDocumentProxy, getMeta } from "unpdf";
import { renderProtocolPdf } from "../../server/protocol/pdf";
import { diagonalTexts, readPdf, section } from "../support/pdf-text";
import type { ProtocolData, ProtocolParagraph } from "../../server/protocol/protocol-data";

const longDecision = Array.from(
  { length: 14 },
  (_, i) =>
    `Punkt ${i + 1}: Styrgruppen ger beredningsgruppen i uppdrag att tillsammans med lokalpolisområdet följa upp ` +
    `trygghetsvandringarna i Skärholmens centrum, Vårberg och Sätra, redovisa resultaten från Stockholmsenkäten ` +
    `och trygghetsmätningen, samt föreslå åtgärder för platser där otryggheten är störst. Åtgärderna ska vara ` +
    `kunskapsbaserade och följas upp vid nästa möte i styrgruppen.`,
).join("\n");

const paragraphs: ProtocolParagraph[] = [
  {
    number: 1,
    year: 2026,
    title: "Gemensam lokal lägesbild 2026",
    decisionText: "Styrgruppen fastställer den gemensamma lokala lägesbilden för Skärholmen 2026.",
    notes: "Kommunpolisen föredrog lägesbilden. Otryggheten kring Skärholmens tunnelbanestation har ökat.",
    adoptedAt: "2026-03-10T08:20:00Z",
    corrects: null,
    immediatelyApprovedAt: "2026-03-10T08:22:00Z",
    beslutande: ["Sara Lindqvist", "Johan Bergström"],
    beslutandeDiffer: false,
    outcome: "behandlat",
    hasDecision: true,
    chairedBy: null,
    uppdrag: [
      {
        title: "Följa upp trygghetsvandringarna i Skärholmens centrum",
        owner: "Johan Bergström",
        dueOn: "2026-04-30",
        itemTitle: "Gemensam lokal lägesbild 2026",
      },
    ],
  },
  {
    number: 2,
    year: 2026,
    title: "Åtgärdsplan för Skärholmens centrum",
    decisionText: longDecision,
    notes: "",
    adoptedAt: "2026-03-10T09:05:00Z",
    corrects: null,
    immediatelyApprovedAt: null,
    beslutande: ["Sara Lindqvist", "Johan Bergström"],
    beslutandeDiffer: false,
    outcome: "behandlat",
    hasDecision: true,
    chairedBy: null,
    uppdrag: [],
  },
  {
    number: 3,
    year: 2026,
    title: "Rättelse av medborgarlöfte",
    decisionText: "Medborgarlöftet gäller även för Bredäng; övriga delar av beslutet står fast.",
    notes: "Lokalpolisområdeschefen påpekade att Bredäng föll bort i föregående beslut.",
    adoptedAt: "2026-03-10T09:50:00Z",
    corrects: "§ 2/2025",
    immediatelyApprovedAt: null,
    // Johan Bergström had left the meeting.
    beslutande: ["Sara Lindqvist"],
    beslutandeDiffer: true,
    outcome: "behandlat",
    hasDecision: true,
    chairedBy: null,
    uppdrag: [],
  },
];

const recordSha256 = "4b1d0c2e9a8f7e6d5c4b3a29181706f5e4d3c2b1a09f8e7d6c5b4a3928170615";
const auditHash = "9f2c4e7a1b3d5f6081a2c3e4f5061728394a5b6c7d8e9f0a1b2c3d4e5f607182";

function protocol(overrides: Partial<ProtocolData> = {}): ProtocolData {
  return {
    kind: "protokoll",
    draft: false,
    demo: false,
    group: {
      name: "Lokal styrgrupp Skärholmen",
      agreementTitle: "Lokal samverkansöverenskommelse mellan Skärholmens stadsdelsförvaltning och lokalpolisområde Skärholmen",
    },
    meeting: {
      title: "Styrgruppsmöte mars",
      startsAt: "2026-03-10T08:00:00Z",
      endsAt: "2026-03-10T10:00:00Z",
      location: "Skärholmens stadsdelsförvaltning, sammanträdesrum Älvsjön",
      videoLink: "https://video.example.se/m/123?pwd=hemligt",
    },
    beslutande: [
      { name: "Sara Lindqvist", role: "Ordförande", functionName: "Stadsdelsdirektör", organisation: "Skärholmens stadsdelsförvaltning" },
      {
        name: "Johan Bergström",
        role: "Ledamot",
        functionName: "Lokalpolisområdeschef",
        organisation: "Lokalpolisområde Skärholmen",
        leftAt: "2026-03-10T09:45:00Z",
      },
    ],
    ovrigaNarvarande: [
      {
        name: "Åsa Öberg",
        role: "Sekreterare",
        functionName: "Trygghets- och säkerhetssamordnare",
        organisation: "Skärholmens stadsdelsförvaltning",
        arrivedAt: "2026-03-10T08:30:00Z",
      },
      { name: "Erik Sjöström", role: "Adjungerad", functionName: "Grundskolechef", organisation: "Utbildningsförvaltningen" },
      { name: "Léa Müller", role: "Gäst", functionName: null, organisation: "Trafikkontoret" },
    ],
    franvarande: [{ name: "Per Ström", role: "Ledamot", functionName: "Kommunpolis", organisation: "Lokalpolisområde Skärholmen" }],
    chair: "Sara Lindqvist",
    secretary: "Åsa Öberg",
    justerare: ["Johan Bergström"],
    paragraphs,
    undealtItems: [],
    otherUppdrag: [{ title: "Boka lokal för höstens möte", owner: "Åsa Öberg", dueOn: null, itemTitle: "Övriga frågor" }],
    generalNotes: "Nästa möte hålls i september.\nLägesbilden skickas till den stadsövergripande beredningsgruppen.",
    signatures: [
      { capacity: "Ordförande", name: "Sara Lindqvist", approvedAt: "2026-03-12T13:15:00Z" },
      { capacity: "Justerare", name: "Johan Bergström", approvedAt: "2026-03-13T07:02:00Z" },
      { capacity: "Sekreterare", name: "Åsa Öberg", approvedAt: "2026-03-13T09:40:00Z" },
    ],
    recordSha256,
    auditHash,
    generatedAt: "2026-03-13T08:00:00Z",
    ...overrides,
  };
}

/** The signers of the fixture before any of them approved. */
const unsigned = protocol().signatures.map((s) => ({ ...s, approvedAt: null }));

async function read(pdf: Buffer) {
  const document = await getDocumentProxy(new Uint8Array(pdf));
  const { totalPages, text } = await extractText(document, { mergePages: true });
  const meta = await getMeta(document);
  return { totalPages, text: text.replace(/\s+/g, " "), info: meta.info as Record<string, unknown> };
}

const squash = (s: string) => s.replace(/\s+/g, " ");

describe("renderProtocolPdf", () => {
  let pdf: Buffer;
  let parsed: Awaited<ReturnType<typeof readPdf>>;

  beforeAll(async () => {
    pdf = await renderProtocolPdf(protocol());
    parsed = await readPdf(pdf);
  });

  it("produces a PDF document", () => {
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
  });

  it("prints the heading, the group, the agreement and the meeting time in Swedish", () => {
    expect(parsed.text).toContain("PROTOKOLL");
    expect(parsed.text).toContain("Lokal styrgrupp Skärholmen");
    expect(parsed.text).toContain("Lokal samverkansöverenskommelse mellan Skärholmens stadsdelsförvaltning");
    expect(parsed.text).toContain("tisdag 10 mars 2026, kl. 09.00–11.00");
    expect(parsed.text).toContain("Skärholmens stadsdelsförvaltning, sammanträdesrum Älvsjön");
  });

  it("does not print the video link itself", () => {
    expect(parsed.text).toContain("videolänk");
    expect(parsed.text).not.toContain("pwd=hemligt");
  });

  it("lists who was present, absent, and who chaired, kept the minutes and approved them", () => {
    for (const heading of ["Beslutande", "Övriga närvarande", "Frånvarande", "Ordförande", "Sekreterare", "Justerare"]) {
      expect(parsed.text).toContain(heading);
    }
    expect(parsed.text).not.toContain("Adjungerade");
    for (const name of ["Sara Lindqvist", "Johan Bergström", "Åsa Öberg", "Erik Sjöström", "Léa Müller", "Per Ström"]) {
      expect(parsed.text).toContain(name);
    }
    expect(parsed.text).toContain("närvarande från kl. 09.30");
    expect(parsed.text).toContain("lämnade mötet kl. 10.45");
  });

  it("lists the ordförande and ledamöter as beslutande; the sekreterare, adjungerade and guests under Övriga närvarande", () => {
    const beslutande = section(parsed.text, "Beslutande", "Övriga närvarande");
    expect(beslutande).toContain("Sara Lindqvist, Ordförande");
    expect(beslutande).toContain("Johan Bergström, Ledamot");
    for (const other of ["Åsa Öberg", "Erik Sjöström", "Léa Müller", "Per Ström"]) expect(beslutande).not.toContain(other);
    const others = section(parsed.text, "Övriga närvarande", "Frånvarande");
    expect(others).toContain("Åsa Öberg, Sekreterare");
    expect(others).toContain("Erik Sjöström, Adjungerad");
    expect(others).toContain("Léa Müller, Gäst, Trafikkontoret");
    expect(section(parsed.text, "Frånvarande", "Justerare")).toBe("Frånvarande Per Ström, Ledamot, Kommunpolis, Lokalpolisområde Skärholmen ");
  });

  it("names the justerare and the §§ before the first §", () => {
    expect(parsed.text).toContain("Justerare: Johan Bergström Paragrafer: §§ 1–3/2026 § 1/2026 Gemensam lokal lägesbild 2026");
  });

  it("prints every § with its decision, without internal labels, and who decided where it differs from the head", () => {
    expect(parsed.text).toContain("§ 1/2026 Gemensam lokal lägesbild 2026");
    expect(parsed.text).toContain("§ 2/2026 Åtgärdsplan för Skärholmens centrum");
    expect(parsed.text).toContain("§ 3/2026");
    expect(parsed.text).not.toContain("Beslutstyp");
    expect(parsed.text).not.toContain("Övrigt");
    expect(parsed.text).toContain(paragraphs[0]!.decisionText);
    expect(parsed.text).toContain(paragraphs[2]!.decisionText);
    expect(parsed.text).toContain("Rättelse av § 2/2025");
    // Johan Bergström had left when § 3 was decided; §§ 1 and 2 were decided by those in the head.
    expect(section(parsed.text, "§ 3/2026", "Justeras")).toContain("Beslutande vid paragrafen (kl. 10.50): Sara Lindqvist");
    expect(parsed.text.match(/Beslutande vid paragrafen/g)).toHaveLength(1);
    expect(parsed.text).toContain("Paragrafen justerades omedelbart tisdag 10 mars 2026 kl. 09.22.");
    expect(parsed.text).toContain("Övriga anteckningar");
    expect(parsed.text).toContain("Nästa möte hålls i september.");
  });

  it("lets a long decision flow onto following pages without losing text", async () => {
    expect(parsed.totalPages).toBeGreaterThanOrEqual(2);
    const document = await getDocumentProxy(new Uint8Array(pdf));
    const { text: pages } = await extractText(document, { mergePages: false });
    const body = pages.map((page) => squash(page).replace(/Lokal styrgrupp Skärholmen – [\d-]+ – sida \d+ av \d+/, " ")).join(" ");
    for (const line of paragraphs[1]!.decisionText.split("\n")) expect(squash(body)).toContain(squash(line));
  });

  it("lists each uppdrag under the § that gave it: who, what, by when", () => {
    const first = section(parsed.text, "§ 1/2026", "§ 2/2026");
    expect(first).toContain("Uppdrag Johan Bergström: Följa upp trygghetsvandringarna i Skärholmens centrum. Senast 30 april 2026.");
    expect(section(parsed.text, "§ 2/2026", "Justeras")).not.toContain("trygghetsvandringarna i Skärholmens centrum.");
    expect(parsed.text).toContain("Övriga uppdrag Åsa Öberg: Boka lokal för höstens möte. (Ärende: Övriga frågor)");
  });

  it("keeps å, ä, ö, é and ü intact", () => {
    for (const word of ["Lägesbild", "Åtgärdsplan", "Skärholmen", "Öberg", "Léa", "Müller", "Sätra"]) {
      expect(parsed.text).toContain(word);
    }
  });

  it("ends with a Justeras block: a signature line for the ordförande, each justerare and the sekreterare, with the digital approval beneath", () => {
    expect(parsed.text).toContain(
      "Justeras Ordförande: Sara Lindqvist Justerat digitalt 2026-03-12 kl. 14.15 " +
        "Justerare: Johan Bergström Justerat digitalt 2026-03-13 kl. 08.02 " +
        "Sekreterare: Åsa Öberg Justerat digitalt 2026-03-13 kl. 10.40 Protokollet är justerat digitalt i Samverkan.",
    );
  });

  it("numbers the pages in the footer and keeps hashes out of the body but for a short Verifiering line at the end", async () => {
    parsed.pages.forEach((page, i) => {
      expect(page).toContain(`Lokal styrgrupp Skärholmen – 2026-03-10 – sida ${i + 1} av ${parsed.pages.length}`);
    });
    expect(parsed.text).toMatch(
      /Verifiering: Protokollet är framställt ur Samverkan fredag 13 mars 2026 kl\. 09\.00, innehållets SHA-256 4b1d0c2e9a8f7e6d, revisionslogg 9f2c4e7a1b3d5f60 \(fullständiga värden i PDF-filens egenskaper\)\. Lokal styrgrupp Skärholmen – 2026-03-10 – sida \d+ av \d+ ?$/,
    );
    expect(parsed.text).not.toContain(auditHash);
    expect(parsed.text).not.toContain(recordSha256);
    expect(parsed.text).not.toContain("Kontrollsumma");
    expect(parsed.text).not.toContain("UTKAST");
    expect(parsed.text).not.toContain("DEMO");
    expect((await diagonalTexts(pdf)).flat()).toEqual([]);
  });

  it("embeds its own TrueType fonts and uses no standard 14 font", () => {
    const raw = pdf.toString("latin1");
    expect(raw).toContain("/FontFile2");
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSans\b/);
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSans-Bold\b/);
    expect(raw).not.toMatch(/\/BaseFont \/(Helvetica|Times|Courier|Symbol|ZapfDingbats)/);
  });

  it("declares PDF/A-2b with XMP metadata, an output intent, a language and a structure tree", () => {
    const raw = pdf.toString("latin1");
    const xmp = Buffer.from(raw.slice(raw.indexOf("<?xpacket begin"), raw.indexOf("<?xpacket end")), "latin1").toString("utf8");
    expect(xmp).toContain("<pdfaid:part>2</pdfaid:part>");
    expect(xmp).toContain("<pdfaid:conformance>B</pdfaid:conformance>");
    expect(xmp).toContain('<rdf:li xml:lang="x-default">Protokoll – Lokal styrgrupp Skärholmen 2026-03-10</rdf:li>');
    expect(xmp).toContain("<xmp:CreateDate>2026-03-13T08:00:00Z</xmp:CreateDate>");
    expect(raw).toContain("/OutputIntents");
    expect(raw).toContain("/GTS_PDFA1");
    expect(raw).toContain("/Lang (sv-SE)");
    expect(raw).toContain("/StructTreeRoot");
    expect(raw).not.toContain("/Encrypt");
    expect(raw).not.toContain("/Annots");
  });

  it("carries title, author, creation date and the audit hash in the document information", () => {
    expect(parsed.info.Title).toBe("Protokoll – Lokal styrgrupp Skärholmen 2026-03-10");
    expect(parsed.info.Author).toBe("Lokal styrgrupp Skärholmen");
    expect(parsed.info.Keywords).toContain(auditHash);
    expect(parsed.info.CreationDate).toBe("D:20260313080000Z");
    expect((parsed.info.Custom as Record<string, unknown>).AuditHash).toBe(auditHash);
    expect((parsed.info.Custom as Record<string, unknown>).RecordSha256).toBe(recordSha256);
    expect(parsed.info.Keywords).toContain(recordSha256);
  });

  it("gives the same bytes for the same data", async () => {
    const again = await renderProtocolPdf(protocol());
    expect(again.equals(pdf)).toBe(true);
  });

  it("renders a protokollsutdrag with only its own §", async () => {
    const extract = await renderProtocolPdf(protocol({ kind: "protokollsutdrag", paragraphs: [paragraphs[2]!], generalNotes: "" }));
    const { text, info, totalPages } = await read(extract);
    expect(totalPages).toBe(1);
    expect(text).toContain("PROTOKOLLSUTDRAG");
    expect(text).toContain("Utdrag ur protokoll från sammanträdet tisdag 10 mars 2026.");
    expect(text).toContain("§ 3/2026 Rättelse av medborgarlöfte");
    expect(text).toContain(paragraphs[2]!.decisionText);
    expect(text).not.toContain("§ 1/2026");
    expect(text).not.toContain("§ 2/2026");
    expect(text).not.toContain("Gemensam lokal lägesbild");
    expect(text).toContain("Justerare");
    expect(text).toContain("Beslutande vid paragrafen (kl. 10.50): Sara Lindqvist");
    expect(info.Title).toBe("Protokollsutdrag – Lokal styrgrupp Skärholmen 2026-03-10 § 3/2026");
  });

  it("gives an extract of a § approved at the meeting as final, before the whole protocol is approved", async () => {
    const extract = await renderProtocolPdf(protocol({ kind: "protokollsutdrag", paragraphs: [paragraphs[0]!], generalNotes: "", signatures: unsigned }));
    const { text, info } = await readPdf(extract);
    expect(text).toContain("Paragrafen justerades omedelbart tisdag 10 mars 2026 kl. 09.22.");
    expect(text).toContain("Paragrafen är justerad omedelbart vid sammanträdet; protokollet i övrigt är ännu inte justerat.");
    expect(text).not.toContain("UTKAST");
    expect(info.Title).toBe("Protokollsutdrag – Lokal styrgrupp Skärholmen 2026-03-10 § 1/2026");
  });

  it("says the protocol is not approved when nobody has approved it yet, with empty lines beneath the names", async () => {
    const { text } = await read(await renderProtocolPdf(protocol({ draft: true, signatures: unsigned, auditHash: null })));
    expect(text).toContain("Justeras Ordförande: Sara Lindqvist Justerare: Johan Bergström Sekreterare: Åsa Öberg Protokollet är inte justerat.");
    expect(text).not.toContain("Ej justerat");
    expect(text).not.toContain("justerat digitalt");
    expect(text).not.toContain("revisionslogg");
  });

  it("shows each approval given so far and who is still missing when the approval is incomplete", async () => {
    const [chair, ...others] = protocol().signatures;
    const { text } = await read(await renderProtocolPdf(protocol({ draft: true, signatures: [chair!, ...others.map((s) => ({ ...s, approvedAt: null }))] })));
    expect(text).toContain("Ordförande: Sara Lindqvist Justerat digitalt 2026-03-12 kl. 14.15 Justerare: Johan Bergström Sekreterare: Åsa Öberg Protokollet");
    expect(text).toContain("Protokollet är inte justerat.");
  });

  it("marks a draft as UTKAST – ej justerat in its title, under the heading and diagonally across every page", async () => {
    const draft = await renderProtocolPdf(protocol({ draft: true, signatures: unsigned }));
    const { text, info, pages } = await readPdf(draft);
    expect(pages.length).toBeGreaterThanOrEqual(2);
    expect(text).toContain("PROTOKOLL UTKAST – ej justerat Lokal styrgrupp Skärholmen");
    expect(info.Title).toBe("Protokoll – Lokal styrgrupp Skärholmen 2026-03-10 (UTKAST – ej justerat)");
    const diagonals = await diagonalTexts(draft);
    expect(diagonals).toHaveLength(pages.length);
    for (const page of diagonals) expect(page).toEqual(["UTKAST – ej justerat"]);
    expect(pages.at(-1)).toContain("UTKAST – ej justerat – sida");
  });

  it("marks a protocol made from demo data as DEMO in its title, heading and diagonally across every page", async () => {
    const demo = await renderProtocolPdf(protocol({ demo: true, draft: true }));
    const { text, info } = await readPdf(demo);
    expect(text).toContain("PROTOKOLL DEMO – påhittade uppgifter, inte ett verkligt protokoll UTKAST – ej justerat");
    expect(info.Title).toBe("Protokoll – Lokal styrgrupp Skärholmen 2026-03-10 (DEMO, UTKAST – ej justerat)");
    const diagonals = await diagonalTexts(demo);
    expect(diagonals.length).toBeGreaterThanOrEqual(2);
    for (const page of diagonals) expect(page).toEqual(["DEMO", "UTKAST – ej justerat"]);
    const finalDemo = await readPdf(await renderProtocolPdf(protocol({ demo: true })));
    expect(finalDemo.info.Title).toBe("Protokoll – Lokal styrgrupp Skärholmen 2026-03-10 (DEMO)");
    for (const page of await diagonalTexts(await renderProtocolPdf(protocol({ demo: true })))) expect(page).toEqual(["DEMO"]);
  });

  it("prints markup and odd characters from the data as plain text and keeps the metadata well-formed", async () => {
    const pdf = await renderProtocolPdf(
      protocol({
        group: { name: "Styrgrupp Rinkeby & Kista <test>", agreementTitle: "Avtal \u0007med\u200b styrtecken" },
        generalNotes: '<b>fet</b> & <a href="https://example.se">länk</a>\tmed tabb',
      }),
    );
    const { text, info } = await read(pdf);
    expect(text).toContain('<b>fet</b> & <a href="https://example.se">länk</a> med tabb');
    expect(text).toContain("Avtal med styrtecken");
    expect(info.Title).toBe("Protokoll – Styrgrupp Rinkeby & Kista <test> 2026-03-10");
    const raw = pdf.toString("latin1");
    const xmp = raw.slice(raw.indexOf("<?xpacket begin"), raw.indexOf("<?xpacket end"));
    expect(xmp).toContain("Styrgrupp Rinkeby &amp; Kista &lt;test&gt;");
    expect(raw).not.toContain("/URI");
  });

  it("rejects a protocol with an invalid date", async () => {
    await expect(renderProtocolPdf(protocol({ generatedAt: "inte ett datum" }))).rejects.toThrow(/generatedAt/);
  });
});
