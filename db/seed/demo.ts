/**
 * Seeds an empty database with the demo data set (./demo-data.ts): the real
 * agreements of Skärholmen, Östermalm and Hässelby-Vällingby with their
 * groups, and fictional people and meetings, so a newcomer can log in and
 * find a living system.
 */
import { seedDemoCommunicationPlan } from "./demo-kommunikationsplan";
import { createHmac } from "node:crypto";
import { type Db, writeTransaction } from "../client";
import { TOTP_SECRET_BYTES } from "../domain/totp";
import { totpSecretFromBytes } from "../totp";
import { markDemoData } from "../queries/demo-flag";
import { hashPassword } from "../password";
import {
  agreementAttachments,
  agreementParties,
  agreements,
  agreementSignatories,
  functions,
  groupRequiredFunctions,
  groups,
  meetings,
  memberships,
  organisations,
  people,
  priorityAreas,
  totpFactors,
} from "../schema";
import type { MeetingStatus } from "../domain/enums";
import { dayInstant, stockholmDate, stockholmTimeOnDay, stockholmYear } from "../domain/stockholm-time";
import {
  agreementSeeds,
  demoPhones,
  functionNames,
  groupSeeds,
  organisationSeeds,
  personSeeds,
  type AgreementSeed,
  type GroupSeed,
  type MeetingPlanSeed,
} from "./demo-data";
import { seedDemoMeetingHistory, type ArchiveProtocol } from "./demo-meetings";

/** The accounts the server's startup banner lists after seeding. */
export const demoLogins: { email: string; description: string }[] = [
  { email: "admin@example.se", description: "Administratör: förvaltar personer, grupper och medlemskap och läser händelseloggen" },
  { email: "sdd.skarholmen@example.se", description: "Stadsdelsdirektör, ordförande i Lokal styrgrupp Skärholmen" },
  { email: "lpo.skarholmen@example.se", description: "Lokalpolisområdeschef, ordförande för polisen i Lokal styrgrupp Skärholmen" },
  {
    email: "kommunpolis.ostermalm@example.se",
    description: "Kommunpolis, ordförande för polisen i Lokal beredningsgrupp Östermalm (ingen grupp i Skärholmen)",
  },
  {
    email: "samordnare.stad@example.se",
    description: "Samordnare, ledamot i Stadsövergripande beredningsgrupp: ser översikten över alla lokala överenskommelser (/stad/oversikt)",
  },
];

/**
 * The demo administrator's authenticator secret. Administrators log in with a second factor, so the demo
 * one has an app already; its secret follows from the demo password (whoever has the password can add the
 * account to an app, and the tests can compute codes) and is listed with the demo logins.
 */
export function demoTotpSecret(password: string): string {
  return totpSecretFromBytes(createHmac("sha256", password).update("samverkan demo authenticator").digest().subarray(0, TOTP_SECRET_BYTES));
}

/** True when nobody can log in and there is no agreement yet: a fresh installation. */
export function isDatabaseEmpty(db: Db): boolean {
  const anyPerson = db.select({ id: people.id }).from(people).limit(1).get();
  const anyAgreement = db.select({ id: agreements.id }).from(agreements).limit(1).get();
  return !anyPerson && !anyAgreement;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const MEETING_LENGTH_MS = 2 * 60 * 60 * 1000;

/**
 * Inserts the demo data set: the agreements, groups and people in one
 * transaction, then a meeting history run through the real domain verbs
 * (which cannot share that transaction: rendering a protocol PDF is
 * asynchronous). If the history fails, the error says to start over with an
 * empty database, since seeding only ever runs into an empty one. Every demo account gets
 * `password`. Meetings are placed relative to `now` (default: the current
 * time), so there is always a recent history and something coming up.
 * `archiveProtocol` stores the protocol PDF of each justerat meeting (the server's
 * `storeProtocol`; db/ imports nothing from server/).
 */
export async function seedDemoData(db: Db, opts: { password: string; now?: Date; archiveProtocol: ArchiveProtocol }): Promise<void> {
  if (!isDatabaseEmpty(db)) {
    throw new Error("Demodata kan bara läggas in i en tom databas.");
  }
  const now = opts.now ?? new Date();
  // All demo accounts share one password, so one (deliberately slow) hash
  // serves them all. It is computed before the transaction because
  // better-sqlite3 transactions must run synchronously.
  const passwordHash = await hashPassword(opts.password);

  // Rows are dated a year back so that nothing looks created after the
  // oldest seeded meeting (at most ~11 months ago) took place.
  const establishedAt = new Date(now.getTime() - 365 * DAY_MS).toISOString();
  const thisYear = stockholmYear(now);

  writeTransaction(db, (tx) => {
    // Marked first, in the same transaction as the rows: pages show the demo banner and the
    // protocols archived below read the flag to print DEMO on every PDF.
    markDemoData(tx);
    const organisationIds = insertOrganisations(tx);
    const functionIds = insertFunctions(tx);
    const personIds = insertPeople(tx, organisationIds, passwordHash, establishedAt);
    for (const person of personSeeds.filter((p) => p.isAdmin)) {
      const secret = demoTotpSecret(opts.password);
      tx.insert(totpFactors)
        .values({ personId: personIds.get(person.email)!, secret, createdAt: establishedAt, confirmedAt: establishedAt })
        .run();
    }
    const agreementIds = insertAgreements(tx, organisationIds);
    for (const group of groupSeeds) insertGroup(tx, group, { agreementIds, functionIds, personIds }, { now, thisYear, establishedAt });
  });

  // Every held meeting's record, run through the real domain verbs (outside the
  // transaction above: they open their own transactions, and archiving the
  // protocol PDF is asynchronous).
  try {
    await seedDemoMeetingHistory(db, now, opts.archiveProtocol);
    seedDemoCommunicationPlan(db, now);
  } catch (error) {
    throw new Error("Demodata för mötena kunde inte läggas in; databasen är halvfärdig. Ta bort databasfilen och starta igen.", { cause: error });
  }
}

/** Organisations in the order declared, so a parent is inserted before its children; ids by name. */
function insertOrganisations(tx: Db): Map<string, number> {
  const organisationIds = new Map<string, number>();
  for (const org of organisationSeeds) {
    const row = tx
      .insert(organisations)
      .values({
        name: org.name,
        kind: org.kind,
        orgNr: org.orgNr,
        postalAddress: org.postalAddress,
        parentId: org.parent ? idOf(organisationIds, org.parent, "organisation") : null,
      })
      .returning({ id: organisations.id })
      .get();
    organisationIds.set(org.name, row.id);
  }
  return organisationIds;
}

/** The catalogue of functions; ids by name. */
function insertFunctions(tx: Db): Map<string, number> {
  const functionIds = new Map<string, number>();
  for (const name of functionNames) {
    const row = tx.insert(functions).values({ name }).returning({ id: functions.id }).get();
    functionIds.set(name, row.id);
  }
  return functionIds;
}

/** The demo accounts, all with the same password hash; ids by e-mail address as the seeds spell it. */
function insertPeople(tx: Db, organisationIds: Map<string, number>, passwordHash: string, establishedAt: string): Map<string, number> {
  const personIds = new Map<string, number>();
  for (const person of personSeeds) {
    const row = tx
      .insert(people)
      .values({
        email: person.email.toLowerCase(),
        name: person.name,
        title: person.title,
        phone: demoPhones[person.email] ?? null,
        organisationId: idOf(organisationIds, person.organisation, "organisation"),
        passwordHash,
        isAdmin: person.isAdmin ?? false,
        createdAt: establishedAt,
      })
      .returning({ id: people.id })
      .get();
    personIds.set(person.email, row.id);
  }
  return personIds;
}

/** The agreements, a parent before its local agreements, each with its parties, bilagor, signatories and priority areas; ids by slug. */
function insertAgreements(tx: Db, organisationIds: Map<string, number>): Map<string, number> {
  const agreementIds = new Map<string, number>();
  for (const agreement of agreementSeeds) {
    const { id: agreementId } = tx
      .insert(agreements)
      .values({
        slug: agreement.slug,
        title: agreement.title,
        scope: agreement.scope,
        area: agreement.area,
        parentId: agreement.parent ? idOf(agreementIds, agreement.parent, "överenskommelse") : null,
        startsOn: agreement.startsOn,
        endsOn: agreement.endsOn,
        revisionRule: agreement.revisionRule,
        revisionText: agreement.revisionText,
        copies: agreement.copies,
      })
      .returning({ id: agreements.id })
      .get();
    agreementIds.set(agreement.slug, agreementId);
    insertAgreementContents(tx, agreementId, agreement, organisationIds);
  }
  return agreementIds;
}

/** What the agreement document lists: parties, bilagor, signatories and priority areas. */
function insertAgreementContents(tx: Db, agreementId: number, agreement: AgreementSeed, organisationIds: Map<string, number>): void {
  // Positions are 1-based, in the order the document lists them.
  if (agreement.parties.length > 0) {
    tx.insert(agreementParties)
      .values(
        agreement.parties.map((party, i) => ({
          agreementId,
          organisationId: idOf(organisationIds, party.organisation, "organisation"),
          shortName: party.shortName,
          diarienummer: party.diarienummer,
          note: party.note,
          position: i + 1,
        })),
      )
      .run();
  }
  if (agreement.attachments.length > 0) {
    tx.insert(agreementAttachments)
      .values(agreement.attachments.map((a, i) => ({ agreementId, label: a.label, title: a.title, kind: a.kind, position: i + 1 })))
      .run();
  }
  if (agreement.signatories.length > 0) {
    tx.insert(agreementSignatories)
      .values(
        agreement.signatories.map((s, i) => ({
          agreementId,
          name: s.name,
          title: s.title,
          organisationId: idOf(organisationIds, s.organisation, "organisation"),
          signedOn: null,
          position: i + 1,
        })),
      )
      .run();
  }
  if (agreement.priorityAreas.length > 0) {
    tx.insert(priorityAreas)
      .values(agreement.priorityAreas.map((name, i) => ({ agreementId, name, position: i + 1 })))
      .run();
  }
}

/** A group with its required functions, its members and (when it has a meeting rhythm) its meetings around `now`. */
function insertGroup(
  tx: Db,
  group: GroupSeed,
  ids: { agreementIds: Map<string, number>; functionIds: Map<string, number>; personIds: Map<string, number> },
  when: { now: Date; thisYear: number; establishedAt: string },
): void {
  const { agreementIds, functionIds, personIds } = ids;
  const { id: groupId } = tx
    .insert(groups)
    .values({
      agreementId: idOf(agreementIds, group.agreement, "överenskommelse"),
      name: group.name,
      kind: group.kind,
      level: group.level,
      focusArea: group.focusArea ?? null,
      permanence: group.permanence,
      endsOn: group.endsNextYearOn ? `${when.thisYear + 1}-${group.endsNextYearOn}` : null,
      minMeetingsPerYear: group.minMeetingsPerYear,
      createdAt: when.establishedAt,
    })
    .returning({ id: groups.id })
    .get();

  tx.insert(groupRequiredFunctions)
    .values(
      group.required.map((r, i) => ({
        groupId,
        functionId: idOf(functionIds, r.function, "funktion"),
        note: r.note ?? null,
        position: i + 1,
      })),
    )
    .run();

  tx.insert(memberships)
    .values(
      group.members.map((m) => ({
        groupId,
        personId: idOf(personIds, m.email, "person"),
        role: m.role,
        functionId: idOf(functionIds, m.function, "funktion"),
        createdAt: when.establishedAt,
      })),
    )
    .run();

  if (group.meetings) insertGroupMeetings(tx, groupId, group, group.meetings, personIds, when.now);
}

/** The group's meetings as planned around `now`, called by its (first) ordförande. */
function insertGroupMeetings(tx: Db, groupId: number, group: GroupSeed, plan: MeetingPlanSeed, personIds: Map<string, number>, now: Date): void {
  const chair = group.members.find((m) => m.role === "ordforande");
  if (!chair) throw new Error(`Demodata: gruppen ${group.name} saknar ordförande.`);
  const chairId = idOf(personIds, chair.email, "person");
  tx.insert(meetings)
    .values(
      planMeetings(plan, now).map((m) => ({
        groupId,
        title: plan.title,
        location: plan.location,
        startsAt: m.startsAt,
        endsAt: m.endsAt,
        status: m.status,
        lockedAt: m.lockedAt,
        createdBy: chairId,
        createdAt: m.createdAt,
      })),
    )
    .run();
}

function idOf(ids: Map<string, number>, key: string, what: string): number {
  const id = ids.get(key);
  if (id === undefined) throw new Error(`Demodata refererar till okänd ${what}: ${key}`);
  return id;
}

interface PlannedMeeting {
  startsAt: string;
  endsAt: string;
  status: MeetingStatus;
  lockedAt: string | null;
  createdAt: string;
}

/**
 * Turns a group's meeting rhythm into concrete meetings around `now`. Of the
 * past meetings the latest is "avslutat" (its minutes still awaiting
 * approval) and the earlier ones "justerat" and locked; future ones are
 * "planerat".
 */
function planMeetings(plan: MeetingPlanSeed, now: Date): PlannedMeeting[] {
  const past = [...plan.pastDaysAgo].sort((a, b) => b - a); // oldest first
  const latestPast = past[past.length - 1];
  const result: PlannedMeeting[] = [];

  const add = (dayOffset: number, status: MeetingStatus) => {
    const start = stockholmMeetingStart(now, dayOffset, plan.hour);
    // Notices go out three weeks ahead, but never "in the future".
    const created = new Date(Math.min(start.getTime() - 21 * DAY_MS, now.getTime()));
    result.push({
      startsAt: start.toISOString(),
      endsAt: new Date(start.getTime() + MEETING_LENGTH_MS).toISOString(),
      status,
      // Approval of the minutes typically takes a week or so.
      lockedAt: status === "justerat" ? new Date(start.getTime() + 7 * DAY_MS).toISOString() : null,
      createdAt: created.toISOString(),
    });
  };

  for (const daysAgo of past) add(-daysAgo, daysAgo === latestPast ? "avslutat" : "justerat");
  for (const days of [...plan.upcomingInDays].sort((a, b) => a - b)) add(days, "planerat");
  return result;
}

/** The instant of `hour`:00 Stockholm time on the weekday `dayOffset` days from now's Stockholm date. */
function stockholmMeetingStart(now: Date, dayOffset: number, hour: number): Date {
  const date = new Date(dayInstant(stockholmDate(now)));
  date.setUTCDate(date.getUTCDate() + dayOffset);
  // Nobody meets at weekends: Saturday and Sunday move to the Monday after.
  const weekday = date.getUTCDay();
  if (weekday === 6) date.setUTCDate(date.getUTCDate() + 2);
  if (weekday === 0) date.setUTCDate(date.getUTCDate() + 1);
  return new Date(stockholmTimeOnDay(date, `${hour}:00`));
}
