import { eq } from "drizzle-orm";
import { getDb } from "../../db/client";
import { getMeetingForViewer } from "../../db/queries/meetings";
import type { Viewer } from "../../db/queries/sessions";
import { protocols } from "../../db/schema";
import { protocolData, storeProtocol as archiveProtocol } from "../../server/protocol/archive";
import { renderProtocolOffThread } from "../../server/protocol/render-pool";

export { isProtocolRenderError } from "../../server/protocol/render-pool";

/** Renders and archives the approved protocol once the minutes are locked (may throw ProtocolRenderError). */
export function storeProtocol(meetingId: number): Promise<void> {
  return archiveProtocol(getDb(), meetingId);
}

/**
 * The protocol PDF for a viewer who may see the meeting: the stored, approved
 * one when the minutes are justerade, otherwise a draft rendered now. With
 * `decisionId`, a protokollsutdrag of that §. Rendering runs off the event
 * loop and may throw ProtocolRenderError (busy, too slow, too large).
 *
 * Locked minutes whose protocol could not be archived at justering (the
 * render failed) are archived now: a justerad meeting is never served a draft.
 */
export async function protocolPdfFor(viewer: Viewer, meetingId: number, decisionId?: number): Promise<{ pdf: Buffer; approved: boolean } | null> {
  const db = getDb();
  const meeting = getMeetingForViewer(db, viewer, meetingId);
  if (!meeting) return null;
  if (decisionId !== undefined) {
    const data = protocolData(db, meetingId, decisionId);
    if (data.paragraphs.length === 0) return null;
    return { pdf: await renderProtocolOffThread(data), approved: false };
  }
  const storedPdf = () => db.select({ pdf: protocols.pdf }).from(protocols).where(eq(protocols.meetingId, meetingId)).get()?.pdf;
  let stored = storedPdf();
  if (!stored && meeting.lockedAt) {
    await archiveProtocol(db, meetingId, new Date(), { atJustering: false });
    stored = storedPdf();
  }
  if (stored) return { pdf: stored, approved: true };
  return { pdf: await renderProtocolOffThread(protocolData(db, meetingId)), approved: false };
}
