import { Link } from "@remix-run/react";
import { paragraphLabel } from "../../../db/domain/labels";
import { agendaItemHeadingId } from "~/utils/meeting-anchors";

/** "§ 4/2026", linking to the ärende on its meeting's page: an uppdrag names the § that gave it wherever it is listed. */
export function ParagraphLink({
  item,
}: {
  item: { meetingId: number | null; agendaItemId: number | null; paragraphNumber: number | null; paragraphYear: number | null };
}) {
  if (item.meetingId === null || item.agendaItemId === null || item.paragraphNumber === null || item.paragraphYear === null) return null;
  return (
    <Link to={`/moten/${item.meetingId}#${agendaItemHeadingId(item.agendaItemId)}`} data-paragraph-link>
      {paragraphLabel(item.paragraphNumber, item.paragraphYear)}
    </Link>
  );
}
