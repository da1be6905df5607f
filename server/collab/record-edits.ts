import type { Db } from "../../db/client";
import { liveEvents } from "../../db/live-events";
import { hasApprovalsOfOpenMinutes } from "../../db/queries/meeting-lifecycle";
import { isRecordDocumentKind } from "../../db/queries/record-version";
import type { LiveDocument } from "./live-document";

/** How long typing must pause before open meeting pages are told about an edit. */
const ANNOUNCE_AFTER_MS = 1_500;

/**
 * An edit to a meeting's record after someone approved it voids their
 * approval (see record-version.ts). Open meeting pages learn of changes only
 * through `meetingChanged`; announcing every keystroke would reload every page
 * while people type, so an edit is announced once typing pauses, and only
 * while there are approvals it can void.
 */
export class RecordEditAnnouncer {
  private readonly timers = new Map<number, NodeJS.Timeout>();

  constructor(private readonly db: Db) {}

  watch(document: LiveDocument): void {
    const meetingId = document.meetingId;
    if (meetingId === null || !isRecordDocumentKind(document.kind)) return;
    document.onEdit(() => this.edited(meetingId));
  }

  stop(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  private edited(meetingId: number): void {
    clearTimeout(this.timers.get(meetingId));
    const timer = setTimeout(() => {
      this.timers.delete(meetingId);
      try {
        if (hasApprovalsOfOpenMinutes(this.db, meetingId)) liveEvents().emit("meetingChanged", meetingId);
      } catch (error) {
        console.error("collab: could not check the approvals of an edited meeting", error);
      }
    }, ANNOUNCE_AFTER_MS);
    timer.unref();
    this.timers.set(meetingId, timer);
  }
}
