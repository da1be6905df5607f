/**
 * Kontaktuppgifter (a bilaga the local agreements name): who to contact in each organisation, per group
 * and function, read from the memberships as they are now, so the list is never a copy that goes stale.
 * Each person keeps their own work phone; an administrator can set it too.
 */
import { and, asc, eq, inArray } from "drizzle-orm";
import { type Db, writeTransaction } from "../client";
import type { GroupKind, MemberRole } from "../domain/enums";
import { memberRoles } from "../domain/enums";
import { roleLabels } from "../domain/labels";
import { normalisePhone, phoneError } from "../domain/phone";
import type { VCardContact } from "../domain/vcard";
import { agreements, functions, groups, memberships, organisations, people } from "../schema";
import { rolesUnderAgreement } from "./agreement-membership";
import { appendAudit, auditActorId } from "./audit";
import { assertAdmin, ConflictError, NotFoundError } from "./errors";
import { byGroupKind } from "./groups";
import { partyOfPerson } from "./party";
import type { Viewer } from "./sessions";

export interface Contact {
  personId: number;
  name: string;
  title: string | null;
  email: string;
  phone: string | null;
  organisation: string | null;
  role: MemberRole;
  functionName: string | null;
}

export interface ContactGroup {
  id: number;
  name: string;
  kind: GroupKind;
  /** Members by party (the top organisation, party.ts), the parties by name; "Part okänd" for people without an organisation. */
  parties: { party: string | null; contacts: Contact[] }[];
}

/**
 * The agreement's kontaktuppgifter: its active groups, each with its active members by party, ordförande
 * first, then by function and name. For members of its groups and for administrators (who keep these
 * people's records anyway); null for anyone else.
 */
export function getContacts(db: Db, viewer: Viewer, slug: string) {
  const agreement = db.select({ id: agreements.id, slug: agreements.slug, title: agreements.title }).from(agreements).where(eq(agreements.slug, slug)).get();
  if (!agreement || (!viewer.isAdmin && rolesUnderAgreement(db, viewer, agreement.id).length === 0)) return null;
  const agreementGroups = db
    .select({ id: groups.id, name: groups.name, kind: groups.kind })
    .from(groups)
    .where(and(eq(groups.agreementId, agreement.id), eq(groups.active, true)))
    .orderBy(asc(groups.name))
    .all()
    .sort(byGroupKind);
  const rows =
    agreementGroups.length === 0
      ? []
      : db
          .select({
            groupId: memberships.groupId,
            personId: people.id,
            name: people.name,
            title: people.title,
            email: people.email,
            phone: people.phone,
            organisation: organisations.name,
            role: memberships.role,
            functionName: functions.name,
          })
          .from(memberships)
          .innerJoin(people, eq(people.id, memberships.personId))
          .leftJoin(organisations, eq(organisations.id, people.organisationId))
          .leftJoin(functions, eq(functions.id, memberships.functionId))
          .where(
            and(
              inArray(
                memberships.groupId,
                agreementGroups.map((g) => g.id),
              ),
              eq(people.active, true),
            ),
          )
          .all();
  const partyNames = new Map<number, string | null>();
  const partyOf = (personId: number) => {
    if (!partyNames.has(personId)) partyNames.set(personId, partyOfPerson(db, personId)?.name ?? null);
    return partyNames.get(personId)!;
  };
  const groupsWithContacts: ContactGroup[] = agreementGroups.map((group) => {
    const byParty = new Map<string | null, Contact[]>();
    for (const { groupId, ...contact } of rows.filter((r) => r.groupId === group.id).sort(byRoleFunctionName)) {
      const party = partyOf(contact.personId);
      byParty.set(party, [...(byParty.get(party) ?? []), contact]);
    }
    const parties = [...byParty.entries()]
      .map(([party, contacts]) => ({ party, contacts }))
      .sort((a, b) => (a.party === null ? 1 : b.party === null ? -1 : a.party.localeCompare(b.party, "sv")));
    return { ...group, parties };
  });
  return { agreement, groups: groupsWithContacts };
}

/**
 * The kontaktuppgifter as vCards (db/domain/vcard.ts): one per person, however many groups they sit in,
 * with their party and organisation as ORG and every role they hold under the agreement in NOTE.
 */
export function getContactCards(db: Db, viewer: Viewer, slug: string): { slug: string; cards: VCardContact[] } | null {
  const page = getContacts(db, viewer, slug);
  if (!page) return null;
  const cards = new Map<number, VCardContact & { roles: string[] }>();
  for (const group of page.groups) {
    for (const { party, contacts } of group.parties) {
      for (const c of contacts) {
        const card = cards.get(c.personId) ?? {
          name: c.name,
          title: c.title,
          organisation: [party, c.organisation].filter((o, i, all): o is string => o !== null && all.indexOf(o) === i),
          email: c.email,
          phone: c.phone,
          note: "",
          roles: [],
        };
        card.roles.push(`${roleLabels[c.role]}, ${group.name}${c.functionName ? ` (${c.functionName})` : ""}`);
        cards.set(c.personId, card);
      }
    }
  }
  return {
    slug: page.agreement.slug,
    cards: [...cards.values()].map(({ roles, ...card }) => ({ ...card, note: `${page.agreement.title}: ${roles.join("; ")}` })),
  };
}

function byRoleFunctionName(a: Contact, b: Contact): number {
  return (
    memberRoles.indexOf(a.role) - memberRoles.indexOf(b.role) ||
    (a.functionName ?? "").localeCompare(b.functionName ?? "", "sv") ||
    a.name.localeCompare(b.name, "sv")
  );
}

/** The viewer's own work phone (Mitt konto). */
export function ownPhone(db: Db, viewer: Viewer): string | null {
  return db.select({ phone: people.phone }).from(people).where(eq(people.id, viewer.id)).get()?.phone ?? null;
}

/** The viewer sets their own work phone; blank removes it. */
export function setOwnPhone(db: Db, viewer: Viewer, phone: string, now = new Date()): string | null {
  return storePhone(db, viewer, viewer.id, phone, now);
}

/** An administrator sets a person's work phone (the person's page); blank removes it. */
export function setPersonPhone(db: Db, viewer: Viewer, personId: number, phone: string, now = new Date()): string | null {
  assertAdmin(viewer);
  return storePhone(db, viewer, personId, phone, now);
}

function storePhone(db: Db, viewer: Viewer, personId: number, value: string, now: Date): string | null {
  const error = phoneError(value);
  if (error) throw new ConflictError(error, "phone");
  const phone = normalisePhone(value);
  return writeTransaction(db, (tx) => {
    const person = tx.select({ phone: people.phone }).from(people).where(eq(people.id, personId)).get();
    if (!person) throw new NotFoundError();
    if (person.phone === phone) return phone;
    tx.update(people).set({ phone }).where(eq(people.id, personId)).run();
    appendAudit(tx, { actorId: auditActorId(viewer), action: "person.phone_changed", subject: `person:${personId}`, payload: { phone } }, now);
    return phone;
  });
}
