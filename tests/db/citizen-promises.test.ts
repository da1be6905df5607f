/**
 * Issue 16, medborgarlöften: the register per agreement and year (final §§ only for those outside the
 * styrgrupp), the activities kept by the styrgrupp's ordförande and sekreterare, follow-ups kept as a
 * history, a removed activity refused, a follow-up at a styrgrupp meeting only while its record is open.
 */
import { and, eq } from "drizzle-orm";
import { closeDatabase, type Db } from "../../db/client";
import { stockholmYear } from "../../db/domain/stockholm-time";
import {
  addPromiseActivity,
  editPromiseActivity,
  getCitizenPromiseRegister,
  myPromiseActivities,
  promiseActivitiesForMeeting,
  removePromiseActivity,
  reportPromiseFollowUp,
} from "../../db/queries/citizen-promises";
import { markDeliveredProtocolRead } from "../../db/queries/delivered-protocols";
import { ConflictError, ForbiddenError, NotFoundError } from "../../db/queries/errors";
import { ensureSituationPicture } from "../../db/queries/lagesbild";
import { putUpForDecision } from "../../db/queries/steering-documents";
import { waitingForMe } from "../../db/queries/waiting-for-me";
import { agreements, auditLog, citizenPromiseActivities, citizenPromiseFollowUps, decisions, groups, meetings } from "../../db/schema";
import { addMemberOnly, fixedNow, openSeededDatabase, viewerByEmail } from "../support/seeded-db";

let db: Db;
beforeAll(async () => {
  db = await openSeededDatabase();
});
afterAll(() => closeDatabase());

const at = new Date(fixedNow.getTime() + 60 * 60 * 1000);
const chair = () => viewerByEmail(db, "lpo.skarholmen@example.se");
const secretary = () => viewerByEmail(db, "linnea.holmberg@example.se");
const steeringId = () => db.select().from(groups).where(eq(groups.name, "Lokal styrgrupp Skärholmen")).get()!.id;
const promise = () =>
  db
    .select()
    .from(decisions)
    .where(and(eq(decisions.groupId, steeringId()), eq(decisions.kind, "medborgarlofte")))
    .get()!;
const activity = { title: "Trygghetsvandring i plats C", responsiblePersonId: null, startsOn: "2026-12-01", endsOn: "2027-03-31" };

describe("the register", () => {
  it("shows the demo's löfte, final, with its two activities and the follow-up", () => {
    const year = promise().year;
    const register = getCitizenPromiseRegister(db, viewerByEmail(db, "sdd.skarholmen@example.se"), "skarholmen", year)!;
    expect(register.promises).toHaveLength(1);
    const [löfte] = register.promises;
    expect(löfte.final).toBe(true);
    expect(löfte.text).toContain("medborgarlöftet");
    expect(löfte.activities.map((a) => a.title)).toEqual([
      "Gemensamma trygghetsvandringar på plats A och plats B",
      "Fler vuxna på plats kvällstid vid plats B",
    ]);
    expect(löfte.activities[0].latest).toMatchObject({ status: "pagar", rag: "gult" });
    expect(löfte.activities[1].latest).toBeNull();
    expect(register.mayEdit).toBe(true);
  });

  it("is per year: another year has no löften", () => {
    const register = getCitizenPromiseRegister(db, chair(), "skarholmen", promise().year - 5)!;
    expect(register.promises).toEqual([]);
    expect(register.years).toContain(promise().year);
  });

  it("is null for a member of another agreement's groups, and for the city-wide agreement", () => {
    expect(getCitizenPromiseRegister(db, viewerByEmail(db, "kommunpolis.ostermalm@example.se"), "skarholmen", promise().year)).toBeNull();
    expect(getCitizenPromiseRegister(db, chair(), "stadsovergripande", promise().year)).toBeNull();
  });

  it("shows a § not yet justerat only to the styrgrupp, marked", () => {
    const p = promise();
    const meeting = db.select().from(meetings).where(eq(meetings.id, p.meetingId)).get()!;
    db.update(meetings).set({ lockedAt: null }).where(eq(meetings.id, meeting.id)).run();
    db.update(decisions).set({ immediatelyApprovedAt: null }).where(eq(decisions.id, p.id)).run();
    try {
      const inSteering = getCitizenPromiseRegister(db, chair(), "skarholmen", p.year)!;
      expect(inSteering.promises.map((x) => x.final)).toEqual([false]);
      const outsider = addMemberOnly(db, "Lokal beredningsgrupp Skärholmen", "ledamot", "beredare.lofte@example.se");
      const outside = getCitizenPromiseRegister(db, outsider, "skarholmen", p.year)!;
      expect(outside.promises).toEqual([]);
      expect(outside.mayEdit).toBe(false);
    } finally {
      db.update(meetings).set({ lockedAt: meeting.lockedAt }).where(eq(meetings.id, meeting.id)).run();
    }
    expect(getCitizenPromiseRegister(db, viewerByEmail(db, "beredare.lofte@example.se"), "skarholmen", p.year)!.promises).toHaveLength(1);
  });
});

describe("the verbs", () => {
  it("let the chair and the secretary add, edit and remove activities, audited", () => {
    const id = addPromiseActivity(db, chair(), promise().id, activity, at);
    editPromiseActivity(db, secretary(), id, { ...activity, title: "Trygghetsvandring vid plats C" }, at);
    expect(db.select().from(citizenPromiseActivities).where(eq(citizenPromiseActivities.id, id)).get()!.title).toBe("Trygghetsvandring vid plats C");
    removePromiseActivity(db, chair(), id, at);
    const row = db.select().from(citizenPromiseActivities).where(eq(citizenPromiseActivities.id, id)).get()!;
    expect(row.removedAt).not.toBeNull();
    const register = getCitizenPromiseRegister(db, chair(), "skarholmen", promise().year)!;
    expect(register.promises[0].activities.map((a) => a.id)).not.toContain(id);
    const actions = db
      .select()
      .from(auditLog)
      .all()
      .filter((e) => e.action.startsWith("citizen_promise.") && (JSON.parse(e.payload) as { activityId?: number }).activityId === id)
      .map((e) => e.action);
    expect(actions).toEqual(["citizen_promise.activity_added", "citizen_promise.activity_changed", "citizen_promise.activity_removed"]);
  });

  it("refuse a removed activity: no edit, no follow-up, no second removal", () => {
    const id = addPromiseActivity(db, chair(), promise().id, activity, at);
    removePromiseActivity(db, chair(), id, at);
    expect(() => editPromiseActivity(db, chair(), id, activity, at)).toThrow(ConflictError);
    expect(() => reportPromiseFollowUp(db, chair(), id, { status: "pagar", rag: "", comment: "" }, at)).toThrow(ConflictError);
    expect(() => removePromiseActivity(db, chair(), id, at)).toThrow(ConflictError);
    expect(db.select().from(citizenPromiseFollowUps).where(eq(citizenPromiseFollowUps.activityId, id)).all()).toEqual([]);
  });

  it("refuse a ledamot of the styrgrupp (403), anyone outside it (404), and a decision of another kind (404)", () => {
    const before = db.select().from(citizenPromiseActivities).all().length;
    expect(() => addPromiseActivity(db, viewerByEmail(db, "sdd.skarholmen@example.se"), promise().id, activity, at)).not.toThrow();
    const ledamot = addMemberOnly(db, "Lokal styrgrupp Skärholmen", "ledamot", "ledamot.lofte@example.se");
    expect(() => addPromiseActivity(db, ledamot, promise().id, activity, at)).toThrow(ForbiddenError);
    expect(() => addPromiseActivity(db, viewerByEmail(db, "kommunpolis.ostermalm@example.se"), promise().id, activity, at)).toThrow(NotFoundError);
    const other = db
      .select()
      .from(decisions)
      .where(and(eq(decisions.groupId, steeringId()), eq(decisions.kind, "lagesbild")))
      .get()!;
    expect(() => addPromiseActivity(db, chair(), other.id, activity, at)).toThrow(NotFoundError);
    const [first] = getCitizenPromiseRegister(db, chair(), "skarholmen", promise().year)!.promises[0].activities;
    expect(() => reportPromiseFollowUp(db, ledamot, first.id, { status: "pagar", rag: "", comment: "" }, at)).toThrow(ForbiddenError);
    expect(db.select().from(citizenPromiseActivities).all().length).toBe(before + 1);
  });

  it("validate the input at its field", () => {
    const attempt = (input: typeof activity) => {
      try {
        addPromiseActivity(db, chair(), promise().id, input, at);
      } catch (error) {
        return error instanceof ConflictError ? error.field : "other";
      }
      return "stored";
    };
    expect(attempt({ ...activity, title: "  " })).toBe("title");
    expect(attempt({ ...activity, startsOn: "2026-02-30" })).toBe("startsOn");
    expect(attempt({ ...activity, startsOn: "2026-05-01", endsOn: "2026-04-01" })).toBe("endsOn");
    const ostermalm = viewerByEmail(db, "kommunpolis.ostermalm@example.se").id;
    expect(attempt({ ...activity, responsiblePersonId: ostermalm } as unknown as typeof activity)).toBe("responsiblePersonId");
    const [first] = getCitizenPromiseRegister(db, chair(), "skarholmen", promise().year)!.promises[0].activities;
    expect(() => reportPromiseFollowUp(db, chair(), first.id, { status: "klar", rag: "", comment: "" }, at)).toThrow(ConflictError);
    expect(() => reportPromiseFollowUp(db, chair(), first.id, { status: "pagar", rag: "lila", comment: "" }, at)).toThrow(ConflictError);
  });

  it("keep every follow-up as history, newest first, and record the styrgrupp meeting only while it is open", () => {
    const [first] = getCitizenPromiseRegister(db, chair(), "skarholmen", promise().year)!.promises[0].activities;
    const next = db
      .select()
      .from(meetings)
      .where(and(eq(meetings.groupId, steeringId()), eq(meetings.status, "planerat")))
      .all()
      .find((m) => m.startsAt > fixedNow.toISOString())!;
    const later = new Date(at.getTime() + 60_000);
    reportPromiseFollowUp(db, secretary(), first.id, { status: "genomford", rag: "gront", comment: "Klart.", meetingId: next.id }, later);
    const updated = getCitizenPromiseRegister(db, chair(), "skarholmen", promise().year)!.promises[0].activities.find((a) => a.id === first.id)!;
    expect(updated.history.map((h) => h.status)).toEqual(["genomford", "pagar"]);
    expect(updated.latest).toMatchObject({ status: "genomford", rag: "gront", comment: "Klart.", meetingId: next.id });
    // At a locked meeting, or one of another group: refused.
    const locked = db.select().from(meetings).where(eq(meetings.id, promise().meetingId)).get()!;
    expect(locked.lockedAt).not.toBeNull();
    expect(() => reportPromiseFollowUp(db, chair(), first.id, { status: "pagar", rag: "", comment: "", meetingId: locked.id }, later)).toThrow(ConflictError);
    const otherGroupMeeting = db
      .select()
      .from(meetings)
      .all()
      .find((m) => m.groupId !== steeringId())!;
    expect(() => reportPromiseFollowUp(db, chair(), first.id, { status: "pagar", rag: "", comment: "", meetingId: otherGroupMeeting.id }, later)).toThrow(
      NotFoundError,
    );
  });
});

describe("the styrgrupp meeting's section and the home page", () => {
  it("lists the year's activities not genomförda or stoppade at a styrgrupp meeting, for its members", () => {
    const year = promise().year;
    const meeting = db
      .select()
      .from(meetings)
      .where(eq(meetings.groupId, steeringId()))
      .all()
      .find((m) => stockholmYear(m.startsAt) === year && m.lockedAt === null)!;
    const section = promiseActivitiesForMeeting(db, chair(), meeting.id)!;
    expect(section.mayReport).toBe(true);
    expect(section.activities.map((a) => a.title)).toContain("Fler vuxna på plats kvällstid vid plats B");
    // Reported genomförd in the test above.
    expect(section.activities.map((a) => a.title)).not.toContain("Gemensamma trygghetsvandringar på plats A och plats B");
    expect(promiseActivitiesForMeeting(db, viewerByEmail(db, "kommunpolis.ostermalm@example.se"), meeting.id)).toBeNull();
  });

  it("lists my open activities for the person responsible", () => {
    const mine = myPromiseActivities(db, viewerByEmail(db, "sdd.skarholmen@example.se"), fixedNow);
    expect(mine.map((a) => a.title)).toContain("Fler vuxna på plats kvällstid vid plats B");
    expect(mine[0].path).toBe(`/overenskommelser/skarholmen/medborgarloften?ar=${promise().year}`);
    expect(myPromiseActivities(db, viewerByEmail(db, "kommunpolis.ostermalm@example.se"), fixedNow)).toEqual([]);
  });
});

describe("Det här väntar på dig", () => {
  it("gathers the viewer's own work across the chain, and nothing of another district", () => {
    const cityChair = viewerByEmail(db, "sdd.skarholmen@example.se");
    const waiting = waitingForMe(db, cityChair, fixedNow);
    expect(waiting.promiseActivities.map((a) => a.title)).toContain("Fler vuxna på plats kvällstid vid plats B");
    // The city-wide styrgrupp's justerade protocols reach her lokal styrgrupp; once read, they no longer wait.
    expect(waiting.protocols.length).toBeGreaterThan(0);
    for (const p of waiting.protocols) markDeliveredProtocolRead(db, cityChair, p.meetingId, at);
    expect(waitingForMe(db, cityChair, fixedNow).protocols).toEqual([]);
    const ostermalm = waitingForMe(db, viewerByEmail(db, "kommunpolis.ostermalm@example.se"), fixedNow);
    expect(JSON.stringify(ostermalm)).not.toContain("skarholmen");
    expect(JSON.stringify(ostermalm)).not.toContain("Skärholmen");
  });

  it("lists an open uppdrag once it is due within two weeks or overdue", () => {
    const cityChair = viewerByEmail(db, "sdd.skarholmen@example.se");
    const uppdrag = waitingForMe(db, cityChair, fixedNow).uppdrag.map((u) => u.title);
    const dueSoon = waitingForMe(db, cityChair, new Date(fixedNow.getTime() + 60 * 24 * 60 * 60 * 1000)).uppdrag.map((u) => u.title);
    // Two months later her open uppdrag is overdue and waits for her.
    expect(dueSoon).toContain("Be Trafikkontoret och bostadsbolagen utse en chef med mandat till styrgruppen");
    expect(uppdrag.length).toBeLessThanOrEqual(dueSoon.length);
  });
});

it("lists a lägesbild put up for decision at my lokal styrgrupp's coming meeting, for its members only", () => {
  const skarholmen = db.select().from(agreements).where(eq(agreements.slug, "skarholmen")).get()!;
  const picture = ensureSituationPicture(db, skarholmen.id, promise().year + 1, chair().id, at);
  const next = db
    .select()
    .from(meetings)
    .where(and(eq(meetings.groupId, steeringId()), eq(meetings.status, "planerat")))
    .all()
    .find((m) => m.startsAt > fixedNow.toISOString())!;
  putUpForDecision(db, chair(), { kind: "lagesbild", id: picture.id }, next.id, at);
  const up = waitingForMe(db, viewerByEmail(db, "sdd.skarholmen@example.se"), fixedNow).upForDecision;
  expect(up.map((u) => u.meetingId)).toEqual([next.id]);
  expect(waitingForMe(db, viewerByEmail(db, "kommunpolis.ostermalm@example.se"), fixedNow).upForDecision).toEqual([]);
});
