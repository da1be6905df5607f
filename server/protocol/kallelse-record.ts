import { asc, eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { readDocumentText } from "../../db/documents/store";
import { listAgendaItems } from "../../db/queries/agenda";
import { filesOfMeeting } from "../../db/queries/files";
import { isDemoData } from "../../db/queries/demo-flag";
import { meetingSummary } from "../../db/queries/meetings";
import { agreementAttachments, groups } from "../../db/schema";
import { nowIso } from "../../db/time";
import type { KallelseData } from "./kallelse-data";
import { documentName } from "../../db/domain/document-names";

/**
 * What a meeting's kallelse shows, from the database as it is now: the
 * planned time and place, the agenda in order, the live "Kallelse och
 * bakgrund" text, and as handlingar the group's agreement and its bilagor
 * (meetings have no documents of their own yet). Null when there is no such
 * meeting; whether the viewer may see it is the caller's check.
 */
export function kallelseData(db: Db, meetingId: number, now = new Date()): KallelseData | null {
  const meeting = meetingSummary(db, meetingId);
  if (!meeting) return null;
  const agreementId = db.select({ id: groups.agreementId }).from(groups).where(eq(groups.id, meeting.groupId)).get()!.id;
  const bilagor = db
    .select({ label: agreementAttachments.label, title: agreementAttachments.title })
    .from(agreementAttachments)
    .where(eq(agreementAttachments.agreementId, agreementId))
    .orderBy(asc(agreementAttachments.position))
    .all();
  const agenda = listAgendaItems(db, meetingId);
  return {
    demo: isDemoData(db),
    cancelled: meeting.status === "installt",
    cancelReason: meeting.cancelReason,
    group: { name: meeting.groupName, agreementTitle: meeting.agreementTitle },
    meeting: { title: meeting.title, startsAt: meeting.startsAt, endsAt: meeting.endsAt, location: meeting.location, videoLink: meeting.videoLink },
    agenda: agenda.map((item) => ({ title: item.title, presenter: item.presenterName, preparedBy: item.preparedByGroupName })),
    text: readDocumentText(db, documentName({ kind: "agenda", meetingId: meetingId })),
    handlingar: [
      meeting.agreementTitle,
      ...bilagor.map((b) => `Bilaga${b.label ? ` ${b.label}` : ""} till överenskommelsen: ${b.title}`),
      // The files uploaded to the ärenden, under the ärende's number on the föredragningslista.
      ...filesOfMeeting(db, meetingId).flatMap((f) => {
        const at = agenda.findIndex((item) => item.id === f.agendaItemId);
        return at < 0 ? [] : [`Till ärende ${at + 1}, ${agenda[at]!.title}: ${f.title ? `${f.title} (${f.fileName})` : f.fileName}`];
      }),
    ],
    generatedAt: nowIso(now),
  };
}
