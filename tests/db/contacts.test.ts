/**
 * Issue 16, kontaktuppgifter: who to contact per group, party and function, read from the memberships as
 * they are; each person's own work phone (set by them or an administrator, validated, audited); the
 * cards the vCard export is made of. Only members of the agreement's groups and administrators read them.
 */
import { and, desc, eq } from "drizzle-orm";
import { closeDatabase, type Db } from "../../db/client";
import { getContactCards, getContacts, ownPhone, setOwnPhone, setPersonPhone } from "../../db/queries/contacts";
import { ConflictError, ForbiddenError } from "../../db/queries/errors";
import { auditLog, people } from "../../db/schema";
import { openSeededDatabase, viewerByEmail } from "../support/seeded-db";

let db: Db;
beforeAll(async () => {
  db = await openSeededDatabase();
});
afterAll(() => closeDatabase());

describe("the kontaktuppgifter of an agreement", () => {
  it("lists every group's members by party, the chair first, with phone and e-mail", () => {
    const page = getContacts(db, viewerByEmail(db, "lpo.skarholmen@example.se"), "skarholmen")!;
    expect(page.groups.map((g) => g.kind)).toEqual(["styrgrupp", "beredningsgrupp", "arbetsgrupp"]);
    const steering = page.groups[0];
    expect(steering.parties.map((p) => p.party)).toEqual(["Polisregion Stockholm", "Stockholms stad"]);
    const city = steering.parties[1].contacts;
    expect(city[0]).toMatchObject({
      name: "Sara Lindqvist",
      title: "Stadsdelsdirektör",
      email: "sdd.skarholmen@example.se",
      phone: "070-000 00 01",
      organisation: "Skärholmens stadsdelsförvaltning",
      role: "ordforande",
      functionName: "Stadsdelsdirektör",
    });
    expect(steering.parties[0].contacts.map((c) => c.name)).toEqual(["Johan Bergström", "Karl Ljung", "Ahmed Yusuf"]);
  });

  it("shows nothing of Skärholmen to an Östermalm member; administrators read it", () => {
    expect(getContacts(db, viewerByEmail(db, "kommunpolis.ostermalm@example.se"), "skarholmen")).toBeNull();
    expect(getContactCards(db, viewerByEmail(db, "kommunpolis.ostermalm@example.se"), "skarholmen")).toBeNull();
    expect(getContacts(db, viewerByEmail(db, "admin@example.se"), "skarholmen")).not.toBeNull();
    expect(getContacts(db, viewerByEmail(db, "sdd.skarholmen@example.se"), "finns-inte")).toBeNull();
  });

  it("leaves out people whose account is deactivated", () => {
    db.update(people).set({ active: false }).where(eq(people.email, "karl.ljung@example.se")).run();
    try {
      const names = getContacts(db, viewerByEmail(db, "sdd.skarholmen@example.se"), "skarholmen")!.groups.flatMap((g) =>
        g.parties.flatMap((p) => p.contacts.map((c) => c.name)),
      );
      expect(names).not.toContain("Karl Ljung");
    } finally {
      db.update(people).set({ active: true }).where(eq(people.email, "karl.ljung@example.se")).run();
    }
  });

  it("makes one card per person, with party and organisation and every role under the agreement", () => {
    const { slug, cards } = getContactCards(db, viewerByEmail(db, "sdd.skarholmen@example.se"), "skarholmen")!;
    expect(slug).toBe("skarholmen");
    const linnea = cards.filter((c) => c.email === "linnea.holmberg@example.se");
    expect(linnea).toHaveLength(1);
    expect(linnea[0].organisation).toEqual(["Stockholms stad", "Skärholmens stadsdelsförvaltning"]);
    expect(linnea[0].note).toContain("Sekreterare, Lokal styrgrupp Skärholmen");
    expect(linnea[0].note).toContain("Ordförande, Lokal beredningsgrupp Skärholmen");
  });
});

describe("a person's work phone", () => {
  const lastAudit = () => db.select().from(auditLog).orderBy(desc(auditLog.id)).limit(1).get()!;

  it("is set by the person, kept as written (spaces tidied), audited, and cleared when blank", () => {
    const daniel = viewerByEmail(db, "daniel.lund@example.se");
    expect(setOwnPhone(db, daniel, "  +46 (8)  508 000 00 ")).toBe("+46 (8) 508 000 00");
    expect(ownPhone(db, daniel)).toBe("+46 (8) 508 000 00");
    expect(lastAudit()).toMatchObject({ action: "person.phone_changed", subject: `person:${daniel.id}`, actorId: daniel.id });
    const entries = () =>
      db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, "person.phone_changed"), eq(auditLog.subject, `person:${daniel.id}`)))
        .all().length;
    const before = entries();
    setOwnPhone(db, daniel, "+46 (8) 508 000 00");
    expect(entries()).toBe(before);
    expect(setOwnPhone(db, daniel, " ")).toBeNull();
    expect(ownPhone(db, daniel)).toBeNull();
  });

  it("refuses letters and over-long numbers at the phone field", () => {
    const daniel = viewerByEmail(db, "daniel.lund@example.se");
    for (const bad of ["070-ABC", "1".repeat(31), "+-()", "070 000 00 01; drop"]) {
      expect(() => setOwnPhone(db, daniel, bad), bad).toThrow(ConflictError);
    }
    try {
      setOwnPhone(db, daniel, "070-ABC");
    } catch (error) {
      expect((error as ConflictError).field).toBe("phone");
    }
  });

  it("is set by an administrator on the person's page, and by nobody else for another", () => {
    const target = viewerByEmail(db, "patrik.sjodin@example.se");
    expect(() => setPersonPhone(db, viewerByEmail(db, "sdd.skarholmen@example.se"), target.id, "070-000 00 99")).toThrow(ForbiddenError);
    const admin = viewerByEmail(db, "admin@example.se");
    expect(setPersonPhone(db, admin, target.id, "070-000 00 99")).toBe("070-000 00 99");
    expect(lastAudit()).toMatchObject({ action: "person.phone_changed", subject: `person:${target.id}`, actorId: admin.id });
  });
});
