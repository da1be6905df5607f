import { getDb } from "../../db/client";
import { getMeetingForViewer } from "../../db/queries/meetings";
import type { Viewer } from "../../db/queries/sessions";
import { protocolFileName } from "../../server/protocol/file-name";
import { kallelseData } from "../../server/protocol/kallelse-record";
import { renderKallelseOffThread } from "../../server/protocol/render-pool";

/**
 * The kallelse PDF of a meeting the viewer may see (any member of the group),
 * rendered now off the event loop; null for a missing meeting and for one the
 * viewer may not see alike. May throw ProtocolRenderError (busy, too slow).
 */
export async function kallelsePdfFor(viewer: Viewer, meetingId: number): Promise<{ pdf: Buffer; fileName: string } | null> {
  const db = getDb();
  if (!getMeetingForViewer(db, viewer, meetingId)) return null;
  const data = kallelseData(db, meetingId);
  if (!data) return null;
  const fileName = protocolFileName({
    kind: "kallelse",
    groupName: data.group.name,
    startsAt: data.meeting.startsAt,
    draft: false,
    demo: data.demo,
    cancelled: data.cancelled,
  });
  return { pdf: await renderKallelseOffThread(data), fileName };
}
