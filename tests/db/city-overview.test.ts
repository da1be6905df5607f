/**
 * Issue 16, the city-wide overview's figures on the demo data (seeded at 2026-11-23) with a few rows added:
 * meetings held against the minimum (an inställt and a planned meeting do not count), overdue uppdrag,
 * åtgärder per status and RAG from the latest report, coverage of the priority areas from the decided or
 * the current lägesbild; who may see it; and that it follows a lägesbild decided and handed over.
 */
import { and, eq } from "drizzle-orm";
import { closeDatabase, type Db } from "../../db/client";
import { daysBetween, priorityCoverage, referenceDay, rowFigures } from "../../db/domain/city-overview";
import { emptyPlanRow } from "../../db/domain/action-plan-rows";
import { mirrorPlanRows, reportActionRow } from "../../db/queries/action-plan-rows";
import { ensureActionPlan } from "../../db/queries/action-plans";
import { getCityOverview, mayViewCityOverview, type DistrictOverview } from "../../db/queries/city-overview";
import { adoptDecision } from "../../db/queries/decisions";
import { ensureSituationPicture } from "../../db/queries/lagesbild";
import { advanceMeetingStatus } from "../../db/queries/meeting-lifecycle";
import type { Viewer } from "../../db/queries/sessions";
import { handOver, putUpForDecision } from "../../db/queries/steering-documents";
import { actionItems, actionPlanRows, agreements, groups, meetings } from "../../db/schema";
import { addMemberOnly, fixedNow, openSeededDatabase, viewerByEmail } from "../support/seeded-db";

let db: Db;
let samordnare: Viewer;
const groupId = (name: string) => db.select().from(groups).where(eq(groups.name, name)).get()!.id;
const agreementId = (slug: string) => db.select().from(agreements).where(eq(agreements.slug, slug)).get()!.id;
const overview = (year?: number, now = fixedNow) => getCityOverview(db, samordnare, year, now)!;
const district = (area: string, year?: number, now = fixedNow): DistrictOverview => overview(year, now).districts.find((d) => d.area === area)!;
const held = (d: DistrictOverview, kind: string) => d.groups.find((g) => g.kind === kind)!;

beforeAll(async () => {
  db = await openSeededDatabase();
  samordnare = viewerByEmail(db, "samordnare.stad@example.se");
});
afterAll(() => closeDatabase());

describe("the figures as pure functions", () => {
  it("reads a past year as of its last day, this year as of today, and counts days between dates", () => {
    expect(referenceDay(2025, fixedNow)).toBe("2025-12-31");
    expect(referenceDay(2026, fixedNow)).toBe("2026-11-23");
    expect(daysBetween("2026-11-01", "2026-11-23")).toBe(22);
  });

  it("takes each åtgärd's latest report up to the day, and lets ej aktuellt win over text", () => {
    const reports = [
      { rowId: 1, id: 1, status: "pagar" as const, rag: "rott" as const, reportedAt: "2026-03-01T10:00:00Z" },
      { rowId: 1, id: 5, status: "genomford" as const, rag: "gront" as const, reportedAt: "2026-06-01T10:00:00Z" },
      { rowId: 2, id: 3, status: "stoppad" as const, rag: null, reportedAt: "2026-04-01T10:00:00Z" },
    ];
    expect(rowFigures([1, 2, 3], reports, "2026-12-31")).toEqual({
      byStatus: { ej_paborjad: 0, pagar: 0, genomford: 1, stoppad: 1, ingen_rapport: 1 },
      byRag: { gront: 1, gult: 0, rott: 0, ingen_rapport: 2 },
    });
    expect(rowFigures([1, 2, 3], reports, "2026-05-01").byRag).toEqual({ gront: 0, gult: 0, rott: 1, ingen_rapport: 2 });
    expect(
      priorityCoverage(
        [10, 11, 12],
        [
          { priorityAreaId: 10, notApplicableReason: null, hasText: true },
          { priorityAreaId: 11, notApplicableReason: "Inte i området", hasText: true },
        ],
      ),
    ).toEqual(["behandlat", "ej_aktuellt", "saknas"]);
  });
});

describe("the city-wide overview", () => {
  it("lists the three districts and their groups' meetings held this year against the minimum; an inställt or planned meeting is not held", () => {
    expect(overview().districts.map((d) => d.area)).toEqual(["Hässelby-Vällingby", "Skärholmen", "Östermalm"]);
    const styrgrupp = groupId("Lokal styrgrupp Östermalm");
    const extra = (status: "installt" | "planerat", startsAt: string) =>
      db.insert(meetings).values({ groupId: styrgrupp, title: "Extra", startsAt, status, createdAt: startsAt }).run();
    extra("installt", "2026-09-01T08:00:00.000Z");
    extra("planerat", "2026-10-01T08:00:00.000Z");
    const ostermalm = district("Östermalm");
    expect(held(ostermalm, "styrgrupp")).toMatchObject({ held: 1, required: 2 });
    expect(held(ostermalm, "beredningsgrupp")).toMatchObject({ held: 3, required: 4 });
    expect(held(district("Skärholmen"), "styrgrupp")).toMatchObject({ held: 3, required: 2 });
    // Östermalm's styrgrupp met 340 days before the seeding: in December 2025.
    expect(held(district("Östermalm", 2025), "styrgrupp")).toMatchObject({ held: 1, required: 2 });
  });

  it("counts uppdrag not done past their due date, and nothing due today or done", () => {
    const before = district("Skärholmen").overdueUppdrag;
    const owner = viewerByEmail(db, "daniel.lund@example.se");
    const item = (dueOn: string, status: "pagar" | "klar") =>
      db
        .insert(actionItems)
        .values({
          groupId: groupId("Lokal beredningsgrupp Skärholmen"),
          title: `Uppdrag ${dueOn} ${status}`,
          ownerId: owner.id,
          createdBy: owner.id,
          dueOn,
          status,
          createdAt: "2026-10-01T08:00:00.000Z",
          updatedAt: "2026-10-01T08:00:00.000Z",
        })
        .run();
    item("2026-11-01", "pagar");
    item("2026-11-01", "klar");
    item("2026-11-23", "pagar");
    expect(district("Skärholmen").overdueUppdrag).toBe(before + 1);
    expect(district("Östermalm").overdueUppdrag).toBe(1);
  });

  it("shows the demo's åtgärdsplaner in the status and RAG figures: four rows each in Skärholmen and Hässelby-Vällingby, none in Östermalm", () => {
    expect(district("Skärholmen")).toMatchObject({
      actionRows: 4,
      rowsByStatus: { ej_paborjad: 0, pagar: 2, genomford: 0, stoppad: 1, ingen_rapport: 1 },
      rowsByRag: { gront: 1, gult: 1, rott: 1, ingen_rapport: 1 },
    });
    expect(district("Hässelby-Vällingby")).toMatchObject({
      actionRows: 4,
      rowsByStatus: { ej_paborjad: 0, pagar: 2, genomford: 1, stoppad: 0, ingen_rapport: 1 },
      rowsByRag: { gront: 2, gult: 0, rott: 1, ingen_rapport: 1 },
    });
    expect(district("Östermalm").actionRows).toBe(0);
  });

  // The rows written here replace the demo's in Skärholmen's plan (the mirror marks those removed).
  it("counts åtgärder per status and RAG mark from each one's latest report, as of the year's reference day", () => {
    const planId = ensureActionPlan(db, agreementId("skarholmen"), null).id;
    mirrorPlanRows(
      db,
      planId,
      ["a", "b", "c", "d"].map((uid, i) => ({ ...emptyPlanRow(uid, i), measure: `Åtgärd ${uid}` })),
      fixedNow,
    );
    const rowId = (uid: string) =>
      db
        .select()
        .from(actionPlanRows)
        .where(and(eq(actionPlanRows.planId, planId), eq(actionPlanRows.uid, uid)))
        .get()!.id;
    const chair = viewerByEmail(db, "sdd.skarholmen@example.se");
    const report = (uid: string, status: "pagar" | "genomford" | "stoppad", rag: "gront" | "rott" | null) =>
      reportActionRow(db, chair, rowId(uid), { status, rag, comment: "" }, fixedNow);
    report("a", "pagar", "rott");
    report("a", "genomford", "gront");
    report("b", "pagar", "rott");
    report("c", "stoppad", null);
    const skarholmen = district("Skärholmen");
    expect(skarholmen.actionRows).toBe(4);
    expect(skarholmen.rowsByStatus).toEqual({ ej_paborjad: 0, pagar: 1, genomford: 1, stoppad: 1, ingen_rapport: 1 });
    expect(skarholmen.rowsByRag).toEqual({ gront: 1, gult: 0, rott: 1, ingen_rapport: 2 });
    // The reports were made in 2026: the overview of 2025 has none yet.
    expect(district("Skärholmen", 2025).rowsByRag).toEqual({ gront: 0, gult: 0, rott: 0, ingen_rapport: 4 });
  });

  it("reads the priority areas' coverage from the decided lägesbild, else from the current one, else calls them missing", () => {
    expect(district("Skärholmen")).toMatchObject({
      prioritiesFrom: "faststalld",
      priorities: ["behandlat", "saknas", "saknas", "saknas", "ej_aktuellt", "saknas"],
    });
    expect(district("Östermalm")).toMatchObject({ prioritiesFrom: null, priorities: Array(6).fill("saknas") });
    // Östermalm's lägesbild 2026 begins as a copy of the decided 2025 one: a draft with the same coverage.
    ensureSituationPicture(db, agreementId("ostermalm"), 2026, null, fixedNow);
    expect(district("Östermalm")).toMatchObject({
      prioritiesFrom: "utkast",
      priorities: ["behandlat", "saknas", "saknas", "saknas", "ej_aktuellt", "saknas"],
      lagesbild: { status: "utkast", decidedOn: null, paragraph: null },
    });
  });

  it("shows the revision due as the agreement page does, and the age of the last decided lägesbild", () => {
    expect(district("Östermalm")).toMatchObject({ revisionDue: true, revisionDueUnderParent: true, lastDecidedLagesbild: { year: 2025 } });
    expect(district("Skärholmen")).toMatchObject({ revisionDue: false, revisionDueUnderParent: false });
    const { lastDecidedLagesbild } = district("Skärholmen");
    expect(lastDecidedLagesbild!.ageDays).toBe(daysBetween(lastDecidedLagesbild!.decidedOn, "2026-11-23"));
  });

  it("follows a lägesbild decided by the lokal styrgrupp and handed over", () => {
    const chair = viewerByEmail(db, "cecilia.wahlberg@example.se");
    const meeting = db
      .select()
      .from(meetings)
      .where(and(eq(meetings.groupId, groupId("Lokal styrgrupp Östermalm")), eq(meetings.status, "planerat"), eq(meetings.title, "Styrgruppsmöte")))
      .get()!;
    const subject = { kind: "lagesbild" as const, id: ensureSituationPicture(db, agreementId("ostermalm"), 2026, null).id };
    const at = new Date(meeting.startsAt);
    const { agendaItemId } = putUpForDecision(db, chair, subject, meeting.id, new Date(at.getTime() - 86_400_000));
    advanceMeetingStatus(db, chair, meeting.id, "pagar", at);
    const { number } = adoptDecision(db, chair, { agendaItemId, kind: "lagesbild" }, new Date(at.getTime() + 30 * 60_000));
    const dayAfter = new Date(at.getTime() + 86_400_000);
    handOver(db, chair, subject, dayAfter);

    const ostermalm = district("Östermalm", 2026, dayAfter);
    const decidedOn = ostermalm.lagesbild.decidedOn!;
    expect(ostermalm.lagesbild).toEqual({ status: "overlamnad", decidedOn, paragraph: `§ ${number}/2026` });
    expect(ostermalm.lastDecidedLagesbild).toEqual({ year: 2026, decidedOn, ageDays: 1 });
    expect(held(ostermalm, "styrgrupp").held).toBe(2);
    expect(ostermalm.handedOver).toEqual([expect.objectContaining({ subjectKind: "lagesbild", year: 2026, decidedOn, readable: true })]);
  });
});

describe("who sees the overview", () => {
  it("is the city-wide styrgrupp's and beredningsgrupp's members, in any role, and administrators", () => {
    for (const email of ["samordnare.stad@example.se", "ingrid.falk@example.se", "erik.sandberg@example.se", "helena.sjoberg@example.se", "admin@example.se"]) {
      expect(mayViewCityOverview(db, viewerByEmail(db, email)), email).toBe(true);
      expect(getCityOverview(db, viewerByEmail(db, email), undefined, fixedNow)?.districts, email).toHaveLength(3);
    }
    const lasare = addMemberOnly(db, "Stadsövergripande styrgrupp", "lasare", "lasare.stad@example.se");
    expect(mayViewCityOverview(db, lasare)).toBe(true);
  });

  it("is nobody else: a lokal styrgrupp's chair, an Östermalm member, an arbetsgrupp member", () => {
    const arbetsgrupp = addMemberOnly(db, "Arbetsgrupp avgränsade platser", "ledamot", "arbetsgrupp.oversikt@example.se");
    for (const viewer of [viewerByEmail(db, "sdd.skarholmen@example.se"), viewerByEmail(db, "kommunpolis.ostermalm@example.se"), arbetsgrupp]) {
      expect(mayViewCityOverview(db, viewer), viewer.email).toBe(false);
      expect(getCityOverview(db, viewer, undefined, fixedNow), viewer.email).toBeNull();
    }
  });

  it("shows this year instead of a year it does not offer, and says so", () => {
    expect(overview(1999)).toMatchObject({ year: 2026, yearRefused: true });
    expect(overview(Number.NaN)).toMatchObject({ year: 2026, yearRefused: true });
    expect(overview(2027)).toMatchObject({ year: 2026, yearRefused: true });
    expect(overview().years).toEqual([2026, 2025, 2024, 2023, 2022, 2021, 2020]);
  });
});
