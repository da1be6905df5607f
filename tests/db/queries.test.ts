import { eq, gt } from "drizzle-orm";
import { closeDatabase, type Db } from "../../db/client";
import { getAgreementPage } from "../../db/queries/agreements";
import { computeCadence } from "../../db/queries/cadence";
import { getGroupPage, listGroupsForViewer } from "../../db/queries/groups";
import { accessLostSince, latestAuditId, verifyAuditChain } from "../../db/queries/audit";
import { addMembership, removeMembership } from "../../db/queries/memberships";
import { setPersonActive } from "../../db/queries/people";
import { createSession, findSessionViewer, SESSION_TTL_MS } from "../../db/queries/sessions";
import { auditLog, groups } from "../../db/schema";
import { fixedNow, openSeededDatabase, viewerByEmail } from "../support/seeded-db";

let db: Db;
beforeAll(async () => {
  db = await openSeededDatabase();
});
afterAll(() => closeDatabase());

const groupIdByName = (name: string) => db.select().from(groups).where(eq(groups.name, name)).get()!.id;

describe("meeting cadence against the agreement's minimum", () => {
  const now = new Date("2026-11-23T10:00:00Z");
  it("counts held meetings of this year and flags a group that cannot reach its minimum", () => {
    const cadence = computeCadence(
      [
        { startsAt: "2026-03-01T08:00:00Z", status: "justerat" },
        { startsAt: "2025-10-01T08:00:00Z", status: "justerat" },
      ],
      2,
      now,
    );
    expect(cadence).toEqual({ year: 2026, held: 1, planned: 0, required: 2, behind: true });
  });

  it("does not flag a group whose planned meetings this year still reach the minimum", () => {
    const cadence = computeCadence(
      [
        { startsAt: "2026-03-01T08:00:00Z", status: "avslutat" },
        { startsAt: "2026-12-10T08:00:00Z", status: "planerat" },
      ],
      2,
      now,
    );
    expect(cadence.behind).toBe(false);
    expect(cadence.planned).toBe(1);
  });

  it("uses the calendar year in Stockholm: 23:30 UTC on New Year's Eve is already next year", () => {
    const cadence = computeCadence([{ startsAt: "2026-12-31T23:30:00Z", status: "avslutat" }], 2, now);
    expect(cadence.held).toBe(0);
  });

  it("never flags a group without a minimum", () => {
    expect(computeCadence([], null, now).behind).toBe(false);
  });
});

describe("queries are scoped by who asks", () => {
  it("lists only the viewer's own groups on the home page, styrgrupp before beredningsgrupp", () => {
    const names = listGroupsForViewer(db, viewerByEmail(db, "kommunpolis.ostermalm@example.se"), fixedNow).map((g) => g.name);
    expect(names.length).toBeGreaterThan(0);
    expect(names.every((n) => n.includes("Östermalm"))).toBe(true);
  });

  it("gives the group page to members and administrators only", () => {
    const skarholmen = groupIdByName("Lokal styrgrupp Skärholmen");
    expect(getGroupPage(db, viewerByEmail(db, "kommunpolis.ostermalm@example.se"), skarholmen)).toBeNull();
    expect(getGroupPage(db, viewerByEmail(db, "karl.ljung@example.se"), skarholmen)?.viewerRole).toBe("ledamot");
    expect(getGroupPage(db, viewerByEmail(db, "admin@example.se"), skarholmen)?.viewerRole).toBeNull();
  });

  it("shows an agreement to members of its groups, and the city-wide agreement it derives from, but not others", () => {
    const viewer = viewerByEmail(db, "kommunpolis.ostermalm@example.se");
    expect(getAgreementPage(db, viewer, "ostermalm")?.parties.map((p) => p.diarienummer)).toEqual(expect.arrayContaining(["ÖST 2021/66", "A049.962/2021"]));
    const cityWide = getAgreementPage(db, viewer, "stadsovergripande");
    expect(cityWide?.priorities).toHaveLength(6);
    expect(cityWide?.children.map((c) => c.slug)).toEqual(["ostermalm"]);
    expect(getAgreementPage(db, viewer, "skarholmen")).toBeNull();
    expect(getAgreementPage(db, viewer, "finns-inte")).toBeNull();
  });

  it("reports a required function as missing once the only person holding it is deactivated", () => {
    const admin = viewerByEmail(db, "admin@example.se");
    const groupId = groupIdByName("Lokal styrgrupp Skärholmen");
    const before = getGroupPage(db, admin, groupId)!.requiredFunctions.find((f) => f.name === "Lokalpolisområdeschef")!;
    expect(before.missing).toBe(false);
    setPersonActive(db, admin, viewerByEmail(db, "lpo.skarholmen@example.se").id, false);
    const after = getGroupPage(db, admin, groupId)!.requiredFunctions.find((f) => f.name === "Lokalpolisområdeschef")!;
    expect(after.missing).toBe(true);
    setPersonActive(db, admin, viewerByEmail(db, "lpo.skarholmen@example.se").id, true);
  });
});

describe("sessions", () => {
  it("expire after their lifetime", () => {
    const person = viewerByEmail(db, "sdd.skarholmen@example.se");
    const start = new Date("2026-11-23T08:00:00Z");
    const token = createSession(db, person.id, start);
    expect(findSessionViewer(db, token, new Date(start.getTime() + SESSION_TTL_MS - 1000))?.id).toBe(person.id);
    expect(findSessionViewer(db, token, new Date(start.getTime() + SESSION_TTL_MS + 1000))).toBeNull();
  });
});

describe("changes of rights are audited", () => {
  it("records who added and removed a membership and who deactivated an account; only losing access counts as an access change", () => {
    const admin = viewerByEmail(db, "admin@example.se");
    const person = viewerByEmail(db, "kommunpolis.ostermalm@example.se");
    const groupId = groupIdByName("Lokal styrgrupp Skärholmen");
    const start = latestAuditId(db);

    const membershipId = addMembership(db, admin, { groupId, personId: person.id, role: "ledamot", functionId: null });
    expect(accessLostSince(db, start)).toBe(false);
    const afterAdding = latestAuditId(db);
    removeMembership(db, admin, membershipId);
    expect(accessLostSince(db, afterAdding)).toBe(true);
    // The command-line operator (id 0) is nobody's account: recorded without an actor.
    setPersonActive(db, { id: 0, name: "Driftkommando", email: "", isAdmin: true }, person.id, false);
    setPersonActive(db, admin, person.id, true);

    const entries = db.select().from(auditLog).where(gt(auditLog.id, start)).orderBy(auditLog.id).all();
    expect(entries.map((e) => [e.action, e.actorId, e.subject])).toEqual([
      ["membership.added", admin.id, `group:${groupId}`],
      ["membership.removed", admin.id, `group:${groupId}`],
      ["person.deactivated", null, `person:${person.id}`],
      ["person.activated", admin.id, `person:${person.id}`],
    ]);
    expect(JSON.parse(entries[1].payload)).toMatchObject({ membershipId, personId: person.id, role: "ledamot" });
    expect(verifyAuditChain(db).ok).toBe(true);
  });
});
