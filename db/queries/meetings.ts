import { eq } from "drizzle-orm";
import type { Db } from "../client";
import { agreements, groups, meetings } from "../schema";
import { meetingContext } from "./meeting-rights";
import type { Viewer } from "./sessions";

/**
 * A meeting with its group and agreement, or null when it does not exist or the viewer may not see it
 * (the one rule of meeting-rights.ts: its group's members, administrators, and a group it is shared with).
 */
export function getMeetingForViewer(db: Db, viewer: Viewer, meetingId: number) {
  const meeting = meetingSummary(db, meetingId);
  if (!meeting || !meetingContext(db, viewer, meetingId)) return null;
  return meeting;
}

/** A meeting with its group and agreement, unscoped: for server-side work such as the protocol. */
export function meetingSummary(db: Db, meetingId: number) {
  return db
    .select({
      id: meetings.id,
      title: meetings.title,
      startsAt: meetings.startsAt,
      endsAt: meetings.endsAt,
      location: meetings.location,
      videoLink: meetings.videoLink,
      status: meetings.status,
      startedAt: meetings.startedAt,
      endedAt: meetings.endedAt,
      cancelledAt: meetings.cancelledAt,
      cancelReason: meetings.cancelReason,
      lockedAt: meetings.lockedAt,
      groupId: groups.id,
      groupName: groups.name,
      agreementSlug: agreements.slug,
      agreementTitle: agreements.title,
    })
    .from(meetings)
    .innerJoin(groups, eq(groups.id, meetings.groupId))
    .innerJoin(agreements, eq(agreements.id, groups.agreementId))
    .where(eq(meetings.id, meetingId))
    .get();
}
