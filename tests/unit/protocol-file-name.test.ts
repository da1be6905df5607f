import { attachmentDisposition } from "../../app/utils/content-disposition";
import { protocolFileName } from "../../server/protocol/file-name";

const base = { kind: "protokoll" as const, groupName: "Lokal styrgrupp Skärholmen", startsAt: "2026-10-28T08:00:00Z", draft: false, demo: false };

describe("the protocol's file name", () => {
  it("names the body and the meeting's Stockholm date", () => {
    expect(protocolFileName(base)).toBe("Protokoll Lokal styrgrupp Skärholmen 2026-10-28.pdf");
    // 23.30 UTC on 31 December is already the new year in Stockholm.
    expect(protocolFileName({ ...base, startsAt: "2026-12-31T23:30:00Z" })).toBe("Protokoll Lokal styrgrupp Skärholmen 2027-01-01.pdf");
  });

  it("names a kallelse the same way, with INSTÄLLT for a cancelled meeting", () => {
    expect(protocolFileName({ ...base, kind: "kallelse" })).toBe("Kallelse Lokal styrgrupp Skärholmen 2026-10-28.pdf");
    expect(protocolFileName({ ...base, kind: "kallelse", cancelled: true, demo: true })).toBe(
      "Kallelse Lokal styrgrupp Skärholmen 2026-10-28 INSTÄLLT DEMO.pdf",
    );
  });

  it("says when it is a draft, an extract of one §, or made from demo data", () => {
    expect(protocolFileName({ ...base, draft: true })).toBe("Protokoll Lokal styrgrupp Skärholmen 2026-10-28 UTKAST – ej justerat.pdf");
    expect(protocolFileName({ ...base, kind: "protokollsutdrag", paragraph: { number: 3, year: 2026 } })).toBe(
      "Protokollsutdrag Lokal styrgrupp Skärholmen 2026-10-28 § 3-2026.pdf",
    );
    expect(protocolFileName({ ...base, draft: true, demo: true })).toBe("Protokoll Lokal styrgrupp Skärholmen 2026-10-28 UTKAST – ej justerat DEMO.pdf");
  });

  it("keeps characters out that file systems or the header refuse", () => {
    expect(protocolFileName({ ...base, groupName: 'Grupp A/B: "trygghet"\r\n\u0007<x>' })).toBe("Protokoll Grupp A-B- -trygghet--x- 2026-10-28.pdf");
  });
});

describe("Content-Disposition for a file name with any characters", () => {
  it("gives the UTF-8 name as filename* and an ASCII stand-in as filename", () => {
    expect(attachmentDisposition("Protokoll Lokal styrgrupp Skärholmen 2026-10-28 UTKAST – ej justerat.pdf")).toBe(
      `attachment; filename="Protokoll Lokal styrgrupp Skarholmen 2026-10-28 UTKAST - ej justerat.pdf"; ` +
        `filename*=UTF-8''Protokoll%20Lokal%20styrgrupp%20Sk%C3%A4rholmen%202026-10-28%20UTKAST%20%E2%80%93%20ej%20justerat.pdf`,
    );
  });

  it("encodes what RFC 5987 does not allow unencoded and drops quotes from the fallback", () => {
    expect(attachmentDisposition(`Protokollsutdrag (1) § 3-2026 'x' "y".pdf`)).toBe(
      `attachment; filename="Protokollsutdrag (1) 3-2026 'x' y.pdf"; filename*=UTF-8''Protokollsutdrag%20%281%29%20%C2%A7%203-2026%20%27x%27%20%22y%22.pdf`,
    );
  });
});
