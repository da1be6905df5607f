/**
 * Händelser av väsentlig betydelse (the local agreements' clause "Information"): a member of a group under
 * a local agreement records what happened; the other party's ordförande in the agreement's lokal styrgrupp
 * is told at once, in the app and by e-mail, and acknowledges it. The list is the agreement's record of
 * who knew what when, so an event is never changed after it is recorded: a correction is a new event.
 * This module has no verb that changes an event's row.
 */
import { and, asc, desc, eq, inArray, isNull } from "drizzle-orm";
import { type Db, writeTransaction } from "../client";
import { checkSignificantEvent, eventNoticeTitle, informationClause, significantEventMail, type SignificantEventInput } from "../domain/significant-events";
import { agreementParties, agreements, memberships, notifications, organisations, people, significantEventRecipients, significantEvents } from "../schema";
import { nowIso } from "../time";
import { rolesUnderAgreement } from "./agreement-membership";
import { appendAudit } from "./audit";
import { ConflictError, ForbiddenError, NotFoundError } from "./errors";
import { mailLink, notify } from "./notify";
import { partyOfPerson } from "./party";
import type { Viewer } from "./sessions";
import { localSteeringGroup } from "./steering-documents";

/** The page of an agreement's events; the notice's link and the page's anchors use it. */
export function significantEventsPath(slug: string, eventId?: number): string {
  return `/overenskommelser/${slug}/vasentliga-handelser${eventId === undefined ? "" : `#${significantEventAnchor(eventId)}`}`;
}

export function significantEventAnchor(eventId: number): string {
  return `handelse-${eventId}`;
}

type AgreementRow = { id: number; slug: string; title: string; scope: "city_wide" | "local" };

function localAgreement(db: Db, where: { slug: string } | { id: number }): AgreementRow | null {
  const row = db
    .select({ id: agreements.id, slug: agreements.slug, title: agreements.title, scope: agreements.scope })
    .from(agreements)
    .where("slug" in where ? eq(agreements.slug, where.slug) : eq(agreements.id, where.id))
    .get();
  return row && row.scope === "local" ? row : null;
}

/**
 * Who is told about an event the person reports: every active ordförande of the agreement's lokal
 * styrgrupp whose party (db/queries/party.ts) is not the reporter's, never the reporter. When either
 * party cannot be told (no organisation), the chair is told: better one notice too many than the
 * other party's decision-maker left out. Empty when there is no such chair (or no lokal styrgrupp).
 */
export function recipientsFor(db: Db, agreementId: number, reporterId: number) {
  const steering = localSteeringGroup(db, agreementId);
  if (!steering) return [];
  const reporterParty = partyOfPerson(db, reporterId);
  return db
    .select({ personId: people.id, name: people.name, title: people.title })
    .from(memberships)
    .innerJoin(people, eq(people.id, memberships.personId))
    .where(and(eq(memberships.groupId, steering.id), eq(memberships.role, "ordforande"), eq(people.active, true)))
    .orderBy(asc(people.name))
    .all()
    .filter((chair) => chair.personId !== reporterId)
    .map((chair) => ({ ...chair, party: partyOfPerson(db, chair.personId) }))
    .filter((chair) => chair.party === null || reporterParty === null || chair.party.id !== reporterParty.id);
}

/** Records an event and tells the other party's chair(s), all in one transaction. Läsare only read. */
export function recordSignificantEvent(db: Db, viewer: Viewer, agreementId: number, input: SignificantEventInput, now = new Date()) {
  return writeTransaction(db, (tx) => {
    const agreement = localAgreement(tx, { id: agreementId });
    const roles = agreement ? rolesUnderAgreement(tx, viewer, agreement.id) : [];
    if (!agreement || roles.length === 0) throw new NotFoundError();
    if (roles.every((role) => role === "lasare")) throw new ForbiddenError("Som läsare kan du läsa händelserna men inte registrera dem.");
    const checked = checkSignificantEvent(input, now);
    if (!checked.ok) {
      const [field, message] = Object.entries(checked.errors)[0];
      throw new ConflictError(message, field);
    }
    const event = checked.event;
    const party = partyOfPerson(tx, viewer.id);
    const at = nowIso(now);
    const { id } = tx
      .insert(significantEvents)
      .values({ agreementId: agreement.id, reportedBy: viewer.id, reportingPartyId: party?.id ?? null, ...event, createdAt: at })
      .returning({ id: significantEvents.id })
      .get();
    const recipients = recipientsFor(tx, agreement.id, viewer.id);
    const path = significantEventsPath(agreement.slug, id);
    for (const recipient of recipients) {
      tx.insert(significantEventRecipients).values({ eventId: id, personId: recipient.personId, notifiedAt: at }).run();
      notify(
        tx,
        {
          personId: recipient.personId,
          kind: "significant_event",
          title: eventNoticeTitle({ agreementTitle: agreement.title, ...event }),
          link: path,
          dedupeKey: noticeKey(id, recipient.personId),
          mail: significantEventMail({
            agreementTitle: agreement.title,
            ...event,
            reporterName: viewer.name,
            reporterParty: party?.name ?? null,
            link: mailLink(path),
          }),
        },
        now,
      );
    }
    appendAudit(
      tx,
      {
        actorId: viewer.id,
        action: "significant_event.recorded",
        subject: `agreement:${agreement.id}`,
        payload: {
          eventId: id,
          // A secret event's title stays out of the log, which administrators read.
          title: auditTitle(id, event),
          confidentiality: event.confidentiality,
          recipients: recipients.map((r) => r.personId),
          detail:
            recipients.length > 0
              ? `Underrättade: ${recipients.map((r) => r.name).join(", ")}`
              : "Ingen ordförande för den andra parten i den lokala styrgruppen kunde underrättas",
        },
      },
      now,
    );
    return { eventId: id, recipients: recipients.map((r) => ({ personId: r.personId, name: r.name })) };
  });
}

/** One notice and one e-mail per event and recipient. */
function noticeKey(eventId: number, personId: number): string {
  return `significant_event:${eventId}:${personId}`;
}

function auditTitle(eventId: number, event: { title: string; confidentiality: string }): string {
  return event.confidentiality === "sekretess" ? `Händelse ${eventId} (sekretess)` : event.title;
}

/** The recipient acknowledges that they have taken note of the event: once, and only a person who was told. */
export function acknowledgeSignificantEvent(db: Db, viewer: Viewer, eventId: number, now = new Date()): void {
  writeTransaction(db, (tx) => {
    const event = tx.select().from(significantEvents).where(eq(significantEvents.id, eventId)).get();
    if (!event || rolesUnderAgreement(tx, viewer, event.agreementId).length === 0) throw new NotFoundError();
    const mine = and(eq(significantEventRecipients.eventId, eventId), eq(significantEventRecipients.personId, viewer.id));
    const recipient = tx.select().from(significantEventRecipients).where(mine).get();
    if (!recipient) throw new ForbiddenError("Bara den som underrättades om händelsen kan kvittera den.");
    if (recipient.acknowledgedAt) throw new ConflictError("Du har redan kvitterat händelsen.");
    tx.update(significantEventRecipients)
      .set({ acknowledgedAt: nowIso(now) })
      .where(and(mine, isNull(significantEventRecipients.acknowledgedAt)))
      .run();
    // Acknowledged is dealt with: the notice that asked for it needs no more attention.
    tx.update(notifications)
      .set({ readAt: nowIso(now) })
      .where(and(eq(notifications.dedupeKey, noticeKey(eventId, viewer.id)), isNull(notifications.readAt)))
      .run();
    appendAudit(
      tx,
      {
        actorId: viewer.id,
        action: "significant_event.acknowledged",
        subject: `agreement:${event.agreementId}`,
        payload: { eventId, title: auditTitle(eventId, event), detail: "Kvitterad" },
      },
      now,
    );
  });
}

/**
 * The agreement's events for its page, newest first, with who was told and when they acknowledged:
 * for members of its groups only (secret events too, marked), null for anyone else and for a
 * city-wide agreement. Administrators without a membership do not read them: the events are the
 * parties' information to each other.
 */
export function getSignificantEventsPage(db: Db, viewer: Viewer, slug: string) {
  const agreement = localAgreement(db, { slug });
  const roles = agreement ? rolesUnderAgreement(db, viewer, agreement.id) : [];
  if (!agreement || roles.length === 0) return null;
  const rows = db
    .select({
      id: significantEvents.id,
      title: significantEvents.title,
      description: significantEvents.description,
      occurredAt: significantEvents.occurredAt,
      place: significantEvents.place,
      confidentiality: significantEvents.confidentiality,
      confidentialityNote: significantEvents.confidentialityNote,
      createdAt: significantEvents.createdAt,
      reporterName: people.name,
      reporterTitle: people.title,
      party: organisations.name,
    })
    .from(significantEvents)
    .innerJoin(people, eq(people.id, significantEvents.reportedBy))
    .leftJoin(organisations, eq(organisations.id, significantEvents.reportingPartyId))
    .where(eq(significantEvents.agreementId, agreement.id))
    .orderBy(desc(significantEvents.createdAt), desc(significantEvents.id))
    .all();
  const recipients =
    rows.length === 0
      ? []
      : db
          .select({
            eventId: significantEventRecipients.eventId,
            personId: people.id,
            name: people.name,
            title: people.title,
            notifiedAt: significantEventRecipients.notifiedAt,
            acknowledgedAt: significantEventRecipients.acknowledgedAt,
          })
          .from(significantEventRecipients)
          .innerJoin(people, eq(people.id, significantEventRecipients.personId))
          .where(
            inArray(
              significantEventRecipients.eventId,
              rows.map((r) => r.id),
            ),
          )
          .orderBy(asc(people.name))
          .all();
  const partyCount = db.select({ id: agreementParties.id }).from(agreementParties).where(eq(agreementParties.agreementId, agreement.id)).all().length;
  const mayRecord = roles.some((role) => role !== "lasare");
  return {
    agreement: { id: agreement.id, slug: agreement.slug, title: agreement.title },
    events: rows.map((row) => {
      const told = recipients.filter((r) => r.eventId === row.id).map(({ eventId: _event, ...r }) => r);
      const mine = told.find((r) => r.personId === viewer.id);
      return { ...row, recipients: told, viewerMayAcknowledge: mine !== undefined && mine.acknowledgedAt === null };
    }),
    mayRecord,
    /** Who the viewer's report would reach now (the form says so before they post). */
    wouldNotify: mayRecord ? recipientsFor(db, agreement.id, viewer.id).map((r) => ({ name: r.name, title: r.title, party: r.party?.name ?? null })) : [],
    clause: informationClause(partyCount),
  };
}

/** For the agreement page: whether the viewer reads the agreement's events, and how many wait for their acknowledgement. */
export function significantEventsStanding(db: Db, viewer: Viewer, agreementId: number) {
  const agreement = localAgreement(db, { id: agreementId });
  if (!agreement || rolesUnderAgreement(db, viewer, agreementId).length === 0) return null;
  const waiting = db
    .select({ eventId: significantEventRecipients.eventId })
    .from(significantEventRecipients)
    .innerJoin(significantEvents, eq(significantEvents.id, significantEventRecipients.eventId))
    .where(
      and(
        eq(significantEvents.agreementId, agreementId),
        eq(significantEventRecipients.personId, viewer.id),
        isNull(significantEventRecipients.acknowledgedAt),
      ),
    )
    .all().length;
  return { path: significantEventsPath(agreement.slug), waiting };
}
