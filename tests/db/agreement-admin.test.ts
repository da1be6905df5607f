import { eq } from "drizzle-orm";
import { closeDatabase, type Db } from "../../db/client";
import {
  addAgreementRow,
  createAgreement,
  getAgreementForAdmin,
  listAgreementsForAdmin,
  removeAgreementRow,
  reviseAgreement,
  updateAgreement,
  updateAgreementRow,
  type AgreementInput,
} from "../../db/queries/agreement-admin";
import { getAgreementVersionPage } from "../../db/queries/agreement-versions";
import { getAgreementPage } from "../../db/queries/agreements";
import { ConflictError, ForbiddenError } from "../../db/queries/errors";
import type { Viewer } from "../../db/queries/sessions";
import { agreements, agreementVersions, auditLog, organisations } from "../../db/schema";
import { revisionDue, slugFrom } from "../../db/domain/agreement-rules";
import { fixedNow, openSeededDatabase, viewerByEmail } from "../support/seeded-db";

/**
 * Issue 14: administrators enter and keep agreements. The refusals (a lokal agreement without a city-wide
 * parent, an end before the start, a slug in use, anyone but an administrator), the lists' own rules, and a
 * revision that keeps the earlier version readable and unchanged.
 */
let db: Db;
let admin: Viewer;
let member: Viewer;
let cityWideId: number;
let orgIds: number[];

const base = (over: Partial<AgreementInput> = {}): AgreementInput => ({
  title: "Lokal samverkansöverenskommelse Vårby",
  scope: "local",
  parentId: cityWideId,
  area: "Vårby Gård",
  slug: null,
  startsOn: "2025-02-01",
  endsOn: null,
  revisionRule: "yearly",
  revisionText: "Överenskommelsen revideras en gång per år.",
  lastRevisedOn: null,
  copies: 2,
  ...over,
});

function conflictField(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConflictError) return error.field;
    throw error;
  }
  throw new Error("not refused");
}

beforeAll(async () => {
  db = await openSeededDatabase();
  admin = viewerByEmail(db, "admin@example.se");
  member = viewerByEmail(db, "sdd.skarholmen@example.se");
  cityWideId = db.select().from(agreements).where(eq(agreements.slug, "stadsovergripande")).get()!.id;
  orgIds = db
    .select({ id: organisations.id })
    .from(organisations)
    .all()
    .map((o) => o.id);
});
afterAll(() => closeDatabase());

describe("entering an agreement", () => {
  it("derives a URL-safe slug from the district and refuses a lokal agreement without a city-wide parent, an end before the start, a slug in use", () => {
    expect(slugFrom("Hässelby-Vällingby")).toBe("hasselby-vallingby");
    expect(slugFrom("  Vårby Gård! ")).toBe("varby-gard");
    expect(conflictField(() => createAgreement(db, admin, base({ parentId: null })))).toBe("parentId");
    const localId = db.select().from(agreements).where(eq(agreements.slug, "skarholmen")).get()!.id;
    expect(conflictField(() => createAgreement(db, admin, base({ parentId: localId })))).toBe("parentId");
    expect(conflictField(() => createAgreement(db, admin, base({ area: null })))).toBe("area");
    expect(conflictField(() => createAgreement(db, admin, base({ endsOn: "2025-01-31" })))).toBe("endsOn");
    expect(conflictField(() => createAgreement(db, admin, base({ endsOn: "2025-02-01" })))).toBe("endsOn");
    expect(conflictField(() => createAgreement(db, admin, base({ slug: "skarholmen" })))).toBe("slug");
    expect(conflictField(() => createAgreement(db, admin, base({ slug: "Vårby" })))).toBe("slug");

    const id = createAgreement(db, admin, base(), fixedNow);
    const row = db.select().from(agreements).where(eq(agreements.id, id)).get()!;
    expect(row).toMatchObject({ slug: "varby-gard", scope: "local", parentId: cityWideId, version: 1 });
    // The same district once more: its derived slug is taken.
    expect(conflictField(() => createAgreement(db, admin, base()))).toBe("slug");
    // Renaming keeps its own slug without refusing itself.
    updateAgreement(db, admin, id, base({ title: "Lokal samverkansöverenskommelse Vårby gård", slug: "varby-gard" }), fixedNow);
    expect(
      db
        .select()
        .from(auditLog)
        .all()
        .filter((e) => e.subject === `agreement:${id}`)
        .map((e) => e.action),
    ).toEqual(["agreement.created", "agreement.changed"]);
  });

  it("refuses every verb to anyone but an administrator", () => {
    expect(() => createAgreement(db, member, base({ slug: "x" }))).toThrow(ForbiddenError);
    expect(() => updateAgreement(db, member, cityWideId, base())).toThrow(ForbiddenError);
    expect(() => addAgreementRow(db, member, cityWideId, { list: "priority_area", name: "X", position: null })).toThrow(ForbiddenError);
    expect(() => removeAgreementRow(db, member, cityWideId, "party", 1)).toThrow(ForbiddenError);
    expect(() => reviseAgreement(db, member, cityWideId, { reason: "x", revisedOn: "2026-01-01" })).toThrow(ForbiddenError);
    expect(() => listAgreementsForAdmin(db, member)).toThrow(ForbiddenError);
  });

  it("keeps the lists' rules: one row per party, at least two parties for a lokal agreement, priority areas only city-wide", () => {
    const id = createAgreement(db, admin, base({ title: "Lokal överenskommelse Test", area: "Testområde" }), fixedNow);
    const party = (organisationId: number, shortName: string) => ({
      list: "party" as const,
      organisationId,
      shortName,
      diarienummer: null,
      note: null,
      position: null,
    });
    const first = addAgreementRow(db, admin, id, party(orgIds[0], "Kommunen"));
    expect(conflictField(() => addAgreementRow(db, admin, id, party(orgIds[0], "Igen")))).toBe("organisationId");
    const second = addAgreementRow(db, admin, id, party(orgIds[1], "Polisen"));
    expect(conflictField(() => removeAgreementRow(db, admin, id, "party", first))).toBe("form");
    updateAgreementRow(db, admin, id, second, { ...party(orgIds[2], "Polisen"), diarienummer: "PM 2025-1" });
    expect(conflictField(() => addAgreementRow(db, admin, id, { list: "priority_area", name: "Unga", position: null }))).toBe("name");
    const page = getAgreementForAdmin(db, admin, id)!;
    expect(page.parties.map((p) => [p.shortName, p.position, p.diarienummer])).toEqual([
      ["Kommunen", 1, null],
      ["Polisen", 2, "PM 2025-1"],
    ]);
    // Lokala inherit the city-wide agreement's six areas.
    expect(page.inheritedPriorityAreas).toHaveLength(6);
    expect(
      conflictField(() =>
        addAgreementRow(db, admin, id, { list: "amendment", title: "Tillägg", datedOn: "2025-05-01", signedOn: null, signedBy: null, agreementVersion: 2 }),
      ),
    ).toBe("agreementVersion");
  });

  it("a yearly agreement is due for revision once its last revision, or its start, is more than a year back", () => {
    expect(revisionDue({ revisionRule: "yearly", startsOn: "2025-02-01", lastRevisedOn: null }, "2026-02-01")).toBe(false);
    expect(revisionDue({ revisionRule: "yearly", startsOn: "2025-02-01", lastRevisedOn: null }, "2026-02-02")).toBe(true);
    expect(revisionDue({ revisionRule: "yearly", startsOn: "2020-02-01", lastRevisedOn: "2026-01-01" }, "2026-11-23")).toBe(false);
    expect(revisionDue({ revisionRule: "when_needed", startsOn: "2020-02-01", lastRevisedOn: null }, "2026-11-23")).toBe(false);
    const listed = listAgreementsForAdmin(db, admin, fixedNow).find((a) => a.slug === "varby-gard")!;
    expect(listed.revisionDue).toBe(true);
  });
});

describe("revising an agreement", () => {
  it("freezes what it said as the earlier version, readable and unchanged after later edits; the agreement counts on", () => {
    const id = db.select().from(agreements).where(eq(agreements.slug, "varby-gard")).get()!.id;
    const party = (organisationId: number, shortName: string) => ({
      list: "party" as const,
      organisationId,
      shortName,
      diarienummer: null,
      note: null,
      position: null,
    });
    expect(conflictField(() => reviseAgreement(db, admin, id, { reason: "Ny lägesbild", revisedOn: "2026-03-01" }))).toBe("reason");
    addAgreementRow(db, admin, id, party(orgIds[0], "Kommunen"));
    addAgreementRow(db, admin, id, party(orgIds[1], "Polisen"));
    addAgreementRow(db, admin, id, {
      list: "signatory",
      name: "Anna Berg",
      title: "Stadsdelsdirektör",
      organisationId: orgIds[0],
      signedOn: "2025-02-01",
      position: null,
    });
    addAgreementRow(db, admin, id, { list: "attachment", label: "1", title: "Gemensam lokal lägesbild", kind: "lagesbild", datedOn: null, position: null });
    expect(conflictField(() => reviseAgreement(db, admin, id, { reason: "  ", revisedOn: "2026-03-01" }))).toBe("reason");
    expect(conflictField(() => reviseAgreement(db, admin, id, { reason: "För tidigt", revisedOn: "2025-01-01" }))).toBe("revisedOn");

    expect(reviseAgreement(db, admin, id, { reason: "Ny lägesbild och åtgärdsplan", revisedOn: "2026-03-01" }, fixedNow)).toBe(2);
    const stored = db.select().from(agreementVersions).where(eq(agreementVersions.agreementId, id)).get()!;
    expect(stored).toMatchObject({ version: 1, reason: "Ny lägesbild och åtgärdsplan" });

    // Later edits change the agreement, not version 1.
    const signatory = getAgreementForAdmin(db, admin, id)!.signatories[0];
    updateAgreementRow(db, admin, id, signatory.id, {
      list: "signatory",
      name: "Bo Ek",
      title: "Stadsdelsdirektör",
      organisationId: null,
      signedOn: null,
      position: null,
    });
    updateAgreement(db, admin, id, base({ title: "Ny titel", slug: "varby-gard", lastRevisedOn: "2026-03-01" }));
    const version1 = getAgreementVersionPage(db, admin, "varby-gard", 1)!;
    expect(version1.snapshot.agreement).toMatchObject({ title: "Lokal samverkansöverenskommelse Vårby gård", version: 1, lastRevisedOn: null });
    expect(version1.snapshot.parties.map((p) => p.shortName)).toEqual(["Kommunen", "Polisen"]);
    expect(version1.snapshot.signatories).toEqual([
      { name: "Anna Berg", title: "Stadsdelsdirektör", organisation: expect.any(String), signedOn: "2025-02-01" },
    ]);
    expect(version1.snapshot.attachments).toEqual([{ label: "1", title: "Gemensam lokal lägesbild", kind: "lagesbild", datedOn: null }]);
    expect(db.select().from(agreementVersions).where(eq(agreementVersions.agreementId, id)).get()).toEqual(stored);
    expect(getAgreementVersionPage(db, admin, "varby-gard", 2)).toBeNull();

    const now = db.select().from(agreements).where(eq(agreements.id, id)).get()!;
    expect(now).toMatchObject({ version: 2, lastRevisedOn: "2026-03-01" });
    // An amendment may name the version the revision made.
    addAgreementRow(
      db,
      admin,
      id,
      { list: "amendment", title: "Tillägg om kameror", datedOn: "2026-03-01", signedOn: "2026-03-05", signedBy: "Anna Berg", agreementVersion: 2 },
      fixedNow,
    );
    const page = getAgreementPage(db, admin, "varby-gard", fixedNow)!;
    expect(page.versions.map((v) => v.version)).toEqual([1]);
    expect(page.amendments.map((a) => [a.title, a.agreementVersion])).toEqual([["Tillägg om kameror", 2]]);
    // Whoever cannot see the agreement cannot read its versions either.
    expect(getAgreementVersionPage(db, member, "varby-gard", 1)).toBeNull();
  });
});
