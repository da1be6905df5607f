import { and, eq, inArray, isNotNull, isNull, lt, lte } from "drizzle-orm";
import { writeTransaction, type Db } from "../client";
import type { ActionRowStatus } from "../domain/enums";
import { paragraphLabel } from "../domain/labels";
import { digestSummary, uppdragDigestMail, type DigestAtgard, type DigestUppdrag } from "../domain/mail-texts";
import { daysAfter, stockholmDate } from "../domain/stockholm-time";
import { actionItems, actionPlanRows, notifications, people } from "../schema";
import { listMyActionItems, openActionItemStatuses } from "./action-items";
import { listMyActionRows } from "./action-plan-rows";
import { mailLink, notify } from "./notify";
import type { Viewer } from "./sessions";

/**
 * The daily digest: one message a day per person with their open uppdrag that are late or due within
 * DIGEST_DAYS_AHEAD days, and the åtgärder they are responsible for whose end date passed without being
 * genomförd or stoppad. Never one message per item. The dedupe key names the person and the Stockholm
 * day, so running it again (a restart, a second server, the CLI) queues nothing twice.
 */

/** "Ska vara klara inom 3 dagar": today and the next three days. */
export const DIGEST_DAYS_AHEAD = 3;

/** An åtgärd in these states needs nothing more, whatever its end date. */
const finishedRowStatuses: ActionRowStatus[] = ["genomford", "stoppad"];

export function digestDedupeKey(personId: number, date: string): string {
  return `digest:${personId}:${date}`;
}

export interface PersonDigest {
  overdue: DigestUppdrag[];
  dueSoon: DigestUppdrag[];
  lateAtgarder: DigestAtgard[];
}

/**
 * What the person's digest of the Stockholm day of `now` lists, read as they would see it on Mina
 * uppdrag and Mina åtgärder (so only uppdrag of groups they are still in, and plans they may read).
 */
export function digestFor(db: Db, viewer: Viewer, now: Date): PersonDigest {
  const today = stockholmDate(now);
  const horizon = daysAfter(today, DIGEST_DAYS_AHEAD);
  const open = listMyActionItems(db, viewer, now).assignedToMe.filter(
    (item): item is typeof item & { dueOn: string } => item.dueOn !== null && openActionItemStatuses.includes(item.status) && item.dueOn <= horizon,
  );
  const entry = (item: (typeof open)[number]): DigestUppdrag => ({
    title: item.title,
    dueOn: item.dueOn,
    groupName: item.groupName,
    meetingTitle: item.meetingTitle,
    paragraph: item.paragraphNumber !== null && item.paragraphYear !== null ? paragraphLabel(item.paragraphNumber, item.paragraphYear) : null,
    link: item.meetingId
      ? { label: "Mötet där uppdraget gavs", url: mailLink(`/moten/${item.meetingId}`) }
      : { label: "Mina uppdrag", url: mailLink("/uppdrag") },
  });
  const lateAtgarder = listMyActionRows(db, viewer)
    .filter(({ row, latest }) => row.endsOn !== null && row.endsOn < today && !(latest && finishedRowStatuses.includes(latest.status)))
    .map(({ row, title, agreementTitle, agreementSlug }): DigestAtgard => ({
      title,
      endsOn: row.endsOn!,
      agreementTitle,
      link: { label: "Åtgärdsplanen", url: mailLink(`/overenskommelser/${agreementSlug}/atgardsplan`) },
    }));
  return {
    overdue: open.filter((item) => item.overdue).map(entry),
    dueSoon: open.filter((item) => !item.overdue).map(entry),
    lateAtgarder,
  };
}

/** The people who may have something in the day's digest: a cheap first cut, before each digest is read. */
function candidates(db: Db, today: string): Viewer[] {
  const owners = db
    .selectDistinct({ id: actionItems.ownerId })
    .from(actionItems)
    .where(and(inArray(actionItems.status, openActionItemStatuses), isNotNull(actionItems.dueOn), lte(actionItems.dueOn, daysAfter(today, DIGEST_DAYS_AHEAD))))
    .all();
  const responsible = db
    .selectDistinct({ id: actionPlanRows.responsiblePersonId })
    .from(actionPlanRows)
    .where(and(isNull(actionPlanRows.removedAt), isNotNull(actionPlanRows.responsiblePersonId), lt(actionPlanRows.endsOn, today)))
    .all();
  const ids = [...new Set([...owners, ...responsible].map((r) => r.id).filter((id): id is number => id !== null))];
  if (ids.length === 0) return [];
  return db
    .select({ id: people.id, name: people.name, email: people.email, isAdmin: people.isAdmin })
    .from(people)
    .where(and(inArray(people.id, ids), eq(people.active, true)))
    .all();
}

/**
 * Queues the digest of the Stockholm day of `now` for everyone with something in it, each through
 * notify (their channel for "uppdrag_due"; the in-app notice leads to Mina uppdrag). Nothing for a
 * person with nothing to list, nor for one whose digest of the day exists. Returns how many were queued.
 */
export function queueDailyDigests(db: Db, now = new Date()): number {
  const today = stockholmDate(now);
  let queued = 0;
  for (const viewer of candidates(db, today)) {
    const key = digestDedupeKey(viewer.id, today);
    if (digestMade(db, key)) continue;
    const digest = digestFor(db, viewer, now);
    if (digest.overdue.length + digest.dueSoon.length + digest.lateAtgarder.length === 0) continue;
    const mail = uppdragDigestMail({
      ...digest,
      date: today,
      daysAhead: DIGEST_DAYS_AHEAD,
      uppdragLink: mailLink("/uppdrag"),
      atgarderLink: mailLink("/mina-atgarder"),
    });
    const title = digestSummary({ ...digest, daysAhead: DIGEST_DAYS_AHEAD });
    const told = writeTransaction(db, (tx) => {
      // Checked again in the write transaction: another server may have made it meanwhile.
      if (digestMade(tx, key)) return false;
      const channel = notify(tx, { personId: viewer.id, kind: "uppdrag_due", title, link: "/uppdrag", dedupeKey: key, mail }, now);
      return channel === "email" || channel === "in_app";
    });
    if (told) queued++;
  }
  return queued;
}

/** Whether the digest was made: its in-app notice exists (every channel but "off" has one). */
function digestMade(db: Db, key: string): boolean {
  return db.select({ id: notifications.id }).from(notifications).where(eq(notifications.dedupeKey, key)).get() !== undefined;
}
