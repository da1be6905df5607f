import { and, eq } from "drizzle-orm";
import { closeDatabase, type Db } from "../../db/client";
import { appendParagraphsOffline } from "../../db/documents/store";
import { adoptDecision } from "../../db/queries/decisions";
import { documentAccess } from "../../db/queries/document-access";
import { ConflictError, ForbiddenError, NotFoundError } from "../../db/queries/errors";
import {
  addActivity,
  getKommunikationsplanPage,
  listActivities,
  moveActivity,
  removeActivity,
  updateActivity,
  type ActivityInput,
} from "../../db/queries/communication-plans";
import { advanceMeetingStatus, createMeeting } from "../../db/queries/meeting-lifecycle";
import type { Viewer } from "../../db/queries/sessions";
import { handedOverToGroup, handOver, mayReadVersion, putUpForDecision, steeringState, type SteeringSubject } from "../../db/queries/steering-documents";
import { versionParts } from "../../db/queries/versions";
import { auditLog, communicationActivities, communicationPlans, decisions, documentVersions, groups } from "../../db/schema";
import { versionDocument } from "../../server/steering/version-data";
import { protocolData } from "../../server/protocol/archive";
import { ActivitySchema } from "../../app/utils/kommunikationsplan-validation";
import { parseForm } from "../../app/utils/forms";
import { addMemberOnly, openSeededDatabase, viewerByEmail } from "../support/seeded-db";

/**
 * Skärholmen's kommunikationsplan in the demo data: its page and activities (who may read and write,
 * the rules and the audit), and its decision by the lokal styrgrupp like the other bilagor.
 */
let db: Db;
let chair: Viewer;
let writer: Viewer;
let ostermalm: Viewer;
let reader: Viewer;
let planId: number;

const input = (what: string, more: Partial<ActivityInput> = {}): ActivityInput => ({
  what,
  audience: "Boende",
  channel: "Webbplats",
  timing: "Vecka 12",
  plannedOn: null,
  responsiblePersonId: null,
  responsibleFunction: "Kommunikatör",
  ...more,
});
const activityCount = () => db.select().from(communicationActivities).all().length;
const groupId = (name: string) => db.select().from(groups).where(eq(groups.name, name)).get()!.id;

beforeAll(async () => {
  db = await openSeededDatabase();
  chair = viewerByEmail(db, "sdd.skarholmen@example.se");
  writer = viewerByEmail(db, "linnea.holmberg@example.se");
  ostermalm = viewerByEmail(db, "tove.hedlund@example.se");
  reader = addMemberOnly(db, "Lokal beredningsgrupp Skärholmen", "lasare", "lasare.kommunikation@example.se");
  planId = getKommunikationsplanPage(db, writer, "skarholmen")!.plan.id;
});
afterAll(() => closeDatabase());

describe("the kommunikationsplan page", () => {
  it("shows the demo's plan (utkast, four activities) to the agreement's members; a läsare reads it, nobody else gets one", () => {
    const page = getKommunikationsplanPage(db, writer, "skarholmen")!;
    expect(page).toMatchObject({ editable: true, plan: { status: "utkast", documentName: `kommunikationsplan-${planId}` } });
    expect(page.activities.map((a) => a.what)).toContain("Medborgardialog om trygghet");
    expect(page.activities).toHaveLength(4);
    expect(getKommunikationsplanPage(db, reader, "skarholmen")).toMatchObject({ editable: false, people: [] });

    // An Östermalm member, a city-wide agreement and Östermalm's plan for an outsider: none, and nothing created.
    const plans = db.select().from(communicationPlans).all().length;
    expect(getKommunikationsplanPage(db, ostermalm, "skarholmen")).toBeNull();
    expect(getKommunikationsplanPage(db, chair, "ostermalm")).toBeNull();
    expect(db.select().from(communicationPlans).all().length).toBe(plans);
  });

  it("lets the live text be written by the same people as the åtgärdsplan's, read by a läsare, and not opened from Östermalm", () => {
    const ref = { kind: "kommunikationsplan" as const, planId };
    expect(documentAccess(db, writer, ref)).toMatchObject({ ok: true, mode: "edit", owner: { agreementId: expect.any(Number) } });
    expect(documentAccess(db, reader, ref)).toMatchObject({ ok: true, mode: "read" });
    expect(documentAccess(db, ostermalm, ref)).toEqual({ ok: false, reason: "forbidden" });
    expect(documentAccess(db, writer, { kind: "kommunikationsplan", planId: 99999 })).toEqual({ ok: false, reason: "missing" });
  });
});

describe("the activities", () => {
  it("are added, changed, moved and removed (kept with removed_at) by a writer, each change audited", () => {
    const auditBefore = db
      .select()
      .from(auditLog)
      .where(eq(auditLog.subject, `kommunikationsplan:${planId}`))
      .all().length;
    const id = addActivity(db, writer, planId, input("Information på arbetsplatsträff", { responsiblePersonId: chair.id, plannedOn: "2027-03-16" }));
    expect(listActivities(db, planId).at(-1)).toMatchObject({ id, responsibleName: chair.name, plannedOn: "2027-03-16" });
    updateActivity(db, writer, id, input("Information på arbetsplatsträffar", { channel: "Arbetsplatsträff" }));
    expect(listActivities(db, planId).at(-1)).toMatchObject({
      id,
      what: "Information på arbetsplatsträffar",
      channel: "Arbetsplatsträff",
      responsibleName: null,
    });
    moveActivity(db, writer, id, "up");
    const order = listActivities(db, planId).map((a) => a.id);
    expect(order.indexOf(id)).toBe(order.length - 2);
    removeActivity(db, writer, id);
    expect(listActivities(db, planId).map((a) => a.id)).not.toContain(id);
    expect(db.select().from(communicationActivities).where(eq(communicationActivities.id, id)).get()!.removedAt).not.toBeNull();
    expect(() => updateActivity(db, writer, id, input("Igen"))).toThrow(NotFoundError);

    const entries = db
      .select()
      .from(auditLog)
      .where(eq(auditLog.subject, `kommunikationsplan:${planId}`))
      .all();
    expect(entries.slice(auditBefore).map((e) => e.action)).toEqual([
      "communication_plan.activity_added",
      "communication_plan.activity_changed",
      "communication_plan.activity_moved",
      "communication_plan.activity_removed",
    ]);
  });

  it("refuses an Östermalm member (not found) and a läsare (forbidden), storing nothing", () => {
    const [first] = listActivities(db, planId);
    const before = activityCount();
    expect(() => addActivity(db, ostermalm, planId, input("Smugglad"))).toThrow(NotFoundError);
    expect(() => updateActivity(db, ostermalm, first.id, input("Smugglad"))).toThrow(NotFoundError);
    expect(() => removeActivity(db, ostermalm, first.id)).toThrow(NotFoundError);
    expect(() => addActivity(db, reader, planId, input("Smugglad"))).toThrow(ForbiddenError);
    expect(() => moveActivity(db, reader, first.id, "down")).toThrow(ForbiddenError);
    expect(() => removeActivity(db, reader, first.id)).toThrow(/kan läsa kommunikationsplanen men inte ändra den/);
    expect(activityCount()).toBe(before);
    expect(listActivities(db, planId)[0]).toEqual(first);
  });

  it("keeps the domain's rules whoever calls, and the forms' validation answers in Swedish", () => {
    expect(() => addActivity(db, writer, planId, input("   "))).toThrow(ConflictError);
    expect(() => addActivity(db, writer, planId, input("Någon annans", { responsiblePersonId: ostermalm.id }))).toThrow(
      /Välj en person i överenskommelsens grupper/,
    );
    const form = new FormData();
    form.set("what", "");
    form.set("plannedOn", "2027-02-30");
    form.set("audience", "x".repeat(201));
    form.set("responsiblePersonId", "abc");
    const parsed = parseForm(ActivitySchema, form);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.fieldErrors).toEqual({
      what: "Ange vad som ska kommuniceras.",
      plannedOn: "Datumet finns inte.",
      audience: "Högst 200 tecken.",
      responsiblePersonId: "Ogiltigt id.",
    });
  });
});

describe("deciding the kommunikationsplan", () => {
  let subject: SteeringSubject;
  let versionId: number;

  it("is put up on a lokal styrgrupp meeting with the proposal, fastställd by its §, the version holding the text and the activities", () => {
    subject = { kind: "kommunikationsplan", id: planId };
    appendParagraphsOffline(db, { kind: "kommunikationsplan", planId }, { agreementId: steeringState(db, subject)!.agreementId }, ["Ett tillägg till texten."]);
    const meetingId = createMeeting(
      db,
      chair,
      { groupId: groupId("Lokal styrgrupp Skärholmen"), title: "Möte", startsAt: "2027-03-09T08:00:00.000Z", endsAt: null, location: null, videoLink: null },
      new Date("2027-03-01T08:00:00.000Z"),
    );
    const put = putUpForDecision(db, chair, subject, meetingId);
    versionId = put.versionId;
    expect(put.label).toBe("Kommunikationsplan – för beslut 9 mars 2027");
    expect(() => putUpForDecision(db, ostermalm, subject, meetingId)).toThrow(ForbiddenError);
    const [part] = versionParts(db, versionId);
    expect(part.plainText).toContain("Parterna samordnar sina budskap");
    expect(part.plainText).toContain("Ett tillägg till texten.");
    const data = JSON.parse(db.select().from(documentVersions).where(eq(documentVersions.id, versionId)).get()!.data);
    expect(data.activities.map((a: { what: string }) => a.what)).toEqual(listActivities(db, planId).map((a) => a.what));

    advanceMeetingStatus(db, chair, meetingId, "pagar", new Date("2027-03-09T08:00:00.000Z"));
    const { id } = adoptDecision(db, chair, { agendaItemId: put.agendaItemId, kind: "ovrigt" }, new Date("2027-03-09T08:30:00.000Z"));
    expect(db.select().from(decisions).where(eq(decisions.id, id)).get()).toMatchObject({
      kind: "kommunikationsplan",
      title: "Fastställande av kommunikationsplan",
      text: "Styrgruppen fastställer kommunikationsplanen enligt bilaga.",
    });
    expect(steeringState(db, subject)).toMatchObject({ status: "faststalld", currentVersionId: versionId });
    expect(db.select().from(communicationPlans).where(eq(communicationPlans.id, planId)).get()!.decidedVersionId).toBe(versionId);

    // What the PDF/A prints: the text, the activities as a table, the § and the content hash.
    const printed = versionDocument(db, versionId)!;
    expect(printed).toMatchObject({ title: "Kommunikationsplan", decided: true, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(printed.statusLine).toMatch(/^Fastställd av Lokal styrgrupp Skärholmen 9 mars 2027, § \d+\/2027$/);
    expect(printed.tables[0]).toMatchObject({ heading: "Aktiviteter", columns: ["Vad", "Till vem", "Kanal", "När", "Vem/ansvarig"] });
    expect(printed.tables[0].rows.map((r) => r[0])).toContain("Medborgardialog om trygghet");

    // The protocol names it as the § names the other bilagor: its title, fastställd version, the content hash.
    const paragraph = protocolData(db, meetingId).paragraphs.find((p) => p.title === "Fastställande av kommunikationsplan");
    expect(paragraph?.bilaga).toBe(`Kommunikationsplan, fastställd version, SHA-256 ${printed.sha256}`);
  });

  it("is handed over by the styrgrupp's ordförande to the stadsövergripande beredningsgrupp, which then reads the version", () => {
    const cityWide = viewerByEmail(db, "ingrid.falk@example.se");
    expect(mayReadVersion(db, cityWide, versionId)).toBe(false);
    expect(() => handOver(db, writer, subject)).toThrow(ForbiddenError);
    handOver(db, chair, subject, new Date("2027-03-10T10:00:00.000Z"));
    expect(steeringState(db, subject)!.status).toBe("overlamnad");
    expect(mayReadVersion(db, cityWide, versionId)).toBe(true);
    expect(mayReadVersion(db, ostermalm, versionId)).toBe(false);
    const handed = handedOverToGroup(db, groupId("Stadsövergripande beredningsgrupp"));
    expect(handed.find((v) => v.versionId === versionId)).toMatchObject({ subjectKind: "kommunikationsplan", year: null });
    expect(
      db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.subject, `kommunikationsplan:${planId}`), eq(auditLog.action, "steering_document.handed_over")))
        .get(),
    ).toBeDefined();
  });
});
