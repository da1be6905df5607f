import { asc, eq } from "drizzle-orm";
import type { Db } from "../client";
import { agendaItems, paragraphs } from "../schema";

/** The standard agenda's closing items: the ärenden of the meeting come before them. */
const closingTitle = /^(övriga frågor|(mötets )?avslut(ande|ning))\b/i;

/**
 * Where a new ärende goes on a meeting's agenda: before the standard agenda's closing items
 * ("Övriga frågor", "Mötets avslutande") when the agenda ends with them and they are not dealt
 * with yet, which then move one step down; otherwise at the end. The agenda is the order the
 * ärenden are dealt with and numbered in, so an ärende added after "Mötets avslutande" would get
 * a § after the meeting was closed. Call inside the write transaction that inserts the item.
 */
export function positionForNewItem(tx: Db, meetingId: number): number {
  const items = tx
    .select({
      id: agendaItems.id,
      position: agendaItems.position,
      title: agendaItems.title,
      createdBy: agendaItems.createdBy,
      carriedFromId: agendaItems.carriedFromId,
      paragraphId: paragraphs.id,
    })
    .from(agendaItems)
    .leftJoin(paragraphs, eq(paragraphs.agendaItemId, agendaItems.id))
    .where(eq(agendaItems.meetingId, meetingId))
    .orderBy(asc(agendaItems.position))
    .all();
  let firstClosing = items.length;
  while (firstClosing > 0) {
    const item = items[firstClosing - 1];
    const isClosing = item.createdBy === null && item.carriedFromId === null && item.paragraphId === null && closingTitle.test(item.title.trim());
    if (!isClosing) break;
    firstClosing -= 1;
  }
  if (firstClosing === items.length) return (items.at(-1)?.position ?? 0) + 1;
  for (const item of items.slice(firstClosing).reverse()) {
    tx.update(agendaItems)
      .set({ position: item.position + 1 })
      .where(eq(agendaItems.id, item.id))
      .run();
  }
  return items[firstClosing].position;
}
