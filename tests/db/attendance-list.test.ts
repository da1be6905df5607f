/**
 * Issue 11, attendance as a secretary takes it: the whole list saved at once
 * (one transaction, each person's own times, one audit entry per changed
 * person) and "Markera alla kallade som närvarande", which leaves anyone
 * already marked as they were. Both refused once the record is justerad.
 */
import { eq } from "drizzle-orm";
import { closeDatabase, getSqlite, type Db } from "../../db/client";
import { addGuest, listAttendance, markAllInvitedPresent, saveAttendanceList, setMemberAttendance } from "../../db/queries/attendance";
import { ConflictError, ForbiddenError } from "../../db/queries/errors";
import { advanceMeetingStatus, approveMinutes, chooseJusterare, createMeeting } from "../../db/queries/meeting-lifecycle";
import type { Viewer } from "../../db/queries/sessions";
import { groups, memberships } from "../../db/schema";
import { auditSummary } from "../../app/utils/audit-summary";
import { openSeededDatabase, viewerByEmail } from "../support/seeded-db";

let db: Db;
let chair: Viewer;
let member: Viewer;
let groupId: number;
let memberIds: number[];

beforeAll(async () => {
  db = await openSeededDatabase();
  chair = viewerByEmail(db, "sdd.skarholmen@example.se");
  member = viewerByEmail(db, "karl.ljung@example.se");
  groupId = db.select().from(groups).where(eq(groups.name, "Lokal styrgrupp Skärholmen")).get()!.id;
  memberIds = db
    .select({ personId: memberships.personId })
    .from(memberships)
    .where(eq(memberships.groupId, groupId))
    .all()
    .map((m) => m.personId);
});
afterAll(() => closeDatabase());

let day = 0;
function newMeeting(): number {
  day++;
  const startsAt = `2027-03-${String(day).padStart(2, "0")}T08:00:00.000Z`;
  return createMeeting(db, chair, { groupId, title: "Styrgruppsmöte", startsAt, endsAt: null, location: null, videoLink: null }, new Date(startsAt));
}

const at = (meetingId: number, minutes: number) => {
  const row = getSqlite().prepare("select starts_at from meetings where id = ?").get(meetingId) as { starts_at: string };
  return new Date(new Date(row.starts_at).getTime() + minutes * 60_000).toISOString();
};

const auditOf = (meetingId: number) =>
  getSqlite().prepare("select action, payload from audit_log where subject = ? and action like 'attendance.%' order by id").all(`meeting:${meetingId}`) as {
    action: string;
    payload: string;
  }[];

const attendanceRows = (meetingId: number) =>
  getSqlite()
    .prepare("select person_id as personId, status, arrived_at as arrivedAt, left_at as leftAt from attendance where meeting_id = ? order by id")
    .all(meetingId) as {
    personId: number | null;
    status: string;
    arrivedAt: string | null;
    leftAt: string | null;
  }[];

describe("saving the whole attendance list", () => {
  it("writes every changed row with its own times, one audit entry per changed person, nothing for an unchanged row", () => {
    const meetingId = newMeeting();
    addGuest(db, chair, meetingId, { name: "Eva Gäst", organisation: "Stockholmshem", functionName: null });
    const guestId = listAttendance(db, meetingId, groupId).find((r) => r.personId === null)!.attendanceId!;
    const [first, second, third] = memberIds;
    const before = auditOf(meetingId).length;

    const changed = saveAttendanceList(db, chair, meetingId, [
      { personId: first, status: "narvarande", arrivedAt: at(meetingId, 10), leftAt: null },
      { personId: second, status: "narvarande", arrivedAt: null, leftAt: at(meetingId, 45) },
      { personId: third, status: "anmalt_forhinder", arrivedAt: null, leftAt: null },
      { guestId, status: "narvarande", arrivedAt: null, leftAt: at(meetingId, 30) },
    ]);

    expect(changed).toBe(4);
    const rows = listAttendance(db, meetingId, groupId);
    expect(rows.find((r) => r.personId === first)).toMatchObject({ status: "narvarande", arrivedAt: at(meetingId, 10), leftAt: null });
    expect(rows.find((r) => r.personId === second)).toMatchObject({ status: "narvarande", arrivedAt: null, leftAt: at(meetingId, 45) });
    expect(rows.find((r) => r.personId === third)).toMatchObject({ status: "anmalt_forhinder" });
    expect(rows.find((r) => r.attendanceId === guestId)).toMatchObject({ status: "narvarande", leftAt: at(meetingId, 30) });
    const entries = auditOf(meetingId).slice(before);
    expect(entries.map((e) => e.action)).toEqual(["attendance.member", "attendance.member", "attendance.member", "attendance.guest"]);
    // Each entry reads as one person's change in the log.
    const firstEntry = JSON.parse(entries[0].payload) as Record<string, unknown>;
    expect(firstEntry.personId).toBe(first);
    expect(auditSummary("attendance.member", firstEntry, "Anna")).toBe("Anna: Närvarande");

    // Saved again with one row changed: one write, one entry.
    const again = saveAttendanceList(db, chair, meetingId, [
      { personId: first, status: "narvarande", arrivedAt: at(meetingId, 10), leftAt: at(meetingId, 50) },
      { personId: second, status: "narvarande", arrivedAt: null, leftAt: at(meetingId, 45) },
    ]);
    expect(again).toBe(1);
    expect(auditOf(meetingId).length).toBe(before + 5);
  });

  it("is one transaction: a refused row (left before arriving) saves nothing, and names that row's own field", () => {
    const meetingId = newMeeting();
    const [first, second] = memberIds;
    let refusal: unknown;
    try {
      saveAttendanceList(db, chair, meetingId, [
        { personId: first, status: "narvarande", arrivedAt: null, leftAt: null },
        { personId: second, status: "narvarande", arrivedAt: at(meetingId, 30), leftAt: at(meetingId, 20) },
      ]);
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(ConflictError);
    expect((refusal as ConflictError).field).toBe(`leftAt:p${second}`);
    expect(attendanceRows(meetingId)).toEqual([]);
    expect(auditOf(meetingId)).toEqual([]);
  });

  it("is one transaction also when the refusal comes from the database side: a non-member late in the list undoes the rows before it", () => {
    const meetingId = newMeeting();
    const outsider = viewerByEmail(db, "kommunpolis.ostermalm@example.se");
    expect(() =>
      saveAttendanceList(db, chair, meetingId, [
        { personId: memberIds[0], status: "narvarande", arrivedAt: null, leftAt: null },
        { personId: outsider.id, status: "narvarande", arrivedAt: null, leftAt: null },
      ]),
    ).toThrow(ConflictError);
    expect(attendanceRows(meetingId)).toEqual([]);
    expect(auditOf(meetingId)).toEqual([]);
  });

  it("is for the chair and the secretary only", () => {
    const meetingId = newMeeting();
    expect(() => saveAttendanceList(db, member, meetingId, [{ personId: member.id, status: "narvarande", arrivedAt: null, leftAt: null }])).toThrow(
      ForbiddenError,
    );
    expect(() => markAllInvitedPresent(db, member, meetingId)).toThrow(ForbiddenError);
  });
});

describe("Markera alla kallade som närvarande", () => {
  it("marks every member not yet marked as present, keeps anyone already marked (förhinder, frånvarande, an arrival time) as they were", () => {
    const meetingId = newMeeting();
    const [regrets, absent, late] = memberIds;
    setMemberAttendance(db, chair, meetingId, regrets, { status: "anmalt_forhinder", arrivedAt: null, leftAt: null });
    setMemberAttendance(db, chair, meetingId, absent, { status: "franvarande", arrivedAt: null, leftAt: null });
    setMemberAttendance(db, chair, meetingId, late, { status: "narvarande", arrivedAt: at(meetingId, 20), leftAt: null });
    const before = auditOf(meetingId).length;

    const marked = markAllInvitedPresent(db, chair, meetingId);

    expect(marked).toBe(memberIds.length - 3);
    const rows = listAttendance(db, meetingId, groupId);
    expect(rows.find((r) => r.personId === regrets)!.status).toBe("anmalt_forhinder");
    expect(rows.find((r) => r.personId === absent)!.status).toBe("franvarande");
    expect(rows.find((r) => r.personId === late)).toMatchObject({ status: "narvarande", arrivedAt: at(meetingId, 20) });
    expect(rows.filter((r) => r.personId !== null && r.status === null)).toEqual([]);
    expect(rows.filter((r) => r.status === "narvarande").length).toBe(memberIds.length - 2);
    // Recorded in the capacity they attend in, audited one entry per person marked.
    expect(rows.filter((r) => r.personId !== null).every((r) => r.role !== null)).toBe(true);
    expect(auditOf(meetingId).length).toBe(before + marked);
    // Pressed again: nobody left to mark, nothing written.
    expect(markAllInvitedPresent(db, chair, meetingId)).toBe(0);
    expect(auditOf(meetingId).length).toBe(before + marked);
  });
});

describe("once the record is justerad", () => {
  it("refuses the whole-list save and Markera alla, and changes nothing", () => {
    const meetingId = newMeeting();
    advanceMeetingStatus(db, chair, meetingId, "pagar");
    chooseJusterare(db, chair, meetingId, [member.id]);
    advanceMeetingStatus(db, chair, meetingId, "avslutat");
    approveMinutes(db, member, meetingId);
    approveMinutes(db, viewerByEmail(db, "linnea.holmberg@example.se"), meetingId);
    expect(approveMinutes(db, chair, meetingId)).toBe(true);
    const rowsBefore = attendanceRows(meetingId);
    const auditBefore = auditOf(meetingId).length;

    expect(() => saveAttendanceList(db, chair, meetingId, [{ personId: memberIds[0], status: "narvarande", arrivedAt: null, leftAt: null }])).toThrow(/låst/);
    expect(() => markAllInvitedPresent(db, chair, meetingId)).toThrow(/låst/);
    expect(attendanceRows(meetingId)).toEqual(rowsBefore);
    expect(auditOf(meetingId).length).toBe(auditBefore);
  });
});
