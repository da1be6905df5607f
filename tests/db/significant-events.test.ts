/**
 * Issue 16, händelser av väsentlig betydelse: recorded by a member of a group under a local agreement,
 * told at once to the other party's ordförande in the lokal styrgrupp (in the app and by e-mail, a
 * secret event without its content), acknowledged once by a recipient, never changed; only members of
 * the agreement's groups read them.
 */
import { and, desc, eq } from "drizzle-orm";
import { closeDatabase, type Db } from "../../db/client";
import { choosableNotificationKinds } from "../../db/domain/enums";
import { channelFor } from "../../db/queries/notify";
import * as events from "../../db/queries/significant-events";
import { acknowledgeSignificantEvent, getSignificantEventsPage, recordSignificantEvent, significantEventsStanding } from "../../db/queries/significant-events";
import { ConflictError, ForbiddenError, NotFoundError } from "../../db/queries/errors";
import {
  agreements,
  auditLog,
  mailOutbox,
  notificationPreferences,
  notifications,
  people,
  significantEventRecipients,
  significantEvents,
} from "../../db/schema";
import { addMemberOnly, fixedNow, openSeededDatabase, viewerByEmail } from "../support/seeded-db";

let db: Db;
beforeAll(async () => {
  db = await openSeededDatabase();
});
afterAll(() => closeDatabase());

const at = new Date(fixedNow.getTime() + 60 * 60 * 1000);
const skarholmen = () => db.select().from(agreements).where(eq(agreements.slug, "skarholmen")).get()!.id;
const personId = (email: string) => viewerByEmail(db, email).id;

const openEvent = {
  title: "Ändrade öppettider på fritidsgården",
  description: "Fritidsgården håller stängt två kvällar i veckan under december.",
  occurredOn: "2026-11-22",
  occurredTime: "19:30",
  place: "Fritidsgården (plats B)",
  confidentiality: "ej_sekretess",
};

function recipientsOf(eventId: number) {
  return db.select().from(significantEventRecipients).where(eq(significantEventRecipients.eventId, eventId)).all();
}

function mailsOf(email: string, eventId: number) {
  return db
    .select()
    .from(mailOutbox)
    .where(and(eq(mailOutbox.toAddress, email), eq(mailOutbox.dedupeKey, `significant_event:${eventId}:${personId(email)}`)))
    .all();
}

function noticesOf(email: string, eventId: number) {
  return db
    .select()
    .from(notifications)
    .where(eq(notifications.dedupeKey, `significant_event:${eventId}:${personId(email)}`))
    .all();
}

const eventCount = () => db.select().from(significantEvents).all().length;

describe("the demo", () => {
  it("has one event in Skärholmen, reported by the police and acknowledged by the city's chair, its notice read", () => {
    const page = getSignificantEventsPage(db, viewerByEmail(db, "sdd.skarholmen@example.se"), "skarholmen")!;
    expect(page.events).toHaveLength(1);
    const [event] = page.events;
    expect(event).toMatchObject({ title: "Planerad insats i centrumområdet under helgen", confidentiality: "ej_sekretess", party: "Polisregion Stockholm" });
    expect(event.recipients).toEqual([expect.objectContaining({ name: "Sara Lindqvist", acknowledgedAt: expect.any(String) })]);
    expect(noticesOf("sdd.skarholmen@example.se", event.id)[0].readAt).not.toBeNull();
  });
});

describe("recording an event", () => {
  it("a significant event is recorded by the police side and acknowledged by the city's chair", () => {
    const police = viewerByEmail(db, "karl.ljung@example.se");
    const { eventId, recipients } = recordSignificantEvent(db, police, skarholmen(), openEvent, at);
    // Exactly the other party's chair: the city's ordförande, not the police co-chair.
    expect(recipients.map((r) => r.name)).toEqual(["Sara Lindqvist"]);
    const rows = recipientsOf(eventId);
    expect(rows).toEqual([{ eventId, personId: personId("sdd.skarholmen@example.se"), notifiedAt: at.toISOString(), acknowledgedAt: null }]);
    expect(noticesOf("lpo.skarholmen@example.se", eventId)).toEqual([]);

    // In the app and by e-mail, with what, when and where.
    const [notice] = noticesOf("sdd.skarholmen@example.se", eventId);
    expect(notice).toMatchObject({ kind: "significant_event", link: `/overenskommelser/skarholmen/vasentliga-handelser#handelse-${eventId}`, readAt: null });
    expect(notice.title).toContain(openEvent.title);
    const [mail] = mailsOf("sdd.skarholmen@example.se", eventId);
    expect(mail.subject).toContain(openEvent.title);
    expect(mail.text).toContain(openEvent.description);
    expect(mail.text).toContain("22 november 2026 kl. 19:30");
    expect(mail.text).toContain(openEvent.place);
    expect(mail.text).toContain("Karl Ljung (Polisregion Stockholm)");
    expect(mail.text).toContain("/login?redirectTo=");

    const city = viewerByEmail(db, "sdd.skarholmen@example.se");
    expect(significantEventsStanding(db, city, skarholmen())).toMatchObject({ waiting: 1 });
    const later = new Date(at.getTime() + 30 * 60 * 1000);
    acknowledgeSignificantEvent(db, city, eventId, later);
    expect(recipientsOf(eventId)[0].acknowledgedAt).toBe(later.toISOString());
    expect(noticesOf("sdd.skarholmen@example.se", eventId)[0].readAt).toBe(later.toISOString());
    expect(significantEventsStanding(db, city, skarholmen())).toMatchObject({ waiting: 0 });

    const log = db.select().from(auditLog).orderBy(desc(auditLog.id)).limit(2).all();
    expect(log.map((e) => e.action)).toEqual(["significant_event.acknowledged", "significant_event.recorded"]);
    expect(JSON.parse(log[1].payload)).toMatchObject({ eventId, title: openEvent.title, recipients: [personId("sdd.skarholmen@example.se")] });

    const listed = getSignificantEventsPage(db, police, "skarholmen")!.events.find((e) => e.id === eventId)!;
    expect(listed.recipients[0].acknowledgedAt).toBe(later.toISOString());
    expect(listed.viewerMayAcknowledge).toBe(false);
  });

  it("tells the police chair when the city side reports", () => {
    const { recipients } = recordSignificantEvent(db, viewerByEmail(db, "linnea.holmberg@example.se"), skarholmen(), openEvent, at);
    expect(recipients.map((r) => r.name)).toEqual(["Johan Bergström"]);
  });

  it("tells a chair who reports the other chair, never themselves", () => {
    const { eventId, recipients } = recordSignificantEvent(db, viewerByEmail(db, "lpo.skarholmen@example.se"), skarholmen(), openEvent, at);
    expect(recipients.map((r) => r.name)).toEqual(["Sara Lindqvist"]);
    expect(recipientsOf(eventId).map((r) => r.personId)).toEqual([personId("sdd.skarholmen@example.se")]);
  });

  it("records the event when no chair of the other party can be told, and says so in the audit", () => {
    db.update(people).set({ active: false }).where(eq(people.email, "sdd.skarholmen@example.se")).run();
    try {
      const { eventId, recipients } = recordSignificantEvent(db, viewerByEmail(db, "karl.ljung@example.se"), skarholmen(), openEvent, at);
      expect(recipients).toEqual([]);
      expect(recipientsOf(eventId)).toEqual([]);
      const [entry] = db.select().from(auditLog).orderBy(desc(auditLog.id)).limit(1).all();
      expect(JSON.parse(entry.payload)).toMatchObject({ eventId, recipients: [], detail: expect.stringContaining("Ingen ordförande") });
    } finally {
      db.update(people).set({ active: true }).where(eq(people.email, "sdd.skarholmen@example.se")).run();
    }
  });

  it("sends a secret event without its title, description or place, and keeps its title out of the audit log", () => {
    const secret = {
      ...openEvent,
      title: "Hemlig rubrik om ett pågående ärende",
      description: "Känslig beskrivning som inte får mejlas.",
      place: "Hemlig plats C",
      confidentiality: "sekretess",
      confidentialityNote: "18 kap. 1 § OSL",
    };
    const { eventId } = recordSignificantEvent(db, viewerByEmail(db, "karl.ljung@example.se"), skarholmen(), secret, at);
    const [mail] = mailsOf("sdd.skarholmen@example.se", eventId);
    const [notice] = noticesOf("sdd.skarholmen@example.se", eventId);
    for (const text of [mail.subject, mail.text, mail.html, notice.title]) {
      for (const secretText of [secret.title, secret.description, secret.place, "Karl Ljung"]) expect(text).not.toContain(secretText);
    }
    expect(mail.text).toContain("En händelse av väsentlig betydelse har registrerats inom Lokal samverkansöverenskommelse Skärholmen; logga in för att läsa");
    expect(notice.title).toBe("En händelse av väsentlig betydelse har registrerats inom Lokal samverkansöverenskommelse Skärholmen; logga in för att läsa");
    const [entry] = db.select().from(auditLog).orderBy(desc(auditLog.id)).limit(1).all();
    expect(entry.payload).not.toContain(secret.title);
    // Members read it in full, marked.
    const listed = getSignificantEventsPage(db, viewerByEmail(db, "linnea.holmberg@example.se"), "skarholmen")!.events.find((e) => e.id === eventId)!;
    expect(listed).toMatchObject({
      title: secret.title,
      description: secret.description,
      confidentiality: "sekretess",
      confidentialityNote: "18 kap. 1 § OSL",
    });
  });

  it("refuses what the form must not take, at its field, storing nothing", () => {
    const police = viewerByEmail(db, "karl.ljung@example.se");
    const before = eventCount();
    const refused: [Partial<typeof openEvent> & { confidentialityNote?: string }, string][] = [
      [{ title: "" }, "title"],
      [{ title: "x".repeat(201) }, "title"],
      [{ description: "x".repeat(5001) }, "description"],
      [{ place: "x".repeat(201) }, "place"],
      [{ confidentiality: "hemligt" }, "confidentiality"],
      [{ confidentiality: "sekretess", confidentialityNote: " " }, "confidentialityNote"],
      [{ occurredOn: "2026-02-30" }, "occurredOn"],
      [{ occurredOn: "23/11/2026" }, "occurredOn"],
      [{ occurredTime: "25:00" }, "occurredTime"],
      // More than a day ahead of the time it is recorded.
      [{ occurredOn: "2026-11-25", occurredTime: "" }, "occurredOn"],
      [{ occurredOn: "2026-11-24", occurredTime: "12:30" }, "occurredTime"],
    ];
    for (const [change, field] of refused) {
      let error: unknown;
      try {
        recordSignificantEvent(db, police, skarholmen(), { ...openEvent, ...change }, at);
      } catch (caught) {
        error = caught;
      }
      expect(error, JSON.stringify(change)).toBeInstanceOf(ConflictError);
      expect((error as ConflictError).field, JSON.stringify(change)).toBe(field);
    }
    // A day ahead is allowed (a planned insats told the day before); so is a day without a time.
    recordSignificantEvent(db, police, skarholmen(), { ...openEvent, occurredOn: "2026-11-24", occurredTime: "10:00" }, at);
    recordSignificantEvent(db, police, skarholmen(), { ...openEvent, occurredOn: "2026-11-24", occurredTime: "" }, at);
    expect(eventCount()).toBe(before + 2);
  });
});

describe("acknowledging", () => {
  it("is for a recipient only, once", () => {
    const { eventId } = recordSignificantEvent(db, viewerByEmail(db, "karl.ljung@example.se"), skarholmen(), openEvent, at);
    expect(() => acknowledgeSignificantEvent(db, viewerByEmail(db, "lpo.skarholmen@example.se"), eventId, at)).toThrow(ForbiddenError);
    expect(() => acknowledgeSignificantEvent(db, viewerByEmail(db, "kommunpolis.ostermalm@example.se"), eventId, at)).toThrow(NotFoundError);
    expect(() => acknowledgeSignificantEvent(db, viewerByEmail(db, "sdd.skarholmen@example.se"), 999_999, at)).toThrow(NotFoundError);
    const city = viewerByEmail(db, "sdd.skarholmen@example.se");
    acknowledgeSignificantEvent(db, city, eventId, at);
    const first = recipientsOf(eventId)[0].acknowledgedAt;
    expect(() => acknowledgeSignificantEvent(db, city, eventId, new Date(at.getTime() + 60_000))).toThrow(ConflictError);
    expect(recipientsOf(eventId)[0].acknowledgedAt).toBe(first);
    const acknowledgements = db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, "significant_event.acknowledged"))
      .all()
      .filter((e) => JSON.parse(e.payload).eventId === eventId);
    expect(acknowledgements).toHaveLength(1);
  });
});

describe("an event is never changed", () => {
  it("has no verb that changes it, and neither acknowledging nor a correction touches its row", () => {
    expect(Object.keys(events).filter((name) => /update|edit|change|remove|delete|correct/i.test(name))).toEqual([]);
    const { eventId } = recordSignificantEvent(db, viewerByEmail(db, "karl.ljung@example.se"), skarholmen(), openEvent, at);
    const row = () => db.select().from(significantEvents).where(eq(significantEvents.id, eventId)).get();
    const before = row();
    acknowledgeSignificantEvent(db, viewerByEmail(db, "sdd.skarholmen@example.se"), eventId, at);
    recordSignificantEvent(
      db,
      viewerByEmail(db, "karl.ljung@example.se"),
      skarholmen(),
      { ...openEvent, title: "Rättelse av händelsen om fritidsgården", description: `Rättelse av händelse ${eventId}: stängt tre kvällar.` },
      at,
    );
    expect(row()).toEqual(before);
  });
});

describe("who may record and read", () => {
  it("an Östermalm member still sees nothing of Skärholmen and records nothing there", () => {
    const outsider = viewerByEmail(db, "kommunpolis.ostermalm@example.se");
    expect(getSignificantEventsPage(db, outsider, "skarholmen")).toBeNull();
    expect(significantEventsStanding(db, outsider, skarholmen())).toBeNull();
    const before = eventCount();
    expect(() => recordSignificantEvent(db, outsider, skarholmen(), openEvent, at)).toThrow(NotFoundError);
    expect(eventCount()).toBe(before);
    // Their own agreement's page is theirs.
    expect(getSignificantEventsPage(db, outsider, "ostermalm")).not.toBeNull();
  });

  it("lets a läsare read but not record; administrators and the city-wide agreement have no such page", () => {
    const reader = addMemberOnly(db, "Lokal styrgrupp Skärholmen", "lasare", "lasare.handelser@example.se");
    const page = getSignificantEventsPage(db, reader, "skarholmen")!;
    expect(page.events.length).toBeGreaterThan(0);
    expect(page.mayRecord).toBe(false);
    expect(() => recordSignificantEvent(db, reader, skarholmen(), openEvent, at)).toThrow(ForbiddenError);
    expect(getSignificantEventsPage(db, viewerByEmail(db, "admin@example.se"), "skarholmen")).toBeNull();
    const cityWide = db.select().from(agreements).where(eq(agreements.scope, "city_wide")).get()!;
    expect(getSignificantEventsPage(db, viewerByEmail(db, "helena.sjoberg@example.se"), cityWide.slug)).toBeNull();
  });

  it("lets an arbetsgrupp member record, and quotes the agreement's own clause (Östermalm: three parties)", () => {
    const worker = addMemberOnly(db, "Arbetsgrupp avgränsade platser", "ledamot", "arbetsgrupp.handelser@example.se");
    const page = getSignificantEventsPage(db, worker, "skarholmen")!;
    expect(page.mayRecord).toBe(true);
    expect(page.clause).toContain("den andra partens beslutfattare i styrgruppen");
    expect(getSignificantEventsPage(db, viewerByEmail(db, "kommunpolis.ostermalm@example.se"), "ostermalm")!.clause).toContain(
      "de andra parternas beslutfattare",
    );
  });
});

describe("the notice cannot be turned off", () => {
  it("goes by e-mail whatever is stored for the person, and is not among the kinds to choose", () => {
    expect(choosableNotificationKinds as readonly string[]).not.toContain("significant_event");
    const chair = personId("sdd.skarholmen@example.se");
    for (const channel of ["off", "in_app"] as const) {
      db.insert(notificationPreferences)
        .values({ personId: chair, kind: "significant_event", channel })
        .onConflictDoUpdate({ target: [notificationPreferences.personId, notificationPreferences.kind], set: { channel } })
        .run();
      expect(channelFor(db, chair, "significant_event")).toBe("email");
    }
    const { eventId } = recordSignificantEvent(db, viewerByEmail(db, "karl.ljung@example.se"), skarholmen(), openEvent, at);
    const [mail] = mailsOf("sdd.skarholmen@example.se", eventId);
    expect(noticesOf("sdd.skarholmen@example.se", eventId)).toHaveLength(1);
    // The mail does not send the chair to settings that cannot turn it off.
    expect(mail.text).toContain("Det går inte att stänga av.");
    expect(mail.text).not.toContain("Notiser, Inställningar");
  });
});
