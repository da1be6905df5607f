/**
 * Who is connected to which live document, as the lägesbild page shows it: one entry per person
 * however many tabs, edit mode winning over read, gone when the last connection leaves, and an
 * event for every change so pages can follow.
 */
import { DocumentPresence, liveEvents } from "../../db/live-events";

describe("documentPresence", () => {
  it("lists each person once, editing if any of their connections edits, and forgets them with their last connection", () => {
    const presence = new DocumentPresence();
    const changed: string[] = [];
    const listen = (name: string) => changed.push(name);
    liveEvents().on("presenceChanged", listen);
    try {
      const [tabA, tabB, reader] = [{}, {}, {}];
      presence.join("avsnitt-1", tabA, { personId: 1, name: "Sara Lindqvist", mode: "read" });
      presence.join("avsnitt-1", tabB, { personId: 1, name: "Sara Lindqvist", mode: "edit" });
      presence.join("avsnitt-1", reader, { personId: 2, name: "Daniel Lund", mode: "read" });
      expect(presence.people("avsnitt-1")).toEqual([
        { personId: 2, name: "Daniel Lund", mode: "read" },
        { personId: 1, name: "Sara Lindqvist", mode: "edit" },
      ]);
      expect(presence.people("avsnitt-2")).toEqual([]);
      presence.leave("avsnitt-1", tabB);
      expect(presence.people("avsnitt-1").find((p) => p.personId === 1)?.mode).toBe("read");
      presence.leave("avsnitt-1", tabA);
      presence.leave("avsnitt-1", reader);
      // Leaving twice (a close after an error) changes nothing and says nothing.
      presence.leave("avsnitt-1", reader);
      expect(presence.people("avsnitt-1")).toEqual([]);
      expect(changed).toEqual(Array(6).fill("avsnitt-1"));
    } finally {
      liveEvents().off("presenceChanged", listen);
    }
  });
});
