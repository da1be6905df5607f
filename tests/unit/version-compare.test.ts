import { dataChanges, diffColumns } from "../../app/models/version-compare.server";

/** The comparison of two versions: words marked per column, paragraphs kept, and the rows' changed fields listed. */
describe("comparing two versions", () => {
  it("marks a deleted word in the old column and an added word in the new one, paragraph by paragraph", () => {
    const { before, after, changed } = diffColumns(
      "Första stycket.\nTryggheten har ökat tydligt.",
      "Första stycket.\nTryggheten har ökat markant.\nEtt nytt stycke.",
    );
    expect(changed).toBe(true);
    expect(before).toHaveLength(2);
    expect(before[1].filter((s) => s.change === "del").map((s) => s.text.trim())).toEqual(["tydligt"]);
    expect(after).toHaveLength(3);
    expect(after[1].filter((s) => s.change === "ins").map((s) => s.text.trim())).toEqual(["markant"]);
    expect(after[2]).toEqual([{ text: "Ett nytt stycke.", change: "ins" }]);
    expect(before.flat().some((s) => s.change === "ins") || after.flat().some((s) => s.change === "del")).toBe(false);
  });

  it("says when a part is unchanged", () => {
    expect(diffColumns("Samma text.", "Samma text.").changed).toBe(false);
  });

  it("lists the changed fields of the rows around the text by the row's name", () => {
    const before = JSON.stringify({
      year: 2026,
      sections: [{ key: "underlag", title: "Underlag och källor", status: "utkast", notApplicableReason: null }],
      sources: [{ title: "Trygghetsmätningen", year: 2024, source: "" }],
      places: [],
    });
    const after = JSON.stringify({
      year: 2026,
      sections: [{ key: "underlag", title: "Underlag och källor", status: "klar", notApplicableReason: null }],
      sources: [
        { title: "Trygghetsmätningen", year: 2025, source: "" },
        { title: "Stockholmsenkäten", year: null, source: "Stockholms stad" },
      ],
      places: [],
    });
    expect(dataChanges(before, after)).toEqual([
      { what: "Avsnitt ”Underlag och källor”, status", before: "utkast", after: "klar" },
      { what: "Underlag ”Trygghetsmätningen”, år", before: "2024", after: "2025" },
      { what: "Underlag ”Stockholmsenkäten”", before: "fanns inte", after: "tillagd" },
    ]);
    expect(dataChanges(before, before)).toEqual([]);
  });

  it("lists a plan's rows by uid and label: a changed field, an added and a removed row, never the uid or label as a field", () => {
    const row = (uid: string, label: string, fields: Record<string, string>) => ({ uid, label, measure: label, problem: "", person: "", ...fields });
    const before = JSON.stringify({ rows: [row("rad00001", "Byta belysningen", { person: "Sara Lindqvist" }), row("rad00002", "Städa torget", {})] });
    const after = JSON.stringify({ rows: [row("rad00001", "Byta belysningen", { person: "Kim Berg" }), row("rad00003", "Fler papperskorgar", {})] });
    expect(dataChanges(before, after)).toEqual([
      { what: "Åtgärd ”Byta belysningen”, ansvarig person", before: "Sara Lindqvist", after: "Kim Berg" },
      { what: "Åtgärd ”Städa torget”", before: "fanns", after: "borttagen" },
      { what: "Åtgärd ”Fler papperskorgar”", before: "fanns inte", after: "tillagd" },
    ]);
  });
});
