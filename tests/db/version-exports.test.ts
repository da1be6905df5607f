import { createHash } from "node:crypto";
import { eq } from "drizzle-orm";
import * as Y from "yjs";
import { closeDatabase, type Db } from "../../db/client";
import { DocumentStore } from "../../db/documents/store";
import { documentName } from "../../db/domain/document-names";
import { adoptDecision } from "../../db/queries/decisions";
import { ensureSituationPicture, listSections } from "../../db/queries/lagesbild";
import { advanceMeetingStatus, createMeeting } from "../../db/queries/meeting-lifecycle";
import { putUpForDecision } from "../../db/queries/steering-documents";
import { actionPlanRows, agreementParties, agreements, documentVersions, groups, places, situationSources } from "../../db/schema";
import { ensureActionPlan } from "../../db/queries/action-plans";
import { archiveVersionPdf, versionPdf } from "../../server/steering/version-archive";
import { versionDocument } from "../../server/steering/version-data";
import { renderVersionDocx } from "../../server/steering/version-docx";
import { renderVersionPdf } from "../../server/steering/version-pdf";
import { limitBlocks, type Block } from "../../server/steering/version-document";
import { defaultRenderPoolOptions, ProtocolRenderPool } from "../../server/protocol/render-pool";
import { MAX_CHARS_PER_TEXT, textBudget } from "../../server/protocol/text-limits";
import { createVersion } from "../../db/queries/versions";
import { protocolData } from "../../server/protocol/archive";
import { renderProtocolPdf } from "../../server/protocol/pdf";
import { readPdf, section } from "../support/pdf-text";
import { openSeededDatabase, viewerByEmail } from "../support/seeded-db";
import { zipEntries } from "../support/zip";

/**
 * A decided lägesbild version as PDF/A (archived once with its SHA-256, served as stored) and as DOCX:
 * the section texts with their headings and lists, the underlag, the § that decided it, the content hash.
 */
let db: Db;
let versionId: number;
let draftVersionId: number;
let meetingId: number;

/** Writes blocks into a never-opened section document, as the editor would. */
function writeBlocks(sectionId: number, agreementId: number, blocks: () => Y.XmlElement[]) {
  const store = new DocumentStore(db);
  const name = documentName({ kind: "lagesbild_section", sectionId });
  const { doc } = store.load(name, "lagesbild_section", { agreementId });
  const updates: Uint8Array[] = [];
  doc.on("update", (u: Uint8Array) => updates.push(u));
  doc.transact(() => {
    const fragment = doc.getXmlFragment("default");
    fragment.insert(fragment.length, blocks());
  });
  store.write(updates.map((update) => ({ kind: "update" as const, name, update, personId: null })));
  doc.destroy();
}

function paragraphOf(text: string): Y.XmlElement {
  const paragraph = new Y.XmlElement("paragraph");
  paragraph.insert(0, [new Y.XmlText(text)]);
  return paragraph;
}

/** Writes a heading, a paragraph and a bullet list into a never-opened section document. */
function writeSection(sectionId: number, agreementId: number) {
  writeBlocks(sectionId, agreementId, () => {
    const heading = new Y.XmlElement("heading");
    heading.setAttribute("level", "2");
    heading.insert(0, [new Y.XmlText("Otrygghet i centrum")]);
    const paragraph = paragraphOf("Trygghetsmätningen visar att fler känner sig otrygga på kvällen.");
    const list = new Y.XmlElement("bulletList");
    for (const [i, text] of ["Belysningen i gångtunneln", "Nedskräpning vid torget"].entries()) {
      const item = new Y.XmlElement("listItem");
      const p = new Y.XmlElement("paragraph");
      p.insert(0, [new Y.XmlText(text)]);
      item.insert(0, [p]);
      // Counted here: a type not yet in the document has no length to read.
      list.insert(i, [item]);
    }
    return [heading, paragraph, list];
  });
}

beforeAll(async () => {
  db = await openSeededDatabase();
  const chair = viewerByEmail(db, "sdd.skarholmen@example.se");
  const agreementId = db.select().from(agreements).where(eq(agreements.slug, "skarholmen")).get()!.id;
  const groupId = db.select().from(groups).where(eq(groups.name, "Lokal styrgrupp Skärholmen")).get()!.id;
  const picture = ensureSituationPicture(db, agreementId, 2026, null);
  writeSection(listSections(db, picture.id)[1]!.id, agreementId);
  db.update(situationSources).set({ year: 2025, source: "Stockholms stad" }).where(eq(situationSources.title, "Trygghetsmätningen")).run();
  const startsAt = "2027-03-09T08:00:00.000Z";
  meetingId = createMeeting(db, chair, { groupId, title: "Styrgruppsmöte", startsAt, endsAt: null, location: null, videoLink: null }, new Date(startsAt));
  const put = putUpForDecision(db, chair, { kind: "lagesbild", id: picture.id }, meetingId);
  versionId = put.versionId;
  advanceMeetingStatus(db, chair, meetingId, "pagar", new Date(startsAt));
  adoptDecision(db, chair, { agendaItemId: put.agendaItemId, kind: "lagesbild" }, new Date("2027-03-09T08:30:00.000Z"));
  await archiveVersionPdf(db, versionId);
  // A later, undecided version of the same lägesbild.
  const next = createMeeting(db, chair, { groupId, title: "Nästa", startsAt: "2027-05-04T08:00:00.000Z", endsAt: null, location: null, videoLink: null });
  draftVersionId = putUpForDecision(db, chair, { kind: "lagesbild", id: picture.id }, next).versionId;
});
afterAll(() => closeDatabase());

describe("the PDF/A of a decided version", () => {
  it("is stored once with its SHA-256, and what is served is the stored bytes", async () => {
    const row = db.select().from(documentVersions).where(eq(documentVersions.id, versionId)).get()!;
    expect(row.pdf).not.toBeNull();
    expect(row.pdfSha256).toBe(createHash("sha256").update(row.pdf!).digest("hex"));
    await archiveVersionPdf(db, versionId);
    expect(db.select().from(documentVersions).where(eq(documentVersions.id, versionId)).get()!.pdfSha256).toBe(row.pdfSha256);
    expect((await versionPdf(db, versionId))!.equals(row.pdf!)).toBe(true);
    // Deterministic: rendering the version again gives the same bytes.
    expect((await renderVersionPdf(versionDocument(db, versionId)!)).equals(row.pdf!)).toBe(true);
  });

  it("shows the title, the deciding §, the sections with headings and lists, the underlag and the content SHA-256 last", async () => {
    const row = db.select().from(documentVersions).where(eq(documentVersions.id, versionId)).get()!;
    const { text, info } = await readPdf(row.pdf!);
    expect(text).toContain("Gemensam lokal lägesbild 2026");
    expect(text).toMatch(/Status: Fastställd av Lokal styrgrupp Skärholmen 9 mars 2027, § \d+\/2027/);
    const analysis = section(text, "Kommunens analys (Kommunen)", "Polisens analys");
    expect(analysis).toContain("Otrygghet i centrum Trygghetsmätningen visar att fler känner sig otrygga på kvällen.");
    expect(analysis).toContain("– Belysningen i gångtunneln – Nedskräpning vid torget");
    expect(section(text, "Underlag", "Avgränsade platser")).toContain("Trygghetsmätningen År: 2025 Avsändare: Stockholms stad");
    // The hash is the last thing before the page footer.
    expect(text).toMatch(new RegExp(`Innehållets SHA-256: ${row.sha256} Gemensam lokal lägesbild 2026 – .* sida \\d+ av \\d+\\s*$`));
    expect(text).not.toContain("EJ FASTSTÄLLD");
    expect(info.Title).toBe("Gemensam lokal lägesbild 2026 – Lokal samverkansöverenskommelse Skärholmen (DEMO)");
  });

  it("declares PDF/A-2b, a language and a structure tree", () => {
    const pdf = db.select().from(documentVersions).where(eq(documentVersions.id, versionId)).get()!.pdf!;
    const raw = pdf.toString("latin1");
    const xmp = Buffer.from(raw.slice(raw.indexOf("<?xpacket begin"), raw.indexOf("<?xpacket end")), "latin1").toString("utf8");
    expect(xmp).toContain("<pdfaid:part>2</pdfaid:part>");
    expect(xmp).toContain("<pdfaid:conformance>B</pdfaid:conformance>");
    expect(raw).toContain("/Lang (sv-SE)");
    expect(raw).toContain("/StructTreeRoot");
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSans\b/);
  });

  it("of a version not decided is rendered on demand, not stored, and says it is not fastställd", async () => {
    const pdf = await versionPdf(db, draftVersionId);
    expect(db.select().from(documentVersions).where(eq(documentVersions.id, draftVersionId)).get()!.pdf).toBeNull();
    const { text } = await readPdf(pdf!);
    expect(text).toContain("EJ FASTSTÄLLD");
    expect(text).toContain("Status: Version för beslut, inte fastställd");
  });
});

describe("the protocol of the meeting that decided it", () => {
  it("names the bilaga under the §, with the version's SHA-256", async () => {
    const row = db.select().from(documentVersions).where(eq(documentVersions.id, versionId)).get()!;
    const { text } = await readPdf(await renderProtocolPdf(protocolData(db, meetingId)));
    expect(text).toContain(
      `Styrgruppen fastställer den gemensamma lokala lägesbilden 2026 enligt bilaga. Bilaga: Gemensam lokal lägesbild 2026, fastställd version, SHA-256 ${row.sha256}`,
    );
  });
});

describe("the DOCX of a version", () => {
  it("holds the same texts, the underlag as a table and the content SHA-256", async () => {
    const docx = await renderVersionDocx(versionDocument(db, versionId)!);
    expect(docx.subarray(0, 2).toString("latin1")).toBe("PK");
    const xml = zipEntries(docx).get("word/document.xml")!.toString("utf8");
    const row = db.select().from(documentVersions).where(eq(documentVersions.id, versionId)).get()!;
    for (const expected of [
      "Gemensam lokal lägesbild 2026",
      "Kommunens analys (Kommunen)",
      "Otrygghet i centrum",
      "Trygghetsmätningen visar att fler känner sig otrygga på kvällen.",
      "Belysningen i gångtunneln",
      "Stockholms stad",
      "Fastställd av Lokal styrgrupp Skärholmen 9 mars 2027",
      row.sha256,
    ]) {
      expect(xml).toContain(expected);
    }
    expect(xml).toContain("<w:tbl>");
    expect(xml).toContain('w:val="Heading2"');
  });
});

describe("the åtgärdsplan's version", () => {
  it("prints its rows as records in the PDF and as a table in the DOCX, with places, party and person by name", async () => {
    const chair = viewerByEmail(db, "sdd.skarholmen@example.se");
    const agreementId = db.select().from(agreements).where(eq(agreements.slug, "skarholmen")).get()!.id;
    const groupId = db.select().from(groups).where(eq(groups.name, "Lokal styrgrupp Skärholmen")).get()!.id;
    const plan = ensureActionPlan(db, agreementId, null);
    const place = db.insert(places).values({ agreementId, name: "Gångtunneln vid torget", createdAt: "2027-01-01T00:00:00Z" }).returning().get();
    const party = db.select().from(agreementParties).where(eq(agreementParties.agreementId, agreementId)).orderBy(agreementParties.position).get()!;
    db.insert(actionPlanRows)
      .values({
        planId: plan.id,
        uid: "rad00000001",
        position: 0,
        problem: "Otrygghet på kvällen",
        cause: "Dålig belysning",
        placeIds: JSON.stringify([place.id]),
        measure: "Byta belysningen i gångtunneln",
        goal: "Färre som känner sig otrygga",
        indicator: "Trygghetsmätningen",
        startsOn: "2027-04-01",
        endsOn: "2027-09-30",
        responsiblePartyId: party.id,
        responsiblePersonId: chair.id,
        followUp: "Varje kvartal i beredningsgruppen",
        updatedAt: "2027-01-01T00:00:00Z",
      })
      .run();
    const meeting = createMeeting(db, chair, { groupId, title: "Planen", startsAt: "2027-06-01T08:00:00.000Z", endsAt: null, location: null, videoLink: null });
    const { versionId: planVersion } = putUpForDecision(db, chair, { kind: "atgardsplan", id: plan.id }, meeting);
    const data = versionDocument(db, planVersion)!;
    expect(data.title).toBe("Åtgärdsplan");
    const { text } = await readPdf(await renderVersionPdf(data));
    const row = section(text, "Åtgärder", "Innehållets SHA-256");
    expect(row).toContain("Byta belysningen i gångtunneln Problem: Otrygghet på kvällen Orsak: Dålig belysning Platser: Gångtunneln vid torget");
    expect(row).toContain(`Period: 2027-04-01 – 2027-09-30 Ansvarig: ${party.shortName}, ${chair.name}`);
    const xml = zipEntries(await renderVersionDocx(data))
      .get("word/document.xml")!
      .toString("utf8");
    for (const expected of ["Byta belysningen i gångtunneln", "Gångtunneln vid torget", "Varje kvartal i beredningsgruppen", "Ansvarig"])
      expect(xml).toContain(expected);
  });
});

describe("a version with over-long text, cut and wrapped by the protocol's rule", () => {
  const pool = new ProtocolRenderPool(defaultRenderPoolOptions);
  afterAll(() => pool.close());
  /** A pasted blob: 100 000 characters without a space. */
  const word = "QmFzZTY0+/=".repeat(10_000).slice(0, 100_000);
  let sections: { id: number; title: string }[];
  let pictureId: number;

  beforeAll(() => {
    const agreementId = db.select().from(agreements).where(eq(agreements.slug, "skarholmen")).get()!.id;
    pictureId = ensureSituationPicture(db, agreementId, 2026, null).id;
    sections = listSections(db, pictureId);
    writeBlocks(sections[2]!.id, agreementId, () => [paragraphOf(`Bilagan klistrades in: ${word} Slut på bilagan.`)]);
  });

  const version = (label: string) => createVersion(db, null, { subjectKind: "lagesbild", subjectId: pictureId }, { kind: "namngiven", label }).id;

  it("renders a section holding one 100 000-character word on the render pool within its time budget, all of it, wrapped into lines", async () => {
    const data = versionDocument(db, version("Med en lång rad"))!;
    expect(data.cutCount).toBe(0);
    const pdf = await pool.renderVersion(data);
    const { pages } = await readPdf(pdf);
    expect(pages.length).toBeGreaterThan(10);
    // Without the diagonal marks (drawn first on every page) and the page footers, so the word broken over lines and pages reads as one.
    const joined = pages
      .map((page) =>
        page.replace(/^\s*EJ FASTSTÄLLD DEMO /, "").replace(/Gemensam lokal lägesbild 2026 – [^–]+ – EJ FASTSTÄLLD – DEMO – sida \d+ av \d+\s*$/, ""),
      )
      .join("")
      .replace(/\s+/g, "");
    // (not toContain: a failure would print the 100 KB word)
    expect(joined.includes(`Bilaganklistradesin:${word}Slutpåbilagan.`)).toBe(true);
    // Wrapped: no line of the word is wider than the page (at 10.5 pt about 90 characters fit).
    const longestRun = Math.max(...pages.flatMap((page) => page.split(" ").map((run) => run.length)));
    expect(longestRun).toBeLessThan(150);
  });

  it("cuts a 1 MB section at the protocol's limit, says so where it ends and on the first page, in the PDF and the DOCX", async () => {
    const agreementId = db.select().from(agreements).where(eq(agreements.slug, "skarholmen")).get()!.id;
    const line = "Kommunpolisen redovisade läget i Skärholmens centrum och trygghetsvandringen i Vårberg. ".repeat(8).trim();
    const paragraphs = Array.from({ length: Math.ceil(1_000_000 / (line.length + 1)) }, () => line);
    const blob = paragraphs.join("\n").slice(0, 1_000_000);
    writeBlocks(sections[3]!.id, agreementId, () => blob.split("\n").map(paragraphOf));

    const data = versionDocument(db, version("Med en megabyte"))!;
    expect(data.cutCount).toBe(1);
    const cutPart = data.parts.find((p) => p.title.startsWith(sections[3]!.title))!;
    const shown = cutPart.blocks.slice(0, -1).reduce((sum, b) => sum + (b.type === "list" ? 0 : b.text.length + 1), 0);
    expect(shown).toBeLessThanOrEqual(MAX_CHARS_PER_TEXT + 1);
    expect(shown).toBeGreaterThan(MAX_CHARS_PER_TEXT - 1_000);
    const note = /\[Texten är avkortad i dokumentet: de första 1\d\d\s\d\d\d av 1\s000\s\d\d\d tecknen visas\. Hela texten finns i Samverkan\.\]/;
    expect(cutPart.blocks.at(-1)).toEqual({ type: "paragraph", text: expect.stringMatching(note) });
    // The section with the long word, before it, is whole.
    expect(data.parts.find((p) => p.title.startsWith(sections[2]!.title))!.blocks).toHaveLength(1);

    const { pages, text } = await readPdf(await pool.renderVersion(data));
    expect(pages[0]).toContain("Observera: Dokumentet är inte fullständigt. En text var för lång och är avkortad");
    expect(text).toMatch(note);
    const xml = zipEntries(await renderVersionDocx(data))
      .get("word/document.xml")!
      .toString("utf8");
    expect(xml).toContain("Observera: Dokumentet är inte fullständigt.");
    expect(xml).toMatch(note);
  });

  it("keeps a part's blocks up to the cut, lists item by item, and spends one budget over the whole document", () => {
    const budget = textBudget(20, 30);
    const blocks: Block[] = [
      { type: "heading", level: 2, text: "Rubrik" },
      { type: "list", ordered: false, items: ["ett två", "tre fyra", "fem"].map((text) => ({ text, depth: 0 })) },
    ];
    expect(limitBlocks(blocks, budget)).toEqual([
      { type: "heading", level: 2, text: "Rubrik" },
      { type: "list", ordered: false, items: ["ett två", "tre"].map((text) => ({ text, depth: 0 })) },
      { type: "paragraph", text: "[Texten är avkortad i dokumentet: de första 18 av 27 tecknen visas. Hela texten finns i Samverkan.]" },
    ]);
    // 12 characters of the document's 30 are left.
    expect(limitBlocks([{ type: "paragraph", text: "kort" }], budget)).toEqual([{ type: "paragraph", text: "kort" }]);
    expect(limitBlocks([{ type: "paragraph", text: "nu är det slut på tecknen" }], budget)[0]).toEqual({ type: "paragraph", text: "nu är" });
    expect(budget.cutCount()).toBe(2);
  });
});
