import { and, asc, eq, ne } from "drizzle-orm";
import { type Db, writeTransaction } from "../client";
import { organisations, people, sessions } from "../schema";
import { liveEvents } from "../live-events";
import { nowIso } from "../time";
import { appendAudit, auditActorId } from "./audit";
import { assertAdmin, ConflictError } from "./errors";
import { deleteSessionsOfPerson, type Viewer } from "./sessions";

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * What login needs to know about an account; null when there is none. `passwordLogin` is false when
 * the person's organisation signs in through its identity provider only.
 */
export function findLoginAccount(db: Db, email: string) {
  const row = db
    .select({ id: people.id, passwordHash: people.passwordHash, active: people.active, organisationPasswordLogin: organisations.passwordLogin })
    .from(people)
    .leftJoin(organisations, eq(organisations.id, people.organisationId))
    .where(eq(people.email, normaliseEmail(email)))
    .get();
  if (!row) return null;
  const { organisationPasswordLogin, ...account } = row;
  return { ...account, passwordLogin: organisationPasswordLogin !== false };
}

/** Whether the person may sign in with a password: not when their organisation signs in through its identity provider only. */
export function passwordLoginAllowed(db: Db, personId: number): boolean {
  const row = db
    .select({ passwordLogin: organisations.passwordLogin })
    .from(people)
    .innerJoin(organisations, eq(organisations.id, people.organisationId))
    .where(eq(people.id, personId))
    .get();
  return row?.passwordLogin !== false;
}

export interface NewPerson {
  email: string;
  name: string;
  title?: string | null;
  organisationId?: number | null;
  isAdmin?: boolean;
  passwordHash: string | null;
}

/**
 * Creates a person without checking who asks: for the seed and the operator CLI.
 * The admin UI goes through `createPersonAsAdmin`.
 */
export function insertPerson(db: Db, person: NewPerson, now = new Date()): number {
  const email = normaliseEmail(person.email);
  if (db.select({ id: people.id }).from(people).where(eq(people.email, email)).get()) {
    throw new ConflictError("Det finns redan en person med den e-postadressen.", "email");
  }
  const row = db
    .insert(people)
    .values({
      email,
      name: person.name.trim(),
      title: person.title ?? null,
      organisationId: person.organisationId ?? null,
      isAdmin: person.isAdmin ?? false,
      passwordHash: person.passwordHash,
      createdAt: nowIso(now),
    })
    .returning({ id: people.id })
    .get();
  return row.id;
}

export function createPersonAsAdmin(db: Db, viewer: Viewer, person: NewPerson, now = new Date()): number {
  assertAdmin(viewer);
  return writeTransaction(db, (tx) => {
    const id = insertPerson(tx, person, now);
    auditPersonCreated(tx, viewer, id, person, false, now);
    return id;
  });
}

/** The audit entry of a person added by an administrator, by the form or from an imported file. */
export function auditPersonCreated(tx: Db, viewer: Viewer, personId: number, person: Pick<NewPerson, "name" | "email">, imported: boolean, now: Date): void {
  appendAudit(
    tx,
    {
      actorId: auditActorId(viewer),
      action: "person.created",
      subject: `person:${personId}`,
      payload: { name: person.name.trim(), email: normaliseEmail(person.email), imported },
    },
    now,
  );
}

/**
 * Everyone, for the administration page; with `query`, only those whose name, e-mail, title or
 * organisation contains it (any case, Swedish letters included, which SQLite's LIKE does not fold).
 */
export function listPeopleForAdmin(db: Db, viewer: Viewer, query = "") {
  assertAdmin(viewer);
  const needle = query.trim().toLocaleLowerCase("sv");
  const everyone = db
    .select({
      id: people.id,
      name: people.name,
      email: people.email,
      title: people.title,
      organisation: organisations.name,
      isAdmin: people.isAdmin,
      active: people.active,
    })
    .from(people)
    .leftJoin(organisations, eq(organisations.id, people.organisationId))
    .orderBy(asc(people.name))
    .all();
  if (!needle) return everyone;
  return everyone.filter((p) => [p.name, p.email, p.title, p.organisation].some((field) => field?.toLocaleLowerCase("sv").includes(needle)));
}

export function getPersonForAdmin(db: Db, viewer: Viewer, personId: number) {
  assertAdmin(viewer);
  return db.select().from(people).where(eq(people.id, personId)).get() ?? null;
}

/** Deactivates a person and ends their sessions at once. Their history stays. */
export function setPersonActive(db: Db, viewer: Viewer, personId: number, active: boolean, now = new Date()): void {
  assertAdmin(viewer);
  if (!active && personId === viewer.id) {
    throw new ConflictError("Du kan inte inaktivera dig själv.");
  }
  writeTransaction(db, (tx) => {
    tx.update(people)
      .set({ active, deactivatedAt: active ? null : nowIso(now) })
      .where(eq(people.id, personId))
      .run();
    if (!active) deleteSessionsOfPerson(tx, personId);
    appendAudit(
      tx,
      { actorId: auditActorId(viewer), action: active ? "person.activated" : "person.deactivated", subject: `person:${personId}`, payload: {} },
      now,
    );
  });
  // Their open live documents close at once, not at their next connection.
  if (!active) liveEvents().emit("accessChanged");
}

/** Whether a person may still use the app (not deactivated). */
export function isPersonActive(db: Db, personId: number): boolean {
  return db.select({ active: people.active }).from(people).where(eq(people.id, personId)).get()?.active ?? false;
}

/**
 * Sets a new password and ends every session of the person: a password is
 * changed because the old one may be known to someone else, whose logins must
 * not outlive it. The audit entry also tells the collaboration server, when the
 * change comes from another process (the admin CLI), to close their open editors.
 */
export function changePassword(db: Db, viewer: Viewer, personId: number, passwordHash: string, now = new Date()): void {
  assertAdmin(viewer);
  writeTransaction(db, (tx) => {
    tx.update(people).set({ passwordHash }).where(eq(people.id, personId)).run();
    deleteSessionsOfPerson(tx, personId);
    appendAudit(tx, { actorId: auditActorId(viewer), action: "person.password_changed", subject: `person:${personId}`, payload: {} }, now);
  });
  liveEvents().emit("accessChanged");
}

/**
 * The viewer's own new password (the caller has checked the current one): every other session
 * ends, as after an administrator's change, but the one that made the change stays logged in.
 */
export function setOwnPassword(db: Db, viewer: Viewer, passwordHash: string, currentTokenHash: string, now = new Date()): void {
  writeTransaction(db, (tx) => {
    tx.update(people).set({ passwordHash }).where(eq(people.id, viewer.id)).run();
    tx.delete(sessions)
      .where(and(eq(sessions.personId, viewer.id), ne(sessions.tokenHash, currentTokenHash)))
      .run();
    appendAudit(tx, { actorId: viewer.id, action: "person.own_password_changed", subject: `person:${viewer.id}`, payload: {} }, now);
  });
  liveEvents().emit("accessChanged");
}

/** What "Mitt konto" shows of the viewer. */
export function getOwnAccount(db: Db, viewer: Viewer) {
  return db
    .select({ name: people.name, email: people.email, title: people.title, organisation: organisations.name, isAdmin: people.isAdmin })
    .from(people)
    .leftJoin(organisations, eq(organisations.id, people.organisationId))
    .where(eq(people.id, viewer.id))
    .get()!;
}

/** Name and title as the person wants them shown (validated by the caller's form: lengths, a name is required). */
export function updateOwnProfile(db: Db, viewer: Viewer, input: { name: string; title: string | null }, now = new Date()): void {
  writeTransaction(db, (tx) => {
    tx.update(people).set(input).where(eq(people.id, viewer.id)).run();
    appendAudit(tx, { actorId: viewer.id, action: "person.profile_changed", subject: `person:${viewer.id}`, payload: input }, now);
  });
}

/** The password hash to check the viewer's current password against (null: none set). */
export function ownPasswordHash(db: Db, viewer: Viewer): string | null {
  return db.select({ hash: people.passwordHash }).from(people).where(eq(people.id, viewer.id)).get()?.hash ?? null;
}

export function setAdmin(db: Db, personId: number, isAdmin: boolean): void {
  db.update(people).set({ isAdmin }).where(eq(people.id, personId)).run();
}

export function listOrganisations(db: Db) {
  return db.select({ id: organisations.id, name: organisations.name }).from(organisations).orderBy(asc(organisations.name)).all();
}
