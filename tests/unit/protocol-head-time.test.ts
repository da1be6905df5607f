/**
 * Issue 11: the protocol's head gives the time the meeting actually took
 * (recorded when it started and ended), not the planned time, and says which
 * it prints.
 */
import { renderProtocolPdf } from "../../server/protocol/pdf";
import type { ProtocolData } from "../../server/protocol/protocol-data";
import { readPdf, section } from "../support/pdf-text";

function protocol(meeting: Partial<ProtocolData["meeting"]>): ProtocolData {
  return {
    kind: "protokoll",
    draft: true,
    demo: false,
    group: { name: "Lokal styrgrupp Skärholmen", agreementTitle: "Lokal samverkansöverenskommelse Skärholmen" },
    meeting: {
      title: "Styrgruppsmöte mars",
      startsAt: "2026-03-10T08:00:00Z",
      endsAt: "2026-03-10T10:00:00Z",
      location: "Sammanträdesrum Älvsjön",
      videoLink: null,
      ...meeting,
    },
    beslutande: [],
    ovrigaNarvarande: [],
    franvarande: [],
    chair: "Sara Lindqvist",
    secretary: null,
    justerare: [],
    paragraphs: [],
    undealtItems: [],
    otherUppdrag: [],
    generalNotes: "",
    signatures: [],
    recordSha256: null,
    auditHash: null,
    generatedAt: "2026-03-10T11:00:00Z",
  };
}

/** The head's Tid and Plats, as the reader sees them. */
async function head(data: ProtocolData): Promise<string> {
  const { text } = await readPdf(await renderProtocolPdf(data));
  return section(text, "Tid", "Beslutande");
}

describe("the protocol head's time", () => {
  it("prints the actual start and end when both are recorded, and says so", async () => {
    const text = await head(protocol({ startedAt: "2026-03-10T08:07:00Z", endedAt: "2026-03-10T09:52:00Z" }));
    expect(text).toContain("tisdag 10 mars 2026, kl. 09.07–10.52 (faktisk tid)");
    expect(text).not.toContain("09.00");
    expect(text).toContain("Sammanträdesrum Älvsjön");
  });

  it("prints the actual start of a meeting still going on, and says it goes on", async () => {
    const text = await head(protocol({ startedAt: "2026-03-10T08:07:00Z", endedAt: null }));
    expect(text).toContain("kl. 09.07 (faktisk starttid; mötet pågår)");
  });

  it("prints the planned time, marked as planned, before the meeting has started", async () => {
    const text = await head(protocol({}));
    expect(text).toContain("tisdag 10 mars 2026, kl. 09.00–11.00 (planerad tid)");
  });
});
