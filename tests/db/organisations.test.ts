import { and, eq } from "drizzle-orm";
import { closeDatabase, type Db } from "../../db/client";
import { ConflictError, ForbiddenError } from "../../db/queries/errors";
import {
  createOrganisation,
  getOrganisationForAdmin,
  listOrganisationsForAdmin,
  updateOrganisation,
  type OrganisationInput,
} from "../../db/queries/organisations";
import { auditLog, organisations } from "../../db/schema";
import { openSeededDatabase, viewerByEmail } from "../support/seeded-db";

let db: Db;
beforeAll(async () => {
  db = await openSeededDatabase();
});
afterAll(() => closeDatabase());

const admin = () => viewerByEmail(db, "admin@example.se");
const idOf = (name: string) => db.select().from(organisations).where(eq(organisations.name, name)).get()!.id;

function conflict(fn: () => unknown): ConflictError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConflictError) return error;
    throw error;
  }
  throw new Error("expected a ConflictError");
}

const base: OrganisationInput = {
  name: "Lokalpolisområde Söderort",
  kind: "lokalpolisomrade",
  orgNr: "2021000076",
  postalAddress: " 106 75 Stockholm ",
  parentId: null,
};

describe("organisations", () => {
  it("creates one with its org.nr stored with the hyphen, audited, and lists it with its parent and people", () => {
    const parentId = idOf("Polisområde Stockholm syd");
    const id = createOrganisation(db, admin(), { ...base, parentId });
    expect(db.select().from(organisations).where(eq(organisations.id, id)).get()).toMatchObject({
      name: "Lokalpolisområde Söderort",
      orgNr: "202100-0076",
      postalAddress: "106 75 Stockholm",
      parentId,
    });
    const entry = db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "organisation.created"), eq(auditLog.subject, `organisation:${id}`)))
      .get();
    expect(JSON.parse(entry!.payload)).toMatchObject({ name: "Lokalpolisområde Söderort", orgNr: "202100-0076" });

    const listed = listOrganisationsForAdmin(db, admin());
    expect(listed.find((o) => o.id === id)).toMatchObject({ parentName: "Polisområde Stockholm syd", peopleCount: 0 });
    expect(listed.find((o) => o.name === "Skärholmens stadsdelsförvaltning")!.peopleCount).toBeGreaterThan(0);
    const skarholmen = getOrganisationForAdmin(db, admin(), idOf("Skärholmens stadsdelsförvaltning"))!;
    expect(skarholmen.people.map((p) => p.email)).toContain("sdd.skarholmen@example.se");
  });

  it("refuses a name in use, a wrong org.nr and an unknown parent, naming the field", () => {
    expect(conflict(() => createOrganisation(db, admin(), { ...base, name: "Stockholms stad" })).field).toBe("name");
    expect(conflict(() => createOrganisation(db, admin(), { ...base, name: "Ny", orgNr: "212000-0143" }))).toMatchObject({
      field: "orgNr",
      message: expect.stringContaining("kontrollsiffran"),
    });
    expect(conflict(() => createOrganisation(db, admin(), { ...base, name: "Ny", orgNr: "21200" })).field).toBe("orgNr");
    expect(conflict(() => createOrganisation(db, admin(), { ...base, name: "Ny", parentId: 99999 })).field).toBe("parentId");
    expect(db.select().from(organisations).where(eq(organisations.name, "Ny")).get()).toBeUndefined();
  });

  it("refuses a parent that would close a loop, and keeps its own name on an unchanged save", () => {
    const region = idOf("Polisregion Stockholm");
    const area = idOf("Polisområde Stockholm syd");
    const local = idOf("Lokalpolisområde Skärholmen");
    const regionRow = db.select().from(organisations).where(eq(organisations.id, region)).get()!;
    const asInput = { name: regionRow.name, kind: regionRow.kind, orgNr: regionRow.orgNr, postalAddress: regionRow.postalAddress };
    expect(conflict(() => updateOrganisation(db, admin(), region, { ...asInput, parentId: local })).field).toBe("parentId");
    expect(conflict(() => updateOrganisation(db, admin(), region, { ...asInput, parentId: region })).field).toBe("parentId");
    expect(db.select().from(organisations).where(eq(organisations.id, region)).get()!.parentId).toBeNull();

    expect(
      updateOrganisation(db, admin(), area, { name: "Polisområde Stockholm syd", kind: "polisomrade", orgNr: null, postalAddress: null, parentId: region }),
    ).toBe(true);
    expect(db.select().from(organisations).where(eq(organisations.id, area)).get()!.orgNr).toBeNull();
    expect(updateOrganisation(db, admin(), 99999, { ...asInput, parentId: null })).toBe(false);
  });

  it("is for administrators only", () => {
    const member = viewerByEmail(db, "sdd.skarholmen@example.se");
    expect(() => createOrganisation(db, member, { ...base, name: "Annan" })).toThrow(ForbiddenError);
    expect(() => listOrganisationsForAdmin(db, member)).toThrow(ForbiddenError);
  });
});
