import { and, asc, count, eq, ne } from "drizzle-orm";
import { type Db, writeTransaction } from "../client";
import type { OrganisationKind } from "../domain/enums";
import { normaliseOrgNumber, orgNumberProblemInSwedish } from "../domain/org-number";
import { organisations, people } from "../schema";
import { appendAudit, auditActorId } from "./audit";
import { assertAdmin, ConflictError } from "./errors";
import type { Viewer } from "./sessions";

export interface OrganisationInput {
  name: string;
  kind: OrganisationKind;
  /** As typed: with or without the hyphen; stored as NNNNNN-NNNN. */
  orgNr: string | null;
  postalAddress: string | null;
  parentId: number | null;
}

/** Every organisation with its kind, org.nr, parent and how many people belong to it. */
export function listOrganisationsForAdmin(db: Db, viewer: Viewer) {
  assertAdmin(viewer);
  const peopleCounts = new Map(
    db
      .select({ organisationId: people.organisationId, n: count() })
      .from(people)
      .groupBy(people.organisationId)
      .all()
      .map((row) => [row.organisationId, row.n]),
  );
  const rows = db.select().from(organisations).orderBy(asc(organisations.name)).all();
  const nameOf = new Map(rows.map((row) => [row.id, row.name]));
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    kind: row.kind,
    orgNr: row.orgNr,
    parentName: row.parentId === null ? null : (nameOf.get(row.parentId) ?? null),
    peopleCount: peopleCounts.get(row.id) ?? 0,
  }));
}

/** One organisation as its edit page shows it, with its people; null when there is none. */
export function getOrganisationForAdmin(db: Db, viewer: Viewer, organisationId: number) {
  assertAdmin(viewer);
  const organisation = db.select().from(organisations).where(eq(organisations.id, organisationId)).get();
  if (!organisation) return null;
  const members = db
    .select({ id: people.id, name: people.name, email: people.email, title: people.title, active: people.active })
    .from(people)
    .where(eq(people.organisationId, organisationId))
    .orderBy(asc(people.name))
    .all();
  return { ...organisation, people: members };
}

/** Adds an organisation; refuses a name in use, a wrong org.nr and an unknown parent. */
export function createOrganisation(db: Db, viewer: Viewer, input: OrganisationInput, now = new Date()): number {
  assertAdmin(viewer);
  return writeTransaction(db, (tx) => {
    const columns = organisationColumns(tx, null, input);
    const { id } = tx.insert(organisations).values(columns).returning({ id: organisations.id }).get();
    appendAudit(tx, { actorId: auditActorId(viewer), action: "organisation.created", subject: `organisation:${id}`, payload: columns }, now);
    return id;
  });
}

/**
 * Changes an organisation. A parent that lies below it (or is itself) is refused: the
 * hierarchy (polisregion → polisområde → lokalpolisområde) must stay a tree.
 * Returns false when there is no such organisation.
 */
export function updateOrganisation(db: Db, viewer: Viewer, organisationId: number, input: OrganisationInput, now = new Date()): boolean {
  assertAdmin(viewer);
  return writeTransaction(db, (tx) => {
    if (!tx.select({ id: organisations.id }).from(organisations).where(eq(organisations.id, organisationId)).get()) return false;
    const columns = organisationColumns(tx, organisationId, input);
    tx.update(organisations).set(columns).where(eq(organisations.id, organisationId)).run();
    appendAudit(tx, { actorId: auditActorId(viewer), action: "organisation.changed", subject: `organisation:${organisationId}`, payload: columns }, now);
    return true;
  });
}

/** The stored columns of an organisation after its rules are checked; `id` is null for a new one. */
function organisationColumns(tx: Db, id: number | null, input: OrganisationInput) {
  const name = input.name.trim();
  const sameName = tx
    .select({ id: organisations.id })
    .from(organisations)
    .where(id === null ? eq(organisations.name, name) : and(eq(organisations.name, name), ne(organisations.id, id)))
    .get();
  if (sameName) throw new ConflictError("Det finns redan en organisation med det namnet.", "name");
  let orgNr: string | null = null;
  if (input.orgNr?.trim()) {
    const checked = normaliseOrgNumber(input.orgNr);
    if (!checked.ok) throw new ConflictError(orgNumberProblemInSwedish[checked.problem], "orgNr");
    orgNr = checked.value;
  }
  if (input.parentId !== null) assertParentAllowed(tx, id, input.parentId);
  return { name, kind: input.kind, orgNr, postalAddress: input.postalAddress?.trim() || null, parentId: input.parentId };
}

function assertParentAllowed(tx: Db, id: number | null, parentId: number): void {
  const parentOf = new Map(
    tx
      .select({ id: organisations.id, parentId: organisations.parentId })
      .from(organisations)
      .all()
      .map((row) => [row.id, row.parentId]),
  );
  if (!parentOf.has(parentId)) throw new ConflictError("Den överordnade organisationen finns inte.", "parentId");
  // Walk up from the chosen parent: reaching the organisation itself would close a loop.
  const seen = new Set<number>();
  for (let at: number | null | undefined = parentId; at !== null && at !== undefined && !seen.has(at); at = parentOf.get(at)) {
    if (at === id) throw new ConflictError("Organisationen kan inte ligga under sig själv eller under en av sina egna underorganisationer.", "parentId");
    seen.add(at);
  }
}

/**
 * Turns password login on or off for an organisation's people. Off means they sign in through an
 * identity provider only, so it is refused while none is configured (`providersConfigured`, from
 * OIDC_PROVIDERS): nobody may be locked out. Returns false when there is no such organisation.
 */
export function setPasswordLogin(db: Db, viewer: Viewer, organisationId: number, enabled: boolean, providersConfigured: boolean, now = new Date()): boolean {
  assertAdmin(viewer);
  if (!enabled && !providersConfigured) {
    throw new ConflictError("Inloggning med lösenord kan bara stängas av när minst en inloggningstjänst (OIDC_PROVIDERS) är inställd.", "passwordLogin");
  }
  return writeTransaction(db, (tx) => {
    const changed = tx.update(organisations).set({ passwordLogin: enabled }).where(eq(organisations.id, organisationId)).run().changes > 0;
    if (changed) {
      appendAudit(
        tx,
        { actorId: auditActorId(viewer), action: "organisation.password_login", subject: `organisation:${organisationId}`, payload: { enabled } },
        now,
      );
    }
    return changed;
  });
}
