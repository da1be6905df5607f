import { luhnCheckDigit, normaliseOrgNumber } from "../../db/domain/org-number";

describe("Swedish organisationsnummer", () => {
  it("accepts real numbers, with or without the hyphen, and stores them with it", () => {
    // Stockholms stad and Polismyndigheten, as the agreements state them.
    expect(normaliseOrgNumber("212000-0142")).toEqual({ ok: true, value: "212000-0142" });
    expect(normaliseOrgNumber("2021000076")).toEqual({ ok: true, value: "202100-0076" });
    expect(normaliseOrgNumber(" 202100-0084 ")).toEqual({ ok: true, value: "202100-0084" });
    expect(luhnCheckDigit("212000014")).toBe(2);
  });

  it("refuses a wrong check digit and anything that is not ten digits", () => {
    expect(normaliseOrgNumber("212000-0143")).toEqual({ ok: false, problem: "check_digit" });
    expect(normaliseOrgNumber("202100-0067")).toEqual({ ok: false, problem: "check_digit" });
    for (const bad of ["", "212000-014", "21200-00142", "212000 0142", "2120000142x", "16212000-0142"]) {
      expect(normaliseOrgNumber(bad), bad).toEqual({ ok: false, problem: "format" });
    }
  });
});
