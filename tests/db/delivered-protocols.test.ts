/**
 * Issue 16: the stadsövergripande styrgrupp's justerade protocols are delivered to every lokal styrgrupp
 * (demo data: three justerade city-wide meetings and a fourth awaiting the chair's approval). Delivery
 * reaches the lokal styrgrupp's members only, the justerat protocol only, and records "läst" per member.
 */
import { and, eq } from "drizzle-orm";
import { closeDatabase, type Db } from "../../db/client";
import { deliveredProtocols, markDeliveredProtocolRead, protocolAccess, receivesDeliveredProtocol } from "../../db/queries/delivered-protocols";
import { NotFoundError } from "../../db/queries/errors";
import { groups, meetings, protocolReads } from "../../db/schema";
import { addMemberOnly, fixedNow, openSeededDatabase, viewerByEmail } from "../support/seeded-db";

let db: Db;
const groupId = (name: string) => db.select().from(groups).where(eq(groups.name, name)).get()!.id;
const meetingsOf = (name: string, status: "justerat" | "avslutat") =>
  db
    .select()
    .from(meetings)
    .where(and(eq(meetings.groupId, groupId(name)), eq(meetings.status, status)))
    .all();

beforeAll(async () => {
  db = await openSeededDatabase();
});
afterAll(() => closeDatabase());

describe("city-wide protocols delivered to the lokal styrgrupper", () => {
  it("lists the city-wide styrgrupp's justerade protocols on each lokal styrgrupp's page, newest first, never one not yet justerat", () => {
    const justerade = meetingsOf("Stadsövergripande styrgrupp", "justerat");
    expect(justerade).toHaveLength(3);
    const [awaiting] = meetingsOf("Stadsövergripande styrgrupp", "avslutat");
    for (const [email, group] of [
      ["karl.ljung@example.se", "Lokal styrgrupp Skärholmen"],
      ["annika.berglund@example.se", "Lokal styrgrupp Östermalm"],
      ["jonas.hedberg@example.se", "Lokal styrgrupp Hässelby-Vällingby"],
    ] as const) {
      const listed = deliveredProtocols(db, viewerByEmail(db, email), groupId(group));
      expect(
        listed.map((p) => p.meetingId),
        group,
      ).toEqual(justerade.sort((a, b) => b.startsAt.localeCompare(a.startsAt)).map((m) => m.id));
      expect(listed.every((p) => p.groupName === "Stadsövergripande styrgrupp" && p.readAt === null)).toBe(true);
    }
    expect(receivesDeliveredProtocol(db, viewerByEmail(db, "karl.ljung@example.se"), awaiting!.id)).toBe(false);
    // Other groups receive nothing.
    expect(deliveredProtocols(db, viewerByEmail(db, "daniel.lund@example.se"), groupId("Lokal beredningsgrupp Skärholmen"))).toEqual([]);
  });

  it("records läst once per member, and shows the chair and the sekreterare who has read it", () => {
    const ledamot = viewerByEmail(db, "karl.ljung@example.se");
    const [latest] = deliveredProtocols(db, ledamot, groupId("Lokal styrgrupp Skärholmen"));
    markDeliveredProtocolRead(db, ledamot, latest!.meetingId, fixedNow);
    markDeliveredProtocolRead(db, ledamot, latest!.meetingId, new Date("2026-11-24T08:00:00Z"));
    const [again] = deliveredProtocols(db, ledamot, groupId("Lokal styrgrupp Skärholmen"));
    expect(again).toMatchObject({ readAt: fixedNow.toISOString(), readers: null });
    const [seenBySecretary] = deliveredProtocols(db, viewerByEmail(db, "linnea.holmberg@example.se"), groupId("Lokal styrgrupp Skärholmen"));
    expect(seenBySecretary!.readAt).toBeNull();
    expect(seenBySecretary!.readers).toContainEqual({ personId: ledamot.id, name: "Karl Ljung", readAt: fixedNow.toISOString() });
    expect(seenBySecretary!.readers!.filter((r) => r.readAt !== null)).toHaveLength(1);
    // An administrator sees the list but is no member: no läst of their own, no readers.
    const [seenByAdmin] = deliveredProtocols(db, viewerByEmail(db, "admin@example.se"), groupId("Lokal styrgrupp Skärholmen"));
    expect(seenByAdmin).toMatchObject({ readAt: null, readers: null });
  });

  it("gives a lokal styrgrupp member the justerat PDF only: no draft, no extract, not the meeting itself", () => {
    const [justerat] = meetingsOf("Stadsövergripande styrgrupp", "justerat");
    expect(protocolAccess(db, viewerByEmail(db, "karl.ljung@example.se"), justerat!.id)).toMatchObject({ deliveredOnly: true, recipient: true });
    expect(protocolAccess(db, viewerByEmail(db, "helena.sjoberg@example.se"), justerat!.id)).toMatchObject({ deliveredOnly: false, recipient: false });
    const [awaiting] = meetingsOf("Stadsövergripande styrgrupp", "avslutat");
    expect(protocolAccess(db, viewerByEmail(db, "karl.ljung@example.se"), awaiting!.id)).toBeNull();
  });

  it("refuses an arbetsgrupp member of the same agreement, and an Östermalm member anything of Skärholmen's own", () => {
    const [justerat] = meetingsOf("Stadsövergripande styrgrupp", "justerat");
    const worker = addMemberOnly(db, "Arbetsgrupp avgränsade platser", "ledamot", "arbetsgrupp.protokoll@example.se");
    expect(receivesDeliveredProtocol(db, worker, justerat!.id)).toBe(false);
    expect(protocolAccess(db, worker, justerat!.id)).toBeNull();
    expect(() => markDeliveredProtocolRead(db, worker, justerat!.id)).toThrow(NotFoundError);
    expect(db.select().from(protocolReads).where(eq(protocolReads.personId, worker.id)).all()).toEqual([]);

    const ostermalm = viewerByEmail(db, "annika.berglund@example.se");
    // The city-wide protocol reaches Östermalm's styrgrupp too (the same city-wide agreement) ...
    expect(receivesDeliveredProtocol(db, ostermalm, justerat!.id)).toBe(true);
    // ... but nothing of Skärholmen's: not its styrgrupp's protocols, not its page's list.
    const [skarholmens] = meetingsOf("Lokal styrgrupp Skärholmen", "justerat");
    expect(receivesDeliveredProtocol(db, ostermalm, skarholmens!.id)).toBe(false);
    expect(protocolAccess(db, ostermalm, skarholmens!.id)).toBeNull();
    expect(deliveredProtocols(db, ostermalm, groupId("Lokal styrgrupp Skärholmen"))).toEqual([]);
  });
});
