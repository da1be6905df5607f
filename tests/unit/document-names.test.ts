import { describe, expect, it } from "vitest";
import { documentName, parseDocumentName, type DocumentRef } from "../../db/domain/document-names";

describe("live document names", () => {
  const refs: [DocumentRef, string][] = [
    [{ kind: "agenda", meetingId: 7 }, "meeting-7-agenda"],
    [{ kind: "minutes", meetingId: 7 }, "meeting-7-minutes"],
    [{ kind: "agenda_item_notes", agendaItemId: 12 }, "item-12-notes"],
    [{ kind: "decision_text", agendaItemId: 12 }, "item-12-decision"],
    [{ kind: "lagesbild", agreementSlug: "skarholmen", year: 2026 }, "lagesbild-skarholmen-2026"],
    [{ kind: "lagesbild_section", sectionId: 3 }, "avsnitt-3"],
    [{ kind: "atgardsplan", planId: 2 }, "atgardsplan-2"],
    [{ kind: "atgard_notes", planId: 2, rowUid: "k3x9a0b1c2" }, "atgard-2-k3x9a0b1c2"],
    [{ kind: "report", reportId: 4 }, "rapport-4"],
    [{ kind: "version_part", versionId: 5, partIndex: 0 }, "version-5-0"],
    [{ kind: "version_part", versionId: 5, partIndex: 12 }, "version-5-12"],
  ];

  it("builds each kind's name and reads it back", () => {
    for (const [ref, name] of refs) {
      expect(documentName(ref)).toBe(name);
      expect(parseDocumentName(name)).toEqual(ref);
    }
  });

  it("refuses names it could not have built", () => {
    for (const name of [
      "",
      "meeting-0-agenda",
      "meeting-07-minutes",
      "meeting-7-notes",
      "item-1-minutes",
      "lagesbild-Skarholmen-2026",
      "lagesbild--2026",
      `lagesbild-${"a".repeat(100)}-2026`,
      "avsnitt-0",
      "avsnitt-x",
      "atgardsplan-",
      "atgard-2-short",
      "atgard-2-UPPERCASE1",
      `atgard-2-${"a".repeat(33)}`,
      "version-0-0",
      "version-5-01",
      "version-5-x",
      "version-5-10000",
      "version-5",
    ]) {
      expect(parseDocumentName(name)).toBeNull();
    }
  });
});
