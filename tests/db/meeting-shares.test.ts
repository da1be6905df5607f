/**
 * Issue 16: "The beredningsgrupp sees the styrgrupp's decisions and their follow-up, without the styrgrupp's
 * other texts unless shared." On the demo data: Lokal styrgrupp Skärholmen's chair shares a meeting with
 * Lokal beredningsgrupp Skärholmen; its members then read the meeting (never write it) until the share is
 * revoked. Nobody else gains anything, and a share by anyone but the styrgrupp's chair or secretary, or to
 * any group but its own beredningsgrupp, is refused with nothing stored.
 */
import { and, eq } from "drizzle-orm";
import { closeDatabase, type Db } from "../../db/client";
import { addAgendaItem } from "../../db/queries/agenda";
import { protocolAccess } from "../../db/queries/delivered-protocols";
import { documentAccess } from "../../db/queries/document-access";
import { ConflictError, ForbiddenError, NotFoundError } from "../../db/queries/errors";
import { listMeetingFiles } from "../../db/queries/files";
import { meetingContext, requireEditing } from "../../db/queries/meeting-rights";
import { meetingSharePanel, meetingsSharedWithGroup, revokeMeetingShare, shareMeeting, shareTargetsOf } from "../../db/queries/meeting-shares";
import { getMeetingForViewer } from "../../db/queries/meetings";
import { auditLog, groups, meetings, meetingShares } from "../../db/schema";
import { addMemberOnly, openSeededDatabase, viewerByEmail } from "../support/seeded-db";

let db: Db;
const groupId = (name: string) => db.select().from(groups).where(eq(groups.name, name)).get()!.id;
const firstMeetingOf = (name: string, status: "planerat" | "justerat") =>
  db
    .select()
    .from(meetings)
    .where(and(eq(meetings.groupId, groupId(name)), eq(meetings.status, status)))
    .orderBy(meetings.startsAt)
    .get()!.id;
const sharesOf = (meetingId: number) => db.select().from(meetingShares).where(eq(meetingShares.meetingId, meetingId)).all();
const auditOf = (meetingId: number, action: "meeting.shared" | "meeting.share_revoked") =>
  db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.subject, `meeting:${meetingId}`), eq(auditLog.action, action)))
    .all();

beforeAll(async () => {
  db = await openSeededDatabase();
});
afterAll(() => closeDatabase());

describe("sharing a styrgrupp meeting with its beredningsgrupp", () => {
  it("offers only the styrgrupp's own beredningsgrupp", () => {
    expect(shareTargetsOf(db, groupId("Lokal styrgrupp Skärholmen"))).toEqual([
      { id: groupId("Lokal beredningsgrupp Skärholmen"), name: "Lokal beredningsgrupp Skärholmen" },
    ]);
    expect(shareTargetsOf(db, groupId("Stadsövergripande styrgrupp")).map((g) => g.name)).toEqual(["Stadsövergripande beredningsgrupp"]);
    expect(shareTargetsOf(db, groupId("Lokal beredningsgrupp Skärholmen"))).toEqual([]);
    expect(shareTargetsOf(db, groupId("Arbetsgrupp avgränsade platser"))).toEqual([]);
  });

  it("lets the beredningsgrupp's members read a shared meeting, read-only, until the share is revoked", () => {
    const meetingId = firstMeetingOf("Lokal styrgrupp Skärholmen", "planerat");
    const beredningId = groupId("Lokal beredningsgrupp Skärholmen");
    const chair = viewerByEmail(db, "sdd.skarholmen@example.se");
    // Sekreterare of the beredningsgrupp, in no styrgrupp.
    const preparer = viewerByEmail(db, "daniel.lund@example.se");
    const minutes = { kind: "minutes" as const, meetingId };
    expect(meetingContext(db, preparer, meetingId)).toBeNull();
    expect(documentAccess(db, preparer, minutes)).toEqual({ ok: false, reason: "forbidden" });

    shareMeeting(db, chair, meetingId, beredningId);
    const context = meetingContext(db, preparer, meetingId)!;
    expect(context).toMatchObject({ role: null, canRun: false, canEdit: false, sharedWith: { id: beredningId, name: "Lokal beredningsgrupp Skärholmen" } });
    expect(getMeetingForViewer(db, preparer, meetingId)?.id).toBe(meetingId);
    expect(documentAccess(db, preparer, minutes)).toMatchObject({ ok: true, mode: "read" });
    expect(listMeetingFiles(db, preparer, meetingId)).toEqual(expect.any(Array));
    expect(protocolAccess(db, preparer, meetingId)).toMatchObject({ deliveredOnly: false });
    expect(meetingsSharedWithGroup(db, preparer, beredningId).map((m) => m.meetingId)).toEqual([meetingId]);
    expect(meetingSharePanel(db, meetingId, groupId("Lokal styrgrupp Skärholmen"))).toEqual([
      { groupId: beredningId, groupName: "Lokal beredningsgrupp Skärholmen", sharedAt: expect.any(String) },
    ]);
    // A member of the styrgrupp reads it as before, as its member.
    expect(meetingContext(db, chair, meetingId)).toMatchObject({ canRun: true, sharedWith: null });

    // Reading only: no write verb passes, nothing is stored.
    expect(() => requireEditing(db, preparer, meetingId)).toThrow(ForbiddenError);
    expect(() => addAgendaItem(db, preparer, meetingId, { title: "Från beredningen", kind: "information", presenterId: null })).toThrow(ForbiddenError);
    expect(() => shareMeeting(db, preparer, meetingId, beredningId)).toThrow(ForbiddenError);
    expect(() => revokeMeetingShare(db, preparer, meetingId, beredningId)).toThrow(ForbiddenError);
    expect(auditOf(meetingId, "meeting.shared")).toHaveLength(1);

    // Shared once: a second share is refused, not a second row.
    expect(() => shareMeeting(db, chair, meetingId, beredningId)).toThrow(ConflictError);
    expect(sharesOf(meetingId)).toHaveLength(1);

    revokeMeetingShare(db, chair, meetingId, beredningId);
    expect(meetingContext(db, preparer, meetingId)).toBeNull();
    expect(documentAccess(db, preparer, minutes)).toEqual({ ok: false, reason: "forbidden" });
    expect(() => listMeetingFiles(db, preparer, meetingId)).toThrow(NotFoundError);
    expect(protocolAccess(db, preparer, meetingId)).toBeNull();
    expect(meetingsSharedWithGroup(db, preparer, beredningId)).toEqual([]);
    // The row stays, revoked: who could read what, when, stays known.
    expect(sharesOf(meetingId)).toEqual([expect.objectContaining({ sharedBy: chair.id, revokedBy: chair.id, revokedAt: expect.any(String) })]);
    expect(auditOf(meetingId, "meeting.share_revoked")).toHaveLength(1);
    expect(() => revokeMeetingShare(db, chair, meetingId, beredningId)).toThrow(ConflictError);
  });

  it("gives nobody but the beredningsgrupp's members anything: not Östermalm, not an arbetsgrupp, not the group's list", () => {
    const meetingId = firstMeetingOf("Lokal styrgrupp Skärholmen", "justerat");
    shareMeeting(db, viewerByEmail(db, "linnea.holmberg@example.se"), meetingId, groupId("Lokal beredningsgrupp Skärholmen"));
    const worker = addMemberOnly(db, "Arbetsgrupp avgränsade platser", "ledamot", "arbetsgrupp.delning@example.se");
    for (const outsider of [viewerByEmail(db, "kommunpolis.ostermalm@example.se"), worker]) {
      expect(meetingContext(db, outsider, meetingId)).toBeNull();
      expect(getMeetingForViewer(db, outsider, meetingId)).toBeNull();
      expect(documentAccess(db, outsider, { kind: "minutes", meetingId })).toEqual({ ok: false, reason: "forbidden" });
      expect(protocolAccess(db, outsider, meetingId)).toBeNull();
      expect(meetingsSharedWithGroup(db, outsider, groupId("Lokal beredningsgrupp Skärholmen"))).toEqual([]);
    }
    // A läsare of the beredningsgrupp is a member too: they read it.
    const reader = addMemberOnly(db, "Lokal beredningsgrupp Skärholmen", "lasare", "lasare.delning@example.se");
    expect(meetingContext(db, reader, meetingId)).toMatchObject({ canEdit: false, locked: true });
  });

  it("refuses a share by a ledamot, by the chair of another group, and to any group but the styrgrupp's beredningsgrupp, with nothing stored", () => {
    const meetingId = firstMeetingOf("Lokal styrgrupp Skärholmen", "planerat");
    const before = { shares: sharesOf(meetingId).length, audit: auditOf(meetingId, "meeting.shared").length };
    const beredningId = groupId("Lokal beredningsgrupp Skärholmen");
    expect(() => shareMeeting(db, viewerByEmail(db, "karl.ljung@example.se"), meetingId, beredningId)).toThrow(ForbiddenError);
    expect(() => shareMeeting(db, viewerByEmail(db, "cecilia.wahlberg@example.se"), meetingId, beredningId)).toThrow(NotFoundError);
    expect(() => shareMeeting(db, viewerByEmail(db, "daniel.lund@example.se"), meetingId, beredningId)).toThrow(NotFoundError);
    const chair = viewerByEmail(db, "sdd.skarholmen@example.se");
    for (const other of [
      "Lokal beredningsgrupp Östermalm",
      "Arbetsgrupp avgränsade platser",
      "Stadsövergripande beredningsgrupp",
      "Lokal styrgrupp Skärholmen",
    ]) {
      expect(() => shareMeeting(db, chair, meetingId, groupId(other)), other).toThrow(ConflictError);
    }
    // A beredningsgrupp's own meeting has nothing to share upwards: its chair finds no target.
    const beredningMeeting = firstMeetingOf("Lokal beredningsgrupp Skärholmen", "planerat");
    expect(() => shareMeeting(db, viewerByEmail(db, "daniel.lund@example.se"), beredningMeeting, beredningId)).toThrow(ConflictError);
    expect(sharesOf(meetingId)).toHaveLength(before.shares);
    expect(sharesOf(beredningMeeting)).toEqual([]);
    expect(auditOf(meetingId, "meeting.shared")).toHaveLength(before.audit);
  });
});
