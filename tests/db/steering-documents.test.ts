import { and, eq } from "drizzle-orm";
import { closeDatabase, type Db } from "../../db/client";
import { appendParagraphsOffline, readDocumentText } from "../../db/documents/store";
import { documentName } from "../../db/domain/document-names";
import { ensureActionPlan } from "../../db/queries/action-plans";
import { addAgendaItem, listAgendaItems, removeAgendaItem } from "../../db/queries/agenda";
import { adoptDecision } from "../../db/queries/decisions";
import { documentAccess } from "../../db/queries/document-access";
import { ConflictError, ForbiddenError } from "../../db/queries/errors";
import { ensureSituationPicture, listSections } from "../../db/queries/lagesbild";
import { advanceMeetingStatus, createMeeting } from "../../db/queries/meeting-lifecycle";
import { dealWithItem } from "../../db/queries/paragraphs";
import type { Viewer } from "../../db/queries/sessions";
import {
  decidedVersionOfItems,
  decidedVersionsOfAgreement,
  handedOverToGroup,
  handOver,
  mayReadVersion,
  putUpForDecision,
  steeringPanel,
  steeringState,
  type SteeringSubject,
} from "../../db/queries/steering-documents";
import { versionParts } from "../../db/queries/versions";
import {
  actionPlans,
  agendaItems,
  agreementAttachments,
  agreements,
  decisions,
  documentVersions,
  groups,
  memberships,
  notifications,
  people,
} from "../../db/schema";
import { chairsAndSecretariesOf } from "../../db/queries/access";
import { openSeededDatabase, viewerByEmail } from "../support/seeded-db";

/**
 * The lifecycle of Skärholmen's lägesbild 2027 (the demo decided 2026's) and åtgärdsplan in the demo data: put up for decision on a
 * Lokal styrgrupp Skärholmen meeting, decided by its §, sent back, bordlagt and carried, handed over to
 * the Stadsövergripande beredningsgrupp; and the refusals around each step.
 */
let db: Db;
let chair: Viewer;
let secretary: Viewer;
let ledamot: Viewer;
let cityWide: Viewer;
let agreementId: number;
let steeringGroupId: number;
let beredningGroupId: number;
let lagesbild: SteeringSubject;
let plan: SteeringSubject;

const groupId = (name: string) => db.select().from(groups).where(eq(groups.name, name)).get()!.id;
const meetingOf = (viewer: Viewer, group: number, startsAt: string) =>
  createMeeting(db, viewer, { groupId: group, title: "Möte", startsAt, endsAt: null, location: null, videoLink: null }, new Date(startsAt));
const start = (viewer: Viewer, meetingId: number, at: string) => advanceMeetingStatus(db, viewer, meetingId, "pagar", new Date(at));

beforeAll(async () => {
  db = await openSeededDatabase();
  chair = viewerByEmail(db, "sdd.skarholmen@example.se");
  secretary = viewerByEmail(db, "linnea.holmberg@example.se");
  ledamot = viewerByEmail(db, "karl.ljung@example.se");
  cityWide = viewerByEmail(db, "ingrid.falk@example.se");
  agreementId = db.select().from(agreements).where(eq(agreements.slug, "skarholmen")).get()!.id;
  steeringGroupId = groupId("Lokal styrgrupp Skärholmen");
  beredningGroupId = groupId("Lokal beredningsgrupp Skärholmen");
  lagesbild = { kind: "lagesbild", id: ensureSituationPicture(db, agreementId, 2027, null).id };
  plan = { kind: "atgardsplan", id: ensureActionPlan(db, agreementId, null).id };
});
afterAll(() => closeDatabase());

describe("putting a lägesbild up for decision", () => {
  it("is refused on a beredningsgrupp meeting, to an arbetsgrupp member, on another agreement's styrgrupp", () => {
    // Linnéa Holmberg chairs the beredningsgrupp and writes the lägesbild, but the beredningsgrupp decides nothing here.
    const beredning = meetingOf(secretary, beredningGroupId, "2027-02-10T12:00:00.000Z");
    expect(() => putUpForDecision(db, secretary, lagesbild, beredning)).toThrow(ConflictError);
    expect(() => putUpForDecision(db, secretary, lagesbild, beredning)).toThrow(/lokala styrgruppen \(Lokal styrgrupp Skärholmen\)/);

    // Someone only in a working group reads the lägesbild but does not write it, even if they ran the meeting.
    const worker = db
      .insert(people)
      .values({ name: "Arbetsgrupp Medlem", email: "ag.medlem@example.se", isAdmin: false, createdAt: "2026-01-01T00:00:00Z" })
      .returning()
      .get();
    db.insert(memberships)
      .values({ groupId: groupId("Arbetsgrupp avgränsade platser"), personId: worker.id, role: "ledamot", createdAt: "2026-01-01T00:00:00Z" })
      .run();
    const steeringMeeting = meetingOf(chair, steeringGroupId, "2027-03-02T08:00:00.000Z");
    const workerViewer = { id: worker.id, name: worker.name, email: worker.email, isAdmin: false };
    expect(() => putUpForDecision(db, workerViewer, lagesbild, steeringMeeting)).toThrow(ForbiddenError);

    // The chair of Skärholmen also chairing Östermalm's styrgrupp still cannot have Östermalm decide Skärholmen's lägesbild.
    db.insert(memberships)
      .values({ groupId: groupId("Lokal styrgrupp Östermalm"), personId: chair.id, role: "ordforande", createdAt: "2026-01-01T00:00:00Z" })
      .run();
    const ostermalm = meetingOf(chair, groupId("Lokal styrgrupp Östermalm"), "2027-03-03T08:00:00.000Z");
    expect(() => putUpForDecision(db, chair, lagesbild, ostermalm)).toThrow(ConflictError);
    // A ledamot of the styrgrupp writes the lägesbild but does not run the meeting.
    expect(() => putUpForDecision(db, ledamot, lagesbild, steeringMeeting)).toThrow(ForbiddenError);
    expect(steeringState(db, lagesbild)!.status).toBe("utkast");
  });

  let meetingId: number;
  let itemId: number;
  let versionId: number;

  it("fixes a version for the meeting, adds a beslut ärende before Övriga frågor with the proposal, and refuses a second put-up", () => {
    meetingId = meetingOf(chair, steeringGroupId, "2027-03-09T08:00:00.000Z");
    const section = listSections(db, lagesbild.id)[0]!;
    appendParagraphsOffline(db, { kind: "lagesbild_section", sectionId: section.id }, { agreementId }, [
      "Trygghetsmätningen visar en ökad otrygghet i centrum.",
    ]);
    const put = putUpForDecision(db, secretary, lagesbild, meetingId);
    ({ agendaItemId: itemId, versionId } = put);
    expect(put.label).toBe("Lägesbild 2027 – för beslut 9 mars 2027");
    const version = db.select().from(documentVersions).where(eq(documentVersions.id, versionId)).get()!;
    expect(version).toMatchObject({ kind: "for_beslut", meetingId, agendaItemId: itemId, decisionId: null });
    expect(steeringState(db, lagesbild)).toMatchObject({ status: "for_beslut", currentVersionId: versionId });

    const agenda = listAgendaItems(db, meetingId);
    const index = agenda.findIndex((i) => i.id === itemId);
    expect(agenda[index]).toMatchObject({ title: "Fastställande av gemensam lokal lägesbild 2027", kind: "beslut" });
    expect(agenda.slice(index + 1).map((i) => i.title)).toContain("Övriga frågor");
    expect(db.select().from(agendaItems).where(eq(agendaItems.id, itemId)).get()!.versionId).toBe(versionId);
    expect(readDocumentText(db, documentName({ kind: "decision_text", agendaItemId: itemId }))).toBe(
      "Styrgruppen fastställer den gemensamma lokala lägesbilden 2027 enligt bilaga.",
    );

    expect(() => putUpForDecision(db, chair, lagesbild, meetingId)).toThrow(/ligger redan för beslut/);
    // Its ärende stays until the styrgrupp has dealt with it, even with the proposal emptied.
    expect(() => removeAgendaItem(db, chair, itemId)).toThrow(/lägger en version för beslut/);
  });

  it("is adopted by a § of the lokal styrgrupp: fastställd, the version linked to its decision, the bilaga dated", () => {
    const partsBefore = versionParts(db, versionId);
    start(chair, meetingId, "2027-03-09T08:00:00.000Z");
    const { id, number, year } = adoptDecision(db, chair, { agendaItemId: itemId, kind: "ovrigt" }, new Date("2027-03-09T08:30:00.000Z"));
    expect(db.select().from(decisions).where(eq(decisions.id, id)).get()!.kind).toBe("lagesbild");
    expect(db.select().from(documentVersions).where(eq(documentVersions.id, versionId)).get()).toMatchObject({ decisionId: id, kind: "faststalld" });
    expect(steeringState(db, lagesbild)).toMatchObject({ status: "faststalld", currentVersionId: versionId });
    expect(() => adoptDecision(db, chair, { agendaItemId: itemId, kind: "lagesbild" })).toThrow(/Ärendet har redan ett beslut/);
    const bilaga = db
      .select()
      .from(agreementAttachments)
      .where(and(eq(agreementAttachments.agreementId, agreementId), eq(agreementAttachments.kind, "lagesbild")))
      .get()!;
    expect(bilaga.datedOn).toBe("2027-03-09");
    const decided = decidedVersionsOfAgreement(db, agreementId);
    expect(decided[0]).toMatchObject({ versionId, paragraph: `§ ${number}/${year}`, year: 2027, groupName: "Lokal styrgrupp Skärholmen" });
    expect(decidedVersionOfItems(db, [itemId]).get(itemId)?.versionId).toBe(versionId);

    // Edits after adoption go to the live sections (still editable); the decided version's rows never change.
    const section = listSections(db, lagesbild.id)[0]!;
    const ref = { kind: "lagesbild_section" as const, sectionId: section.id };
    expect(documentAccess(db, chair, ref)).toMatchObject({ ok: true, mode: "edit" });
    appendParagraphsOffline(db, ref, { agreementId }, ["Nästa års text."]);
    expect(readDocumentText(db, documentName(ref))).toContain("Nästa års text.");
    const partsAfter = versionParts(db, versionId);
    expect(partsAfter).toEqual(partsBefore);
    expect(partsAfter.map((p) => p.plainText).join("\n")).not.toContain("Nästa års text.");
  });
});

describe("the åtgärdsplan's lifecycle", () => {
  let meetingId: number;
  let itemId: number;

  it("refuses adoption in a beredningsgrupp meeting of an ärende carrying the plan's version", () => {
    meetingId = meetingOf(chair, steeringGroupId, "2027-04-06T08:00:00.000Z");
    const put = putUpForDecision(db, chair, plan, meetingId);
    itemId = put.agendaItemId;
    // A crafted copy of the ärende in the beredningsgrupp (no form can make one).
    const beredning = meetingOf(secretary, beredningGroupId, "2027-04-01T12:00:00.000Z");
    const copy = addAgendaItem(db, secretary, beredning, { title: "Åtgärdsplanen", kind: "beslut", presenterId: null });
    db.update(agendaItems).set({ versionId: put.versionId }).where(eq(agendaItems.id, copy)).run();
    appendParagraphsOffline(db, { kind: "decision_text", agendaItemId: copy }, { groupId: beredningGroupId, meetingId: beredning }, ["Vi fastställer planen."]);
    start(secretary, beredning, "2027-04-01T12:00:00.000Z");
    expect(() => adoptDecision(db, secretary, { agendaItemId: copy, kind: "atgardsplan" }, new Date("2027-04-01T12:10:00.000Z"))).toThrow(
      /bara fastställas av överenskommelsens lokala styrgrupp/,
    );
    expect(db.select().from(decisions).where(eq(decisions.agendaItemId, copy)).get()).toBeUndefined();
    expect(steeringState(db, plan)!.status).toBe("for_beslut");
  });

  it("goes back to utkast when the styrgrupp sends it back, with a decision text that says so", () => {
    start(chair, meetingId, "2027-04-06T08:00:00.000Z");
    const at = new Date("2027-04-06T08:20:00.000Z");
    expect(() => adoptDecision(db, chair, { agendaItemId: itemId, kind: "atgardsplan", sentBack: true }, at)).toThrow(/fortfarande förslaget/);
    appendParagraphsOffline(db, { kind: "decision_text", agendaItemId: itemId }, { groupId: steeringGroupId, meetingId }, [
      "Ärendet återförvisas till beredningsgruppen för att komplettera indikatorerna.",
    ]);
    const { id } = adoptDecision(db, chair, { agendaItemId: itemId, kind: "atgardsplan", sentBack: true }, at);
    expect(steeringState(db, plan)).toMatchObject({ status: "utkast", currentVersionId: null });
    expect(db.select().from(documentVersions).where(eq(documentVersions.decisionId, id)).get()).toBeUndefined();
    expect(db.select().from(actionPlans).where(eq(actionPlans.id, plan.id)).get()!.decidedVersionId).toBeNull();
  });

  it("keeps för beslut when bordlagt, carries the version with the ärende to the next meeting, which adopts it", () => {
    const first = meetingOf(chair, steeringGroupId, "2027-05-04T08:00:00.000Z");
    const next = meetingOf(chair, steeringGroupId, "2027-06-01T08:00:00.000Z");
    const put = putUpForDecision(db, chair, plan, first);
    start(chair, first, "2027-05-04T08:00:00.000Z");
    dealWithItem(db, chair, put.agendaItemId, "bordlagt", new Date("2027-05-04T08:10:00.000Z"));
    advanceMeetingStatus(db, chair, first, "avslutat", new Date("2027-05-04T09:00:00.000Z"));
    expect(steeringState(db, plan)!.status).toBe("for_beslut");
    const carried = db.select().from(agendaItems).where(eq(agendaItems.carriedFromId, put.agendaItemId)).get()!;
    expect(carried).toMatchObject({ meetingId: next, versionId: put.versionId });
    expect(readDocumentText(db, documentName({ kind: "decision_text", agendaItemId: carried.id }))).toBe(
      "Styrgruppen fastställer åtgärdsplanen enligt bilaga.",
    );

    start(chair, next, "2027-06-01T08:00:00.000Z");
    adoptDecision(db, chair, { agendaItemId: carried.id, kind: "ovrigt" }, new Date("2027-06-01T08:30:00.000Z"));
    expect(steeringState(db, plan)).toMatchObject({ status: "faststalld", currentVersionId: put.versionId });
    expect(db.select().from(actionPlans).where(eq(actionPlans.id, plan.id)).get()!.decidedVersionId).toBe(put.versionId);
  });
});

describe("handing over to the stadsövergripande beredningsgrupp", () => {
  it("is the lokal styrgrupp ordförande's, once, and gives the city-wide group the decided version", () => {
    const versionId = steeringState(db, lagesbild)!.currentVersionId!;
    const cityWideGroup = groupId("Stadsövergripande beredningsgrupp");
    expect(mayReadVersion(db, cityWide, versionId)).toBe(false);
    // The demo handed over the lägesbilder of the seeding year of Skärholmen and Hässelby-Vällingby, not this one.
    const before = handedOverToGroup(db, cityWideGroup);
    expect(before.map((v) => v.versionId)).not.toContain(versionId);
    expect(steeringPanel(db, secretary, lagesbild).mayHandOver).toBe(false);
    expect(() => handOver(db, secretary, lagesbild)).toThrow(ForbiddenError);
    expect(() => handOver(db, ledamot, lagesbild)).toThrow(ForbiddenError);
    expect(steeringPanel(db, chair, lagesbild).mayHandOver).toBe(true);
    handOver(db, chair, lagesbild, new Date("2027-03-10T10:00:00.000Z"));
    expect(steeringState(db, lagesbild)!.status).toBe("overlamnad");
    expect(() => handOver(db, chair, lagesbild)).toThrow(ConflictError);
    // The receiving group's chair(s) and secretary are told, once, as for a report sent up the chain.
    const told = db
      .select({ personId: notifications.personId, title: notifications.title, link: notifications.link })
      .from(notifications)
      .where(and(eq(notifications.kind, "bilaga_received"), eq(notifications.link, `/grupper/${cityWideGroup}#overlamnade`)))
      .all()
      .filter((n) => n.title.includes("lägesbild 2027"));
    const runners = chairsAndSecretariesOf(db, cityWideGroup);
    expect(runners.length).toBeGreaterThan(0);
    expect(told.map((n) => n.personId).sort()).toEqual([...runners].sort());

    expect(mayReadVersion(db, cityWide, versionId)).toBe(true);
    const list = handedOverToGroup(db, cityWideGroup);
    expect(list).toHaveLength(before.length + 1);
    expect(list.find((v) => v.versionId === versionId)).toMatchObject({ agreementTitle: expect.stringContaining("Skärholmen"), year: 2027 });
    // Other local groups see nothing handed over to them.
    expect(handedOverToGroup(db, beredningGroupId)).toEqual([]);
    // Every member of the city-wide group reads it; a member of another agreement's groups does not.
    expect(mayReadVersion(db, viewerByEmail(db, "oskar.blom@example.se"), versionId)).toBe(true);
  });
});
