/**
 * Issue 11: a meeting records when it actually started and ended, can be moved
 * or cancelled (inställt) before it starts, and only meetings that took place
 * count as held.
 */
import { and, eq } from "drizzle-orm";
import { closeDatabase, type Db } from "../../db/client";
import { ConflictError, ForbiddenError, NotFoundError } from "../../db/queries/errors";
import { getGroupPage } from "../../db/queries/groups";
import { advanceMeetingStatus, cancelMeeting, createMeeting, editMeeting, reopenMeeting, startsMoreThanADayEarly } from "../../db/queries/meeting-lifecycle";
import type { Viewer } from "../../db/queries/sessions";
import { auditLog, groups, meetings, memberships, people } from "../../db/schema";
import { protocolData } from "../../server/protocol/archive";
import { openSeededDatabase, viewerByEmail } from "../support/seeded-db";

let db: Db;
let chair: Viewer;
let secretary: Viewer;
let member: Viewer;
let outsider: Viewer;
let groupId: number;

beforeAll(async () => {
  db = await openSeededDatabase();
  chair = viewerByEmail(db, "sdd.skarholmen@example.se");
  member = viewerByEmail(db, "karl.ljung@example.se");
  outsider = viewerByEmail(db, "kommunpolis.ostermalm@example.se");
  groupId = db.select().from(groups).where(eq(groups.name, "Lokal styrgrupp Skärholmen")).get()!.id;
  const secretaryEmail = db
    .select({ email: people.email })
    .from(memberships)
    .innerJoin(people, eq(people.id, memberships.personId))
    .where(and(eq(memberships.groupId, groupId), eq(memberships.role, "sekreterare")))
    .get()!.email;
  secretary = viewerByEmail(db, secretaryEmail);
});
afterAll(() => closeDatabase());

let day = 0;
/** A new meeting of the Skärholmen styrgrupp on its own day in 2027, 09.00–11.00 Stockholm time. */
function newMeeting(): number {
  day++;
  const date = `2027-03-${String(day).padStart(2, "0")}`;
  return createMeeting(
    db,
    chair,
    { groupId, title: "Styrgruppsmöte", startsAt: `${date}T08:00:00.000Z`, endsAt: `${date}T10:00:00.000Z`, location: "Bredängen", videoLink: null },
    new Date(`${date}T07:00:00.000Z`),
  );
}

const row = (id: number) => db.select().from(meetings).where(eq(meetings.id, id)).get()!;
const auditOf = (id: number, action: string) =>
  db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.subject, `meeting:${id}`), eq(auditLog.action, action)))
    .all()
    .map((entry) => ({ actorId: entry.actorId, payload: JSON.parse(entry.payload) }));

describe("the time a meeting actually took", () => {
  it("is recorded when it starts and ends; reopening clears the end (kept in the log) and ending again records the new one", () => {
    const id = newMeeting();
    advanceMeetingStatus(db, chair, id, "pagar", new Date("2027-03-01T08:07:00.000Z"));
    expect(row(id).startedAt).toBe("2027-03-01T08:07:00.000Z");
    expect(row(id).endedAt).toBeNull();
    advanceMeetingStatus(db, chair, id, "avslutat", new Date("2027-03-01T09:40:00.000Z"));
    expect(row(id).endedAt).toBe("2027-03-01T09:40:00.000Z");

    reopenMeeting(db, chair, id, new Date("2027-03-01T09:45:00.000Z"));
    expect(row(id).endedAt).toBeNull();
    expect(auditOf(id, "meeting.reopened")[0].payload.endedAt).toBe("2027-03-01T09:40:00.000Z");
    advanceMeetingStatus(db, chair, id, "avslutat", new Date("2027-03-01T10:15:00.000Z"));
    expect(row(id)).toMatchObject({ startedAt: "2027-03-01T08:07:00.000Z", endedAt: "2027-03-01T10:15:00.000Z" });

    // The protocol is given the actual times besides the planned ones.
    expect(protocolData(db, id).meeting).toMatchObject({
      startsAt: "2027-03-01T08:00:00.000Z",
      startedAt: "2027-03-01T08:07:00.000Z",
      endedAt: "2027-03-01T10:15:00.000Z",
    });
  });

  it("asks first only when the start is more than a day before the planned time", () => {
    const startsAt = "2027-03-10T08:00:00.000Z";
    expect(startsMoreThanADayEarly(startsAt, new Date("2027-03-09T07:59:00.000Z"))).toBe(true);
    expect(startsMoreThanADayEarly(startsAt, new Date("2027-03-09T08:00:00.000Z"))).toBe(false);
    expect(startsMoreThanADayEarly(startsAt, new Date("2027-03-10T09:00:00.000Z"))).toBe(false);
  });
});

describe("editing a planned meeting", () => {
  const moved = { startsAt: "2027-04-01T11:00:00.000Z", endsAt: "2027-04-01T12:30:00.000Z", location: "Skärholmens medborgarkontor", videoLink: null };

  it("lets the chair or secretary change time, place and link, audited with what changed", () => {
    const id = newMeeting();
    editMeeting(db, secretary, id, moved);
    expect(row(id)).toMatchObject(moved);
    const [entry] = auditOf(id, "meeting.edited");
    expect(entry.actorId).toBe(secretary.id);
    expect(entry.payload.from).toMatchObject({ location: "Bredängen" });
    expect(entry.payload.to).toMatchObject({ location: "Skärholmens medborgarkontor", startsAt: moved.startsAt });
    expect(entry.payload.to).not.toHaveProperty("videoLink");

    editMeeting(db, chair, id, { ...moved, videoLink: "https://video.example.se/mote" });
    expect(row(id).videoLink).toBe("https://video.example.se/mote");
  });

  it("refuses a member, hides the meeting from an outsider, and refuses an end before the start", () => {
    const id = newMeeting();
    expect(() => editMeeting(db, member, id, moved)).toThrow(ForbiddenError);
    expect(() => editMeeting(db, outsider, id, moved)).toThrow(NotFoundError);
    expect(() => editMeeting(db, chair, id, { ...moved, endsAt: moved.startsAt })).toThrow(ConflictError);
    expect(row(id).location).toBe("Bredängen");
    expect(auditOf(id, "meeting.edited")).toEqual([]);
  });

  it("is refused once the meeting has started or is cancelled", () => {
    const started = newMeeting();
    advanceMeetingStatus(db, chair, started, "pagar");
    expect(() => editMeeting(db, chair, started, moved)).toThrow(/redan startat/);
    const cancelled = newMeeting();
    cancelMeeting(db, chair, cancelled, "Ordföranden är sjuk");
    expect(() => editMeeting(db, chair, cancelled, moved)).toThrow(/inställt/);
  });
});

describe("cancelling a meeting (inställt)", () => {
  it("records when and why, audited; it cannot then be started or cancelled again", () => {
    const id = newMeeting();
    cancelMeeting(db, secretary, id, "Krockar med Skärholmsdagen", new Date("2027-02-20T10:00:00.000Z"));
    expect(row(id)).toMatchObject({ status: "installt", cancelledAt: "2027-02-20T10:00:00.000Z", cancelReason: "Krockar med Skärholmsdagen" });
    expect(auditOf(id, "meeting.cancelled")).toEqual([{ actorId: secretary.id, payload: { from: "planerat", reason: "Krockar med Skärholmsdagen" } }]);
    expect(() => advanceMeetingStatus(db, chair, id, "pagar")).toThrow(/inställt/);
    expect(() => cancelMeeting(db, chair, id, "igen")).toThrow(/redan inställt/);
    expect(row(id).startedAt).toBeNull();
  });

  it("refuses a member and an outsider, and a meeting that has started (it took place)", () => {
    const id = newMeeting();
    expect(() => cancelMeeting(db, member, id, "x")).toThrow(ForbiddenError);
    expect(() => cancelMeeting(db, outsider, id, "x")).toThrow(NotFoundError);
    advanceMeetingStatus(db, chair, id, "pagar");
    expect(() => cancelMeeting(db, chair, id, "x")).toThrow(/redan startat/);
    expect(row(id).status).toBe("pagar");
  });

  it("does not count as held in the group's cadence, nor as planned", () => {
    const now = new Date("2027-06-01T10:00:00.000Z");
    const before = getGroupPage(db, chair, groupId, now)!.cadence;
    const held = newMeeting();
    advanceMeetingStatus(db, chair, held, "pagar");
    const cancelled = newMeeting();
    cancelMeeting(db, chair, cancelled, "Inget att besluta");
    const after = getGroupPage(db, chair, groupId, now)!.cadence;
    expect(after.held).toBe(before.held + 1);
    expect(after.planned).toBe(before.planned);
  });
});
