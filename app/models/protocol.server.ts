import { eq } from "drizzle-orm";
import { getDb } from "../../db/client";
import { isDemoData } from "../../db/queries/demo-flag";
import { protocolAccess, recordDeliveredProtocolRead } from "../../db/queries/delivered-protocols";
import type { Viewer } from "../../db/queries/sessions";
import { protocols } from "../../db/schema";
import { protocolData, storeProtocol as archiveProtocol } from "../../server/protocol/archive";
import { protocolFileName } from "../../server/protocol/file-name";
import type { ProtocolData } from "../../server/protocol/protocol-data";
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
 *
 * A lokal styrgrupp's member fetching a city-wide styrgrupp's protocol delivered to them
 * (db/queries/delivered-protocols.ts) gets the justerat protocol only, and the fetch marks it läst.
 */
export async function protocolPdfFor(viewer: Viewer, meetingId: number, decisionId?: number): Promise<{ pdf: Buffer; fileName: string } | null> {
  const db = getDb();
  const access = protocolAccess(db, viewer, meetingId);
  if (!access || (access.deliveredOnly && decisionId !== undefined)) return null;
  const { meeting } = access;
  const fileName = (data: Pick<ProtocolData, "kind" | "draft" | "demo" | "paragraphs">) =>
    protocolFileName({
      ...data,
      groupName: meeting.groupName,
      startsAt: meeting.startsAt,
      paragraph: data.kind === "protokollsutdrag" ? data.paragraphs[0] : undefined,
    });
  if (decisionId !== undefined) {
    const data = protocolData(db, meetingId, decisionId);
    if (data.paragraphs.length === 0) return null;
    return { pdf: await renderProtocolOffThread(data), fileName: fileName(data) };
  }
  const storedPdf = () => db.select({ pdf: protocols.pdf }).from(protocols).where(eq(protocols.meetingId, meetingId)).get()?.pdf;
  let stored = storedPdf();
  if (!stored && meeting.lockedAt) {
    await archiveProtocol(db, meetingId, new Date(), { atJustering: false });
    stored = storedPdf();
  }
  if (stored) {
    if (access.recipient) recordDeliveredProtocolRead(db, viewer, meetingId);
    return { pdf: stored, fileName: fileName({ kind: "protokoll", draft: false, demo: isDemoData(db), paragraphs: [] }) };
  }
  if (access.deliveredOnly) return null;
  const data = protocolData(db, meetingId);
  return { pdf: await renderProtocolOffThread(data), fileName: fileName(data) };
}
