/** The kontaktuppgifter's vCard 4.0 (RFC 6350): escaping, CRLF, folding at 75 octets never inside a character; the phone rule and its tel: link. */
import { normalisePhone, phoneError, telHref } from "../../db/domain/phone";
import { buildVCards, escapeVCardText, foldVCardLine } from "../../db/domain/vcard";

/** Unfolds (RFC 6350 3.2) and splits a vCard stream into its content lines. */
function contentLines(text: string): string[] {
  return text.replace(/\r\n /g, "").split("\r\n").slice(0, -1);
}

describe("vCard", () => {
  const card = {
    name: "Lindqvist, Sara; t.f.",
    title: "Stadsdelsdirektör\\chef",
    organisation: ["Stockholms stad", "Skärholmens stadsdelsförvaltning"],
    email: "sdd.skarholmen@example.se",
    phone: "070-000 00 01",
    note: "Ordförande, Lokal styrgrupp Skärholmen\nrad två",
  };

  it("escapes backslash, comma, semicolon and newlines in text values", () => {
    expect(escapeVCardText("a\\b,c;d\ne\r\nf")).toBe("a\\\\b\\,c\\;d\\ne\\nf");
    const lines = contentLines(buildVCards([card]));
    expect(lines).toContain("FN:Lindqvist\\, Sara\\; t.f.");
    expect(lines).toContain("N:Lindqvist;Sara\\; t.f.;;;");
    expect(lines).toContain("ORG:Stockholms stad;Skärholmens stadsdelsförvaltning");
    expect(lines).toContain("TITLE:Stadsdelsdirektör\\\\chef");
    expect(lines).toContain("EMAIL;TYPE=work:sdd.skarholmen@example.se");
    expect(lines).toContain("TEL;TYPE=work:070-000 00 01");
    expect(lines).toContain("NOTE:Ordförande\\, Lokal styrgrupp Skärholmen\\nrad två");
  });

  it("ends every line with CRLF and begins and ends each card", () => {
    const text = buildVCards([card, { ...card, name: "Johan Bergström", phone: null }]);
    expect(text.endsWith("\r\n")).toBe(true);
    expect(text.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    const lines = contentLines(text);
    expect(lines.filter((l) => l === "BEGIN:VCARD")).toHaveLength(2);
    expect(lines.filter((l) => l === "VERSION:4.0")).toHaveLength(2);
    expect(lines).toContain("N:Bergström;Johan;;;");
    expect(lines.filter((l) => l.startsWith("TEL"))).toHaveLength(1);
  });

  it("folds lines at 75 octets without splitting a character, and unfolds to the same line", () => {
    const line = `NOTE:${"åäö€".repeat(30)}`;
    const folded = foldVCardLine(line);
    expect(folded.length).toBeGreaterThan(1);
    for (const [i, part] of folded.entries()) {
      expect(Buffer.byteLength(part, "utf8")).toBeLessThanOrEqual(75);
      if (i > 0) expect(part.startsWith(" ")).toBe(true);
      expect(part).not.toContain("\uFFFD");
    }
    expect(folded.map((p, i) => (i === 0 ? p : p.slice(1))).join("")).toBe(line);
    const text = buildVCards([{ ...card, note: "x".repeat(300) }]);
    for (const physical of text.split("\r\n")) expect(Buffer.byteLength(physical, "utf8")).toBeLessThanOrEqual(75);
  });
});

describe("a work phone", () => {
  it("takes digits, spaces, +, - and parentheses, at most 30 characters", () => {
    expect(phoneError("08-508 000 00")).toBeNull();
    expect(phoneError("+46 (0)70-000 00 01")).toBeNull();
    expect(phoneError("")).toBeNull();
    expect(phoneError("070 abc")).not.toBeNull();
    expect(phoneError("()")).not.toBeNull();
    expect(phoneError("1".repeat(31))).not.toBeNull();
    expect(normalisePhone("  070   000 ")).toBe("070 000");
  });

  it("links as tel: with its digits and a leading +", () => {
    expect(telHref("070-000 00 01")).toBe("tel:0700000001");
    expect(telHref("+46 (0)8-508 000 00")).toBe("tel:+46850800000");
  });
});
