import { and, desc, eq } from "drizzle-orm";
import { closeDatabase, type Db } from "../../db/client";
import { ConflictError, ForbiddenError, NotFoundError } from "../../db/queries/errors";
import { setMemberAttendance } from "../../db/queries/attendance";
import { meetingChairId, setMeetingChair } from "../../db/queries/meeting-chair";
import {
  advanceMeetingStatus,
  approveMinutes,
  chooseJusterare,
  commentOnMinutes,
  createMeeting,
  listApprovers,
  listMyApprovalTasks,
  reopenMeeting,
} from "../../db/queries/meeting-lifecycle";
import { addMembership } from "../../db/queries/memberships";
import { insertPerson } from "../../db/queries/people";
import type { Viewer } from "../../db/queries/sessions";
import { auditLog, groups, meetings } from "../../db/schema";
import { protocolData } from "../../server/protocol/archive";
import { renderProtocolPdf } from "../../server/protocol/pdf";
import { readPdf } from "../support/pdf-text";
import { openSeededDatabase, viewerByEmail } from "../support/seeded-db";

/**
 * Joint leadership (issue 11): a group has one ordförande per party, either leads a
 * meeting (meetings.chaired_by), and the chair who led it signs the minutes with the
 * justerare and the sekreterare. Lokal styrgrupp Östermalm of the demo data: Cecilia
 * Wahlberg (city) and Henrik Lindström (police) chair it, Annika Berglund is a ledamot,
 * Tove Hedlund the sekreterare.
 */
let db: Db;
let admin: Viewer;
let cityChair: Viewer;
let policeChair: Viewer;
let ledamot: Viewer;
let secretary: Viewer;
let outsider: Viewer;
let groupId: number;

const day = "2027-02-10";
const at = (time: string) => new Date(`${day}T${time}:00.000Z`);

beforeAll(async () => {
  db = await openSeededDatabase();
  admin = viewerByEmail(db, "admin@example.se");
  cityChair = viewerByEmail(db, "cecilia.wahlberg@example.se");
  policeChair = viewerByEmail(db, "henrik.lindstrom@example.se");
  ledamot = viewerByEmail(db, "annika.berglund@example.se");
  secretary = viewerByEmail(db, "tove.hedlund@example.se");
  outsider = viewerByEmail(db, "sdd.skarholmen@example.se");
  groupId = db.select().from(groups).where(eq(groups.name, "Lokal styrgrupp Östermalm")).get()!.id;
});
afterAll(() => closeDatabase());

function newMeeting(by: Viewer, startsAt = `${day}T08:00:00.000Z`): number {
  return createMeeting(db, by, { groupId, title: "Styrgruppsmöte", startsAt, endsAt: null, location: null, videoLink: null });
}

function chairedBy(meetingId: number): number | null {
  return db.select({ chairedBy: meetings.chairedBy }).from(meetings).where(eq(meetings.id, meetingId)).get()!.chairedBy;
}

describe("one ordförande per party", () => {
  const groupNamed = (name: string) => db.select().from(groups).where(eq(groups.name, name)).get()!.id;

  it("allows a second ordförande from the other party", () => {
    // Arbetsgrupp avgränsade platser is chaired by Daniel Lund (city); the police area's områdespolis joins as co-chair.
    const police = viewerByEmail(db, "filip.akesson@example.se");
    expect(() =>
      addMembership(db, admin, { groupId: groupNamed("Arbetsgrupp avgränsade platser"), personId: police.id, role: "ordforande", functionId: null }),
    ).not.toThrow();
  });

  it("refuses a second ordförande of the same party, and one whose party cannot be told, saying why next to the role", () => {
    const sameParty = viewerByEmail(db, "rasmus.oberg@example.se");
    const refusal = (personId: number) => {
      try {
        addMembership(db, admin, { groupId: groupNamed("Arbetsgrupp barn och unga"), personId, role: "ordforande", functionId: null });
      } catch (error) {
        return error;
      }
      return null;
    };
    const same = refusal(sameParty.id);
    expect(same).toBeInstanceOf(ConflictError);
    expect((same as ConflictError).field).toBe("role");
    expect((same as ConflictError).message).toBe("Gruppen har redan en ordförande för Stockholms stad (Yasmin Abdi). Varje part har en ordförande i gruppen.");
    const nobody = insertPerson(db, { email: "utan.organisation@example.se", name: "Utan Organisation", passwordHash: null });
    expect(refusal(nobody)).toBeInstanceOf(ConflictError);
    // As a ledamot either may join.
    expect(() =>
      addMembership(db, admin, { groupId: groupNamed("Arbetsgrupp barn och unga"), personId: sameParty.id, role: "ledamot", functionId: null }),
    ).not.toThrow();
  });
});

describe("who leads the meeting", () => {
  it("is the ordförande who starts it; the sekreterare starting it makes the first ordförande present lead it", () => {
    const byChair = newMeeting(cityChair);
    expect(meetingChairId(db, byChair)).toBeNull();
    advanceMeetingStatus(db, policeChair, byChair, "pagar", at("08:01"));
    expect(meetingChairId(db, byChair)).toBe(policeChair.id);

    const bySecretary = newMeeting(secretary, `${day}T12:00:00.000Z`);
    setMemberAttendance(db, secretary, bySecretary, cityChair.id, { status: "anmalt_forhinder", arrivedAt: null, leftAt: null }, at("11:50"));
    setMemberAttendance(db, secretary, bySecretary, policeChair.id, { status: "narvarande", arrivedAt: null, leftAt: null }, at("11:50"));
    advanceMeetingStatus(db, secretary, bySecretary, "pagar", at("12:01"));
    expect(meetingChairId(db, bySecretary)).toBe(policeChair.id);

    const nobodyMarked = newMeeting(secretary, `${day}T14:00:00.000Z`);
    advanceMeetingStatus(db, secretary, nobodyMarked, "pagar", at("14:01"));
    expect(meetingChairId(db, nobodyMarked)).toBe(cityChair.id);
  });

  it("keeps a chair chosen before the start", () => {
    const meetingId = newMeeting(cityChair, `${day}T15:00:00.000Z`);
    setMeetingChair(db, secretary, meetingId, policeChair.id, at("14:30"));
    advanceMeetingStatus(db, cityChair, meetingId, "pagar", at("15:01"));
    expect(chairedBy(meetingId)).toBe(policeChair.id);
  });

  it("can be changed by a chair or the sekreterare among the group's ordförande, audited, but not by a ledamot or another group's member", () => {
    const meetingId = newMeeting(cityChair, `${day}T16:00:00.000Z`);
    advanceMeetingStatus(db, cityChair, meetingId, "pagar", at("16:01"));
    expect(() => setMeetingChair(db, ledamot, meetingId, policeChair.id)).toThrow(ForbiddenError);
    expect(() => setMeetingChair(db, outsider, meetingId, policeChair.id)).toThrow(NotFoundError);
    expect(() => setMeetingChair(db, cityChair, meetingId, ledamot.id)).toThrow(ConflictError);
    expect(chairedBy(meetingId)).toBe(cityChair.id);

    setMeetingChair(db, secretary, meetingId, policeChair.id, at("16:20"));
    expect(chairedBy(meetingId)).toBe(policeChair.id);
    const entry = db
      .select()
      .from(auditLog)
      .where(eq(auditLog.subject, `meeting:${meetingId}`))
      .orderBy(desc(auditLog.id))
      .get()!;
    expect(entry.action).toBe("meeting.chair");
    expect(JSON.parse(entry.payload)).toMatchObject({ from: cityChair.id, to: policeChair.id });
    setMeetingChair(db, policeChair, meetingId, cityChair.id, at("16:30"));
    expect(chairedBy(meetingId)).toBe(cityChair.id);
  });

  it("cannot be changed once the meeting has ended; either chair may reopen it", () => {
    const meetingId = newMeeting(cityChair, `${day}T17:00:00.000Z`);
    advanceMeetingStatus(db, cityChair, meetingId, "pagar", at("17:01"));
    advanceMeetingStatus(db, cityChair, meetingId, "avslutat", at("17:40"));
    expect(() => setMeetingChair(db, cityChair, meetingId, policeChair.id)).toThrow(/avslutat/);
    expect(chairedBy(meetingId)).toBe(cityChair.id);
    reopenMeeting(db, policeChair, meetingId, at("17:45"));
    expect(db.select().from(meetings).where(eq(meetings.id, meetingId)).get()!.status).toBe("pagar");
  });
});

describe("justering with two chairs", () => {
  const signers = (meetingId: number) => listApprovers(db, meetingId).map((a) => [a.capacity, a.personId]);

  it("is signed by the chair who led the meeting, the justerare and the sekreterare; the ordförande row follows a change of chair", () => {
    const meetingId = newMeeting(cityChair, "2027-02-11T08:00:00.000Z");
    advanceMeetingStatus(db, cityChair, meetingId, "pagar", new Date("2027-02-11T08:01:00Z"));
    expect(() => chooseJusterare(db, cityChair, meetingId, [cityChair.id])).toThrow(/leder mötet justerar redan/);
    chooseJusterare(db, cityChair, meetingId, [ledamot.id]);
    expect(signers(meetingId)).toEqual([
      ["ordforande", cityChair.id],
      ["justerare", ledamot.id],
      ["sekreterare", secretary.id],
    ]);
    setMeetingChair(db, cityChair, meetingId, policeChair.id);
    expect(signers(meetingId)).toEqual([
      ["ordforande", policeChair.id],
      ["justerare", ledamot.id],
      ["sekreterare", secretary.id],
    ]);
    // The co-chair who does not lead the meeting may be a justerare; then the leading chair cannot become the other.
    chooseJusterare(db, secretary, meetingId, [cityChair.id, ledamot.id]);
    expect(() => setMeetingChair(db, secretary, meetingId, cityChair.id)).toThrow(/vald till justerare/);
    expect(signers(meetingId)).toEqual([
      ["ordforande", policeChair.id],
      ["justerare", cityChair.id],
      ["justerare", ledamot.id],
      ["sekreterare", secretary.id],
    ]);
  });

  it("locks only when the leading chair, every justerare and the sekreterare have approved; nobody else may approve", async () => {
    const meetingId = newMeeting(cityChair, "2027-02-12T08:00:00.000Z");
    advanceMeetingStatus(db, policeChair, meetingId, "pagar", new Date("2027-02-12T08:01:00Z"));
    chooseJusterare(db, policeChair, meetingId, [cityChair.id]);
    advanceMeetingStatus(db, policeChair, meetingId, "avslutat", new Date("2027-02-12T09:00:00Z"));

    expect(() => approveMinutes(db, ledamot, meetingId)).toThrow(ForbiddenError);
    expect(() => commentOnMinutes(db, ledamot, meetingId, "Stavfel.")).toThrow("Endast mötets ordförande, justerarna och sekreteraren justerar protokollet.");
    expect(listMyApprovalTasks(db, secretary).find((t) => t.meetingId === meetingId)).toMatchObject({ capacity: "sekreterare", approval: "none" });

    expect(approveMinutes(db, policeChair, meetingId, new Date("2027-02-13T08:00:00Z"))).toBe(false);
    expect(approveMinutes(db, cityChair, meetingId, new Date("2027-02-13T09:00:00Z"))).toBe(false);
    expect(db.select().from(meetings).where(eq(meetings.id, meetingId)).get()!.lockedAt).toBeNull();
    expect(approveMinutes(db, secretary, meetingId, new Date("2027-02-13T10:00:00Z"))).toBe(true);
    const meeting = db
      .select()
      .from(meetings)
      .where(and(eq(meetings.id, meetingId), eq(meetings.status, "justerat")))
      .get();
    expect(meeting?.lockedAt).toBe("2027-02-13T10:00:00.000Z");
    expect(listMyApprovalTasks(db, secretary).some((t) => t.meetingId === meetingId)).toBe(false);

    // The protocol: the head names the chair who led the meeting, the Justeras block signs in the order ordförande, justerare, sekreterare.
    const { text } = await readPdf(await renderProtocolPdf(protocolData(db, meetingId)));
    expect(text).toContain(`Ordförande: ${policeChair.name} Beslutande`);
    expect(text).toContain(
      `Justeras Ordförande: ${policeChair.name} Justerat digitalt 2027-02-13 kl. 09.00 ` +
        `Justerare: ${cityChair.name} Justerat digitalt 2027-02-13 kl. 10.00 ` +
        `Sekreterare: ${secretary.name} Justerat digitalt 2027-02-13 kl. 11.00 Protokollet är justerat digitalt i Samverkan.`,
    );
  });

  it("leaves an empty line beneath each signer who has not approved, in a draft", async () => {
    const meetingId = newMeeting(cityChair, "2027-02-14T08:00:00.000Z");
    advanceMeetingStatus(db, cityChair, meetingId, "pagar", new Date("2027-02-14T08:01:00Z"));
    chooseJusterare(db, cityChair, meetingId, [ledamot.id]);
    advanceMeetingStatus(db, cityChair, meetingId, "avslutat", new Date("2027-02-14T09:00:00Z"));
    approveMinutes(db, ledamot, meetingId, new Date("2027-02-15T08:00:00Z"));
    const { text } = await readPdf(await renderProtocolPdf(protocolData(db, meetingId)));
    expect(text).toContain(
      `Justeras Ordförande: ${cityChair.name} Justerare: ${ledamot.name} Justerat digitalt 2027-02-15 kl. 09.00 Sekreterare: ${secretary.name} Protokollet är inte justerat.`,
    );
  });
});
