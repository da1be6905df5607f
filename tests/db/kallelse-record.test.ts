import { eq } from "drizzle-orm";
import { closeDatabase, type Db } from "../../db/client";
import { appendParagraphsOffline } from "../../db/documents/store";
import { addAgendaItem } from "../../db/queries/agenda";
import { markDemoData } from "../../db/queries/demo-flag";
import { cancelMeeting, createMeeting } from "../../db/queries/meeting-lifecycle";
import type { Viewer } from "../../db/queries/sessions";
import { groups, settings } from "../../db/schema";
import { renderKallelsePdf } from "../../server/protocol/kallelse-pdf";
import { kallelseData } from "../../server/protocol/kallelse-record";
import { defaultRenderPoolOptions, ProtocolRenderError, ProtocolRenderPool } from "../../server/protocol/render-pool";
import { diagonalTexts, readPdf } from "../support/pdf-text";
import { openSeededDatabase, viewerByEmail } from "../support/seeded-db";

/**
 * Issue 11, kallelse: the notice of a planned meeting as a PDF, read back with
 * a PDF text extractor: heading, group, time, place, video link, the agenda in
 * order, the kallelse text, the handlingar, and DEMO / INSTÄLLT when so.
 */
let db: Db;
let chair: Viewer;
let ledamot: Viewer;
let groupId: number;

const startsAt = "2027-03-02T08:00:00.000Z";

function planMeeting(title: string): number {
  return createMeeting(
    db,
    chair,
    {
      groupId,
      title,
      startsAt,
      endsAt: "2027-03-02T10:00:00.000Z",
      location: "Sammanträdesrum Bredängen",
      videoLink: "https://video.example.se/styrgrupp-mars",
    },
    new Date("2027-02-01T08:00:00Z"),
  );
}

beforeAll(async () => {
  db = await openSeededDatabase();
  chair = viewerByEmail(db, "sdd.skarholmen@example.se");
  ledamot = viewerByEmail(db, "karl.ljung@example.se");
  groupId = db.select().from(groups).where(eq(groups.name, "Lokal styrgrupp Skärholmen")).get()!.id;
});
afterAll(() => closeDatabase());

describe("kallelse PDF", () => {
  it("has the heading, group, time, place, video link, agenda in order, kallelse text and handlingar", async () => {
    const meetingId = planMeeting("Styrgruppsmöte mars");
    const agendaBefore = kallelseData(db, meetingId)!.agenda.length;
    addAgendaItem(db, chair, meetingId, { title: "Lägesbild Skärholmens centrum", kind: "information", presenterId: ledamot.id });
    addAgendaItem(db, chair, meetingId, { title: "Åtgärdsplan för Vårberg", kind: "beslut", presenterId: null });
    appendParagraphsOffline(db, { kind: "agenda", meetingId }, { groupId, meetingId }, [
      "Välkomna till styrgruppens möte i mars.",
      "Läs lägesbilden före mötet.",
    ]);
    db.delete(settings).run(); // not demo data
    const { text, info } = await readPdf(await renderKallelsePdf(kallelseData(db, meetingId, new Date("2027-02-20T09:00:00Z"))!));

    expect(text).toContain("KALLELSE");
    expect(text).toContain("Lokal styrgrupp Skärholmen");
    expect(text).toContain("Styrgruppsmöte mars");
    expect(text).toContain("Tid: tisdag 2 mars 2027, kl. 09.00–11.00");
    expect(text).toContain("Plats: Sammanträdesrum Bredängen");
    expect(text).toContain("Videolänk: https://video.example.se/styrgrupp-mars");
    // Added ärenden come before the standard agenda's closing items.
    const agenda = kallelseData(db, meetingId)!.agenda.map((item) => item.title);
    expect(agenda.length).toBe(agendaBefore + 2);
    const first = text.indexOf(`${agenda.indexOf("Lägesbild Skärholmens centrum") + 1}. Lägesbild Skärholmens centrum (föredragande: Karl Ljung)`);
    const second = text.indexOf(`${agenda.indexOf("Åtgärdsplan för Vårberg") + 1}. Åtgärdsplan för Vårberg`);
    expect(first).toBeGreaterThan(text.indexOf("Föredragningslista"));
    expect(second).toBeGreaterThan(first);
    expect(text.indexOf("Välkomna till styrgruppens möte i mars. Läs lägesbilden före mötet.")).toBeGreaterThan(text.indexOf("Kallelse och bakgrund"));
    expect(text).toContain("Handlingar – Lokal samverkansöverenskommelse Skärholmen – Bilaga till överenskommelsen:");
    expect(text).toContain("– Bilaga till överenskommelsen: Gemensam lokal lägesbild");
    expect(text).not.toContain("DEMO");
    expect(text).not.toContain("INSTÄLLT");
    expect(info.Title).toBe("Kallelse – Lokal styrgrupp Skärholmen 2027-03-02");
  });

  it("says DEMO for demo data and INSTÄLLT for a cancelled meeting", async () => {
    const meetingId = planMeeting("Styrgruppsmöte som ställs in");
    cancelMeeting(db, chair, meetingId, "Ordföranden är sjuk", new Date("2027-02-20T08:00:00Z"));
    markDemoData(db);
    const pdf = await renderKallelsePdf(kallelseData(db, meetingId)!);
    const { text, info } = await readPdf(pdf);
    expect(text).toContain("INSTÄLLT – Ordföranden är sjuk");
    expect(text).toContain("DEMO – påhittade uppgifter");
    expect(info.Title).toBe("Kallelse – Lokal styrgrupp Skärholmen 2027-03-02 (INSTÄLLT, DEMO)");
    expect((await diagonalTexts(pdf))[0]).toEqual(["INSTÄLLT", "DEMO"]);
  });

  it("renders on the render pool, and a failed render says the kallelse (not the protocol) could not be made", async () => {
    const data = kallelseData(db, planMeeting("Styrgruppsmöte på arbetstråd"))!;
    const pool = new ProtocolRenderPool(defaultRenderPoolOptions);
    const strict = new ProtocolRenderPool({ ...defaultRenderPoolOptions, timeoutMs: 1 });
    try {
      expect((await readPdf(await pool.renderKallelse(data))).text).toContain("Styrgruppsmöte på arbetstråd");
      const failure = await strict.renderKallelse(data).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(ProtocolRenderError);
      expect((failure as ProtocolRenderError).message).toMatch(/^Kallelsen kunde inte skapas: det tog längre tid än/);
      expect((failure as ProtocolRenderError).heading).toBe("Kallelsen kunde inte skapas");
    } finally {
      await Promise.all([pool.close(), strict.close()]);
    }
  });

  it("renders a 100 KB word without a space in the kallelse text quickly, broken into lines, all of it in the PDF", async () => {
    const meetingId = planMeeting("Styrgruppsmöte med lång text");
    const word = Array.from({ length: 100_000 }, (_, i) => "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"[(i * 7919) % 62]).join("");
    appendParagraphsOffline(db, { kind: "agenda", meetingId }, { groupId, meetingId }, [word]);
    const started = Date.now();
    const pdf = await renderKallelsePdf(kallelseData(db, meetingId)!);
    expect(Date.now() - started).toBeLessThan(5_000);
    const { pages, totalPages } = await readPdf(pdf);
    expect(totalPages).toBeGreaterThan(1);
    // Each page's text without the diagonal DEMO (first) and the footer (last), then the pages joined.
    const body = pages
      .map((page) =>
        page
          .replace(/\s/g, "")
          .replace(/^DEMO/, "")
          .replace(/Kallelse–[^–]*–[^–]*–DEMO–sida\d+av\d+$/, ""),
      )
      .join("");
    expect(body).toContain(word);
  });
});
