import { eq } from "drizzle-orm";
import { getDb } from "../../db/client";
import { getMeetingForViewer } from "../../db/queries/meetings";
import type { Viewer } from "../../db/queries/sessions";
import { protocols } from "../../db/schema";
import { protocolData, storeProtocol as archiveProtocol } from "../../server/protocol/archive";
import { renderProtocolPdf } from "../../server/protocol/pdf";

/** Renders and archives the approved protocol once the minutes are locked. */
export function storeProtocol(meetingId: number): Promise<void> {
  return archiveProtocol(getDb(), meetingId);
}

/**
 * The protocol PDF for a viewer who may see the meeting: the stored, approved
 * one when the minutes are justerade, otherwise a draft rendered now. With
 * `decisionId`, a protokollsutdrag of that §.
 */
export async function protocolPdfFor(viewer: Viewer, meetingId: number, decisionId?: number): Promise<{ pdf: Buffer; approved: boolean } | null> {
  const db = getDb();
  if (!getMeetingForViewer(db, viewer, meetingId)) return null;
  if (decisionId !== undefined) {
    const data = protocolData(db, meetingId, decisionId);
    if (data.paragraphs.length === 0) return null;
    return { pdf: await renderProtocolPdf(data), approved: false };
  }
  const stored = db.select().from(protocols).where(eq(protocols.meetingId, meetingId)).get();
  if (stored) return { pdf: stored.pdf, approved: true };
  return { pdf: await renderProtocolPdf(protocolData(db, meetingId)), approved: false };
}
