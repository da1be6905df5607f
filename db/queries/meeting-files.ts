import { and, eq, inArray, isNull, or, type SQL } from "drizzle-orm";
import type { Db } from "../client";
import { agendaItems, decisions, storedFiles } from "../schema";

/**
 * A query condition on stored_files: the listed (not removed) files of a meeting's ärenden and decisions.
 * One definition for what the page lists, the protocol prints and the record version covers.
 */
export function listedFilesOfMeeting(db: Db, meetingId: number): SQL {
  return and(
    isNull(storedFiles.removedAt),
    or(
      inArray(storedFiles.agendaItemId, db.select({ id: agendaItems.id }).from(agendaItems).where(eq(agendaItems.meetingId, meetingId))),
      inArray(storedFiles.decisionId, db.select({ id: decisions.id }).from(decisions).where(eq(decisions.meetingId, meetingId))),
    ),
  )!;
}
