import { csvCell, toCsv } from "../../app/utils/csv";

describe("CSV for Swedish Excel", () => {
  it("starts with a byte-order mark, separates with ; and ends lines with CRLF", () => {
    expect(
      toCsv([
        ["Nr", "Åtgärd"],
        [1, "Trygghetsvandring"],
      ]),
    ).toBe("\uFEFFNr;Åtgärd\r\n1;Trygghetsvandring\r\n");
  });

  it("quotes cells with separators, quotes and line breaks (RFC 4180)", () => {
    expect(csvCell('Torget; "centrum"\nkväll')).toBe('"Torget; ""centrum""\nkväll"');
    expect(csvCell("1,5 timmar")).toBe('"1,5 timmar"');
    expect(csvCell(null)).toBe("");
  });

  it("makes cells a spreadsheet would run as formulas plain text", () => {
    for (const formula of ['=HYPERLINK("x")', "+1", "-1", "@SUM(A1)", "\t=1"]) expect(csvCell(formula).replace(/^"/, "").startsWith("'")).toBe(true);
    expect(csvCell("=1;2")).toBe('"\'=1;2"');
    expect(csvCell("Trygghet")).toBe("Trygghet");
  });
});
