import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, asc, eq, gt, inArray } from "drizzle-orm";
import { closeDatabase, openDatabase, type Db } from "../../db/client";
import { verifyPassword } from "../../db/password";
import { getAgreementPage } from "../../db/queries/agreements";
import { isDemoData } from "../../db/queries/demo-flag";
import { partyOfPerson } from "../../db/queries/party";
import { agreementParties, agreements, functions, groups, meetings, memberships, people, priorityAreas } from "../../db/schema";
import { demoLogins, isDatabaseEmpty, seedDemoData } from "../../db/seed/demo";
import { storeProtocol } from "../../server/protocol/archive";

const PASSWORD = "demo-lösenord-123";
// A fixed "now" late in the year, so the compliance checks are deterministic.
const NOW = new Date("2026-11-23T10:00:00Z");

let dir: string;
let db: Db;
let emptyBeforeSeeding: boolean;
let demoBeforeSeeding: boolean;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "samverkan-"));
  db = openDatabase(path.join(dir, "seed.db")).db;
  emptyBeforeSeeding = isDatabaseEmpty(db);
  demoBeforeSeeding = isDemoData(db);
  await seedDemoData(db, { password: PASSWORD, now: NOW, archiveProtocol: storeProtocol });
});

afterAll(() => {
  closeDatabase();
  fs.rmSync(dir, { recursive: true, force: true });
});

function groupByName(name: string) {
  const group = db.select().from(groups).where(eq(groups.name, name)).get();
  if (!group) throw new Error(`no group named ${name}`);
  return group;
}

function membershipOf(email: string, groupName: string) {
  return db
    .select({ role: memberships.role, functionName: functions.name })
    .from(memberships)
    .innerJoin(people, eq(people.id, memberships.personId))
    .leftJoin(functions, eq(functions.id, memberships.functionId))
    .where(and(eq(people.email, email), eq(memberships.groupId, groupByName(groupName).id)))
    .get();
}

describe("demo seeder", () => {
  it("turns an empty database into a non-empty one", () => {
    expect(emptyBeforeSeeding).toBe(true);
    expect(isDatabaseEmpty(db)).toBe(false);
  });

  it("refuses to seed a database that already has data", async () => {
    await expect(seedDemoData(db, { password: PASSWORD, now: NOW, archiveProtocol: storeProtocol })).rejects.toThrow();
  });

  it("creates the five advertised logins, whose password verifies", async () => {
    expect(demoLogins.map((l) => l.email)).toEqual([
      "admin@example.se",
      "sdd.skarholmen@example.se",
      "lpo.skarholmen@example.se",
      "kommunpolis.ostermalm@example.se",
      "samordnare.stad@example.se",
    ]);
    for (const login of demoLogins) {
      const person = db.select().from(people).where(eq(people.email, login.email)).get();
      expect(person, login.email).toBeDefined();
      expect(person!.active).toBe(true);
      expect(await verifyPassword(person!.passwordHash!, PASSWORD)).toBe(true);
      expect(await verifyPassword(person!.passwordHash!, "fel lösenord")).toBe(false);
    }
    const admin = db.select().from(people).where(eq(people.email, "admin@example.se")).get();
    expect(admin!.isAdmin).toBe(true);
  });

  it("records the three diarienummer of Östermalm's parties", () => {
    const rows = db
      .select({ shortName: agreementParties.shortName, diarienummer: agreementParties.diarienummer })
      .from(agreementParties)
      .innerJoin(agreements, eq(agreements.id, agreementParties.agreementId))
      .where(eq(agreements.slug, "ostermalm"))
      .orderBy(asc(agreementParties.position))
      .all();
    expect(rows).toEqual([
      { shortName: "Kommunen", diarienummer: "ÖST 2021/66" },
      { shortName: "Grundskoleavdelningen", diarienummer: "1.7.1-556/2021" },
      { shortName: "Polisen", diarienummer: "A049.962/2021" },
    ]);
  });

  it("starts Skärholmen's agreement on 2024-12-05 until further notice, under the city-wide one", () => {
    const skarholmen = db.select().from(agreements).where(eq(agreements.slug, "skarholmen")).get();
    const cityWide = db.select().from(agreements).where(eq(agreements.slug, "stadsovergripande")).get();
    expect(skarholmen).toMatchObject({ startsOn: "2024-12-05", endsOn: null, copies: 4, parentId: cityWide!.id });
  });

  it("marks the 2020 and 2021 local agreements, made before the city-wide agreement of 2024, as due for revision under it", () => {
    const admin = db.select().from(people).where(eq(people.email, "admin@example.se")).get()!;
    const viewer = { id: admin.id, name: admin.name, email: admin.email, isAdmin: true };
    const page = (slug: string) => getAgreementPage(db, viewer, slug)!;
    for (const slug of ["ostermalm", "hasselby-vallingby"]) {
      expect(page(slug).parent, slug).toMatchObject({ slug: "stadsovergripande", startsOn: "2024-01-01" });
      expect(page(slug).revisionDueUnderParent, slug).toBe(true);
    }
    // Skärholmen's agreement (2024-12-05) was made under it.
    expect(page("skarholmen").revisionDueUnderParent).toBe(false);
    expect(page("stadsovergripande").revisionDueUnderParent).toBe(false);
  });

  it("marks the database as demo data; an empty one is not", () => {
    expect(demoBeforeSeeding).toBe(false);
    expect(isDemoData(db)).toBe(true);
  });

  it("lists the six city-wide priority areas in the agreement's order", () => {
    const names = db
      .select({ name: priorityAreas.name })
      .from(priorityAreas)
      .innerJoin(agreements, eq(agreements.id, priorityAreas.agreementId))
      .where(eq(agreements.slug, "stadsovergripande"))
      .orderBy(asc(priorityAreas.position))
      .all()
      .map((r) => r.name);
    expect(names).toEqual([
      "Unga i risk för kriminalitet",
      "Avhopparverksamhet för kriminella",
      "Arbetet mot våldsbejakande extremism",
      "Särskilt utsatta och sårbara brottsoffer",
      "Otillåten påverkan",
      "Riktat arbete mot avgränsade platser och utsatta områden",
    ]);
  });

  it("gives each demo login its stated role and function in its group: the police leaders are co-chairs", () => {
    expect(membershipOf("sdd.skarholmen@example.se", "Lokal styrgrupp Skärholmen")).toEqual({
      role: "ordforande",
      functionName: "Stadsdelsdirektör",
    });
    expect(membershipOf("lpo.skarholmen@example.se", "Lokal styrgrupp Skärholmen")).toEqual({
      role: "ordforande",
      functionName: "Lokalpolisområdeschef",
    });
    expect(membershipOf("kommunpolis.ostermalm@example.se", "Lokal beredningsgrupp Östermalm")).toEqual({
      role: "ordforande",
      functionName: "Kommunpolis",
    });
    // The samordnare sits in the stadsövergripande beredningsgrupp only: the city-wide overview is theirs, no local group is.
    expect(membershipOf("samordnare.stad@example.se", "Stadsövergripande beredningsgrupp")).toEqual({
      role: "ledamot",
      functionName: "Medarbetare stadsledningskontoret",
    });
    const samordnare = db.select().from(people).where(eq(people.email, "samordnare.stad@example.se")).get()!;
    expect(db.select().from(memberships).where(eq(memberships.personId, samordnare.id)).all()).toHaveLength(1);
  });

  it("leads every local styrgrupp and beredningsgrupp jointly as the city-wide agreement says, with at most one ordförande per party in any group", () => {
    const chairsOf = (groupId: number) =>
      db
        .select({ personId: memberships.personId, functionName: functions.name })
        .from(memberships)
        .leftJoin(functions, eq(functions.id, memberships.functionId))
        .where(and(eq(memberships.groupId, groupId), eq(memberships.role, "ordforande")))
        .all();
    const local = db.select().from(groups).where(eq(groups.level, "local")).all();
    for (const group of local.filter((g) => g.kind === "styrgrupp")) {
      expect(
        chairsOf(group.id)
          .map((c) => c.functionName)
          .sort(),
        group.name,
      ).toEqual(["Lokalpolisområdeschef", "Stadsdelsdirektör"]);
    }
    for (const group of local.filter((g) => g.kind === "beredningsgrupp")) {
      expect(
        chairsOf(group.id).map((c) => c.functionName),
        group.name,
      ).toContain("Kommunpolis");
      expect(chairsOf(group.id), group.name).toHaveLength(2);
    }
    for (const group of db.select().from(groups).all()) {
      const parties = chairsOf(group.id).map((c) => partyOfPerson(db, c.personId)?.name);
      expect(
        parties.every((p) => p !== undefined),
        group.name,
      ).toBe(true);
      expect(new Set(parties).size, group.name).toBe(parties.length);
    }
  });

  it("keeps the Östermalm kommunpolis out of every Skärholmen group", () => {
    const skarholmenGroupIds = db
      .select({ id: groups.id })
      .from(groups)
      .innerJoin(agreements, eq(agreements.id, groups.agreementId))
      .where(eq(agreements.slug, "skarholmen"))
      .all()
      .map((g) => g.id);
    expect(skarholmenGroupIds.length).toBeGreaterThan(0);
    const rows = db
      .select({ id: memberships.id })
      .from(memberships)
      .innerJoin(people, eq(people.id, memberships.personId))
      .where(and(eq(people.email, "kommunpolis.ostermalm@example.se"), inArray(memberships.groupId, skarholmenGroupIds)))
      .all();
    expect(rows).toEqual([]);
  });

  it("leaves a required function unfilled in the Skärholmen styrgrupp so it shows as missing", () => {
    const group = groupByName("Lokal styrgrupp Skärholmen");
    const held = new Set(
      db
        .select({ functionId: memberships.functionId })
        .from(memberships)
        .where(eq(memberships.groupId, group.id))
        .all()
        .map((m) => m.functionId),
    );
    const chef = db.select().from(functions).where(eq(functions.name, "Chef med mandat från fackförvaltning eller bolag")).get();
    expect(held.has(chef!.id)).toBe(false);
  });

  it("has at least one group behind its yearly minimum and one on track this calendar year", () => {
    const year = String(NOW.getUTCFullYear());
    const withMinimum = db
      .select()
      .from(groups)
      .all()
      .filter((g) => g.minMeetingsPerYear !== null);
    const heldThisYear = (groupId: number) =>
      db
        .select()
        .from(meetings)
        .where(eq(meetings.groupId, groupId))
        .all()
        .filter((m) => m.status !== "planerat" && m.startsAt.startsWith(year)).length;
    const behind = withMinimum.filter((g) => heldThisYear(g.id) < g.minMeetingsPerYear!).map((g) => g.name);
    const onTrack = withMinimum.filter((g) => heldThisYear(g.id) >= g.minMeetingsPerYear!).map((g) => g.name);
    expect(behind).toContain("Lokal styrgrupp Östermalm");
    expect(onTrack).toContain("Lokal styrgrupp Skärholmen");
  });

  it("gives every local styrgrupp an upcoming planned meeting after now", () => {
    const styrgrupper = db
      .select()
      .from(groups)
      .where(and(eq(groups.kind, "styrgrupp"), eq(groups.level, "local")))
      .all();
    expect(styrgrupper).toHaveLength(3);
    for (const group of styrgrupper) {
      const upcoming = db
        .select()
        .from(meetings)
        .where(and(eq(meetings.groupId, group.id), gt(meetings.startsAt, NOW.toISOString())))
        .all();
      expect(upcoming.length, group.name).toBeGreaterThan(0);
      expect(
        upcoming.every((m) => m.status === "planerat"),
        group.name,
      ).toBe(true);
    }
  });

  it("books meetings at 09:00 or 13:00 Stockholm time, held ones before now and planned ones after", () => {
    const hourFormat = new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Stockholm", hour: "2-digit", minute: "2-digit" });
    for (const m of db.select().from(meetings).all()) {
      expect(["09:00", "13:00"]).toContain(hourFormat.format(new Date(m.startsAt)));
      const isFuture = new Date(m.startsAt) > NOW;
      expect(m.status === "planerat").toBe(isFuture);
    }
  });

  it("gives demo people only fictional work phones (070-000 00 xx), and leaves some without", () => {
    const phones = db
      .select({ phone: people.phone })
      .from(people)
      .all()
      .map((p) => p.phone);
    expect(phones.filter((p) => p !== null).length).toBeGreaterThan(5);
    expect(phones).toContain(null);
    for (const phone of phones) if (phone !== null) expect(phone).toMatch(/^070-000 00 \d\d$/);
  });
});
