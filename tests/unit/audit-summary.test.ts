import { auditActions } from "../../db/domain/enums";
import { auditSummary } from "~/utils/audit-summary";

describe("the audit page's one-line summaries", () => {
  it("say in Swedish what changed, with the person's name where the entry is about one", () => {
    expect(auditSummary("agenda.item_moved", { itemId: 4, title: "Lägesbild 2026", from: 3, to: 2 }, null)).toBe("”Lägesbild 2026” från plats 3 till plats 2");
    expect(auditSummary("agenda.item_added", { title: "Trygghetsvandring", carriedFromId: 7 }, null)).toBe(
      "”Trygghetsvandring”, flyttat från ett tidigare möte",
    );
    expect(auditSummary("attendance.member", { personId: 5, status: "anmalt_forhinder" }, "Johan Bergström")).toBe("Johan Bergström: Anmält förhinder");
    expect(auditSummary("membership.removed", { personId: 5, role: "ledamot" }, "Johan Bergström")).toBe("Johan Bergström, som var ledamot");
    expect(auditSummary("membership.added", { personId: 9, role: "ledamot" }, null)).toBe("en person som inte finns längre som ledamot");
    expect(auditSummary("meeting.status", { from: "planerat", to: "pagar" }, null)).toBe("Planerat → Pågår");
    expect(auditSummary("meeting.reopened", { from: "avslutat", to: "pagar" }, null)).toBe("Avslutat → Pågår");
    expect(auditSummary("decision.adopted", { number: 3, year: 2026, text: "Styrgruppen beslutar att fastställa lägesbilden." }, null)).toBe(
      "Styrgruppen beslutar att fastställa lägesbilden.",
    );
    expect(auditSummary("protocol.stored", { sha256: "a".repeat(64) }, null)).toBe(`SHA-256 ${"a".repeat(16)}…`);
    expect(auditSummary("minutes.addendum", { text: "x".repeat(200) }, null)).toHaveLength(120);
    expect(auditSummary("person.deactivated", {}, null)).toBe("");
    expect(auditSummary("minutes.comment", { capacity: "justerare", comment: "Stavfel i andra stycket." }, null)).toBe("Justeraren: Stavfel i andra stycket.");
    expect(auditSummary("minutes.approved", { capacity: "ordforande", contentSha256: "b".repeat(64), voided: [5] }, null)).toBe(
      `Som ordförande, version ${"b".repeat(12)}…; 1 tidigare justering av en annan version gäller inte längre`,
    );
    expect(auditSummary("minutes.approved", { capacity: "justerare" }, null)).toBe("Som justerare");
  });

  it("say which of a meeting's time, place and link an edit changed, and why a meeting was cancelled", () => {
    const to = { startsAt: "2027-05-06T11:00:00.000Z", location: "Medborgarkontoret", videoLink: null };
    expect(auditSummary("meeting.edited", { from: {}, to }, null)).toBe("Ny starttid, plats och videolänk");
    expect(auditSummary("meeting.edited", { from: {}, to: { location: "Medborgarkontoret" } }, null)).toBe("Ny plats");
    expect(auditSummary("meeting.cancelled", { from: "planerat", reason: "Krockar med Skärholmsdagen" }, null)).toBe("Skäl: Krockar med Skärholmsdagen");
    expect(auditSummary("meeting.status", { from: "planerat", to: "installt" }, null)).toBe("Planerat → Inställt");
  });

  it("never throws on a payload of an unexpected shape, for any action", () => {
    for (const action of auditActions) {
      expect(typeof auditSummary(action, {}, null)).toBe("string");
      expect(typeof auditSummary(action, { status: 42, title: null, from: {}, role: "okänd" }, null)).toBe("string");
    }
  });
});
