// The writer lives in db/domain, as the kallelse e-mails (db/queries/meeting-notices.ts) attach it too.
export { calendarFor } from "../../db/domain/ics";
