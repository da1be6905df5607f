import { and, count, desc, eq, isNull } from "drizzle-orm";
import { writeTransaction, type Db } from "../client";
import { choosableNotificationKinds, type NotificationChannel, type NotificationKind } from "../domain/enums";
import { notificationPreferences, notifications } from "../schema";
import { ConflictError, NotFoundError } from "./errors";
import { channelFor, unmutableKinds } from "./notify";
import type { Viewer } from "./sessions";

const LIST_SIZE = 100;

/** The viewer's notices, newest first. */
export function listMyNotifications(db: Db, viewer: Viewer) {
  return db
    .select({ id: notifications.id, kind: notifications.kind, title: notifications.title, createdAt: notifications.createdAt, readAt: notifications.readAt })
    .from(notifications)
    .where(eq(notifications.personId, viewer.id))
    .orderBy(desc(notifications.id))
    .limit(LIST_SIZE)
    .all();
}

/** How many of the viewer's notices are unread (the header's count). */
export function unreadNotificationCount(db: Db, viewer: Viewer): number {
  return db
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.personId, viewer.id), isNull(notifications.readAt)))
    .get()!.n;
}

/** Opens one of the viewer's notices: marks it read and returns where it leads. Someone else's is not found. */
export function openNotification(db: Db, viewer: Viewer, id: number, now = new Date()): string {
  return writeTransaction(db, (tx) => {
    const row = tx
      .select({ link: notifications.link, readAt: notifications.readAt })
      .from(notifications)
      .where(and(eq(notifications.id, id), eq(notifications.personId, viewer.id)))
      .get();
    if (!row) throw new NotFoundError();
    if (!row.readAt) tx.update(notifications).set({ readAt: now.toISOString() }).where(eq(notifications.id, id)).run();
    return row.link;
  });
}

export function markAllNotificationsRead(db: Db, viewer: Viewer, now = new Date()): void {
  writeTransaction(db, (tx) => {
    tx.update(notifications)
      .set({ readAt: now.toISOString() })
      .where(and(eq(notifications.personId, viewer.id), isNull(notifications.readAt)))
      .run();
  });
}

/** The viewer's channel for every kind, and whether they may turn it off. */
export function myNotificationPreferences(db: Db, viewer: Viewer): { kind: NotificationKind; channel: NotificationChannel; mayTurnOff: boolean }[] {
  return choosableNotificationKinds.map((kind) => ({ kind, channel: channelFor(db, viewer.id, kind), mayTurnOff: !unmutableKinds.includes(kind) }));
}

export function setNotificationPreferences(db: Db, viewer: Viewer, choices: Partial<Record<NotificationKind, NotificationChannel>>): void {
  writeTransaction(db, (tx) => {
    for (const [kind, channel] of Object.entries(choices) as [NotificationKind, NotificationChannel][]) {
      if (channel === "off" && unmutableKinds.includes(kind)) throw new ConflictError("Kallelser kan inte stängas av.", kind);
      tx.insert(notificationPreferences)
        .values({ personId: viewer.id, kind, channel })
        .onConflictDoUpdate({ target: [notificationPreferences.personId, notificationPreferences.kind], set: { channel } })
        .run();
    }
  });
}
