import { and, eq } from "drizzle-orm";
import type { Db } from "../client";
import type { NotificationChannel, NotificationKind } from "../domain/enums";
import { notificationPreferences, notifications, people } from "../schema";
import { enqueueMail } from "./mail-queue";

/** The kinds a person may not turn off: a member must get the kallelse to the meetings they are called to. */
export const unmutableKinds: readonly NotificationKind[] = ["kallelse"];

/**
 * The kinds that always go by e-mail and in the app, whatever is stored: an event of significant importance
 * must reach the other party's decision-maker "så snart det är möjligt" (the agreements), so nobody turns it
 * down to the app only. They are not among the choosable kinds either.
 */
export const alwaysEmailKinds: readonly NotificationKind[] = ["significant_event"];

/** A person's channel for a kind: their choice, e-mail when they made none; never "off" for an unmutable kind. */
export function channelFor(db: Db, personId: number, kind: NotificationKind): NotificationChannel {
  if (alwaysEmailKinds.includes(kind)) return "email";
  const row = db
    .select({ channel: notificationPreferences.channel })
    .from(notificationPreferences)
    .where(and(eq(notificationPreferences.personId, personId), eq(notificationPreferences.kind, kind)))
    .get();
  const channel = row?.channel ?? "email";
  return channel === "off" && unmutableKinds.includes(kind) ? "in_app" : channel;
}

// The origin links in e-mails start with: PUBLIC_ORIGIN, or (development, tests) the address the
// server listens on, registered at start. On globalThis, as the Remix bundle has its own copy of db/.
const originKey = "__samverkanMailOrigin";
type WithOrigin = typeof globalThis & { [originKey]?: string };

export function setMailOrigin(origin: string | null): void {
  (globalThis as WithOrigin)[originKey] = origin ?? undefined;
}

/**
 * The absolute link an e-mail gives for a path in the app: through the login page, which sends a
 * person already logged in straight on. It never carries a session: a forwarded mail opens nothing.
 */
export function mailLink(path: string): string {
  return `${mailOrigin()}/login?redirectTo=${encodeURIComponent(path)}`;
}

export function mailOrigin(): string {
  return (globalThis as WithOrigin)[originKey] ?? process.env.PUBLIC_ORIGIN ?? "http://localhost:3000";
}

export interface MailContent {
  subject: string;
  text: string;
  html: string;
  ics?: string | null;
}

export interface Notice {
  personId: number;
  kind: NotificationKind;
  /** The in-app line, e.g. "Kallelse: Lokal styrgrupp Skärholmen 2 mars 2027". */
  title: string;
  /** Where the notice leads in the app (a path). */
  link: string;
  /** Makes the notice and its e-mail one each, however often the verb runs ("kallelse:12:34:1"). */
  dedupeKey: string;
  /** The e-mail, built for this person (its links go through mailLink). */
  mail: MailContent;
}

/**
 * Tells a person about something, INSIDE the write transaction that did it: the in-app row, and the
 * e-mail queued when the person's channel for the kind is e-mail. Nothing for an inactive person or
 * one who turned the kind off. Returns the channel used.
 */
export function notify(tx: Db, notice: Notice, now = new Date()): NotificationChannel | null {
  const person = tx.select({ email: people.email, active: people.active }).from(people).where(eq(people.id, notice.personId)).get();
  if (!person?.active) return null;
  const channel = channelFor(tx, notice.personId, notice.kind);
  if (channel === "off") return channel;
  tx.insert(notifications)
    .values({ personId: notice.personId, kind: notice.kind, title: notice.title, link: notice.link, dedupeKey: notice.dedupeKey, createdAt: now.toISOString() })
    .onConflictDoNothing({ target: notifications.dedupeKey })
    .run();
  if (channel === "email") {
    enqueueMail(tx, { kind: notice.kind, personId: notice.personId, to: person.email, dedupeKey: notice.dedupeKey, ...notice.mail }, now);
  }
  return channel;
}
