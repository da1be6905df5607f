import { and, asc, count, eq, max, ne } from "drizzle-orm";
import { type Db, writeTransaction } from "../client";
import type { AgreementScope, AttachmentKind, RevisionRule } from "../domain/enums";
import { revisionDue, slugFrom, SLUG_PATTERN } from "../domain/agreement-rules";
import { stockholmDate } from "../domain/stockholm-time";
import { nowIso } from "../time";
import {
  agreementAmendments,
  agreementAttachments,
  agreementParties,
  agreements,
  agreementSignatories,
  agreementVersions,
  organisations,
  priorityAreas,
} from "../schema";
import { agreementHistory, agreementSnapshot, partiesOfAgreement, signatoriesOfAgreement } from "./agreement-versions";
import { appendAudit, auditActorId } from "./audit";
import { assertAdmin, ConflictError, NotFoundError } from "./errors";
import { agreementPriorityAreas } from "./lagesbild";
import type { Viewer } from "./sessions";

/**
 * Agreements as administrators enter and keep them (issue 14): the agreement, its parties, signatories,
 * priority areas, bilagor rows and ändringar och tillägg, and its revisions, each of which freezes what the
 * agreement said into agreement_versions. Every verb checks the administrator first and logs what it changed.
 */

export interface AgreementInput {
  title: string;
  scope: AgreementScope;
  parentId: number | null;
  area: string | null;
  /** Empty: derived from the area (lokal) or the title. */
  slug: string | null;
  startsOn: string;
  endsOn: string | null;
  revisionRule: RevisionRule;
  revisionText: string;
  lastRevisedOn: string | null;
  copies: number | null;
}

/** One row of one of the agreement's lists; `list` says which. `position` empty: last. */
export type AgreementRowInput =
  | { list: "party"; organisationId: number; shortName: string; diarienummer: string | null; note: string | null; position: number | null }
  | { list: "signatory"; name: string; title: string; organisationId: number | null; signedOn: string | null; position: number | null }
  | { list: "priority_area"; name: string; position: number | null }
  | { list: "attachment"; label: string | null; title: string; kind: AttachmentKind; datedOn: string | null; position: number | null }
  | { list: "amendment"; title: string; datedOn: string; signedOn: string | null; signedBy: string | null; agreementVersion: number | null };
export type AgreementList = AgreementRowInput["list"];

const tables = {
  party: agreementParties,
  signatory: agreementSignatories,
  priority_area: priorityAreas,
  attachment: agreementAttachments,
  amendment: agreementAmendments,
} as const;

/** How the audit log names a row of each list ("Part: Polisen"). */
const listNouns: Record<AgreementList, string> = {
  party: "Part",
  signatory: "Undertecknare",
  priority_area: "Prioriterat område",
  attachment: "Bilaga",
  amendment: "Ändring eller tillägg",
};

/** All agreements for the administration's list, with whether each is due for revision today. */
export function listAgreementsForAdmin(db: Db, viewer: Viewer, now = new Date()) {
  assertAdmin(viewer);
  const today = stockholmDate(now);
  const parties = new Map(
    db
      .select({ agreementId: agreementParties.agreementId, n: count() })
      .from(agreementParties)
      .groupBy(agreementParties.agreementId)
      .all()
      .map((r) => [r.agreementId, r.n]),
  );
  const all = db.select().from(agreements).orderBy(asc(agreements.title)).all();
  const titles = new Map(all.map((a) => [a.id, a.title]));
  return all.map((a) => ({
    id: a.id,
    slug: a.slug,
    title: a.title,
    scope: a.scope,
    area: a.area,
    parentTitle: a.parentId ? (titles.get(a.parentId) ?? null) : null,
    startsOn: a.startsOn,
    endsOn: a.endsOn,
    version: a.version,
    lastRevisedOn: a.lastRevisedOn,
    revisionDue: revisionDue(a, today),
    parties: parties.get(a.id) ?? 0,
  }));
}

/** The city-wide agreements a lokal agreement may derive from. */
export function listCityWideAgreements(db: Db, viewer: Viewer) {
  assertAdmin(viewer);
  return db
    .select({ id: agreements.id, title: agreements.title })
    .from(agreements)
    .where(eq(agreements.scope, "city_wide"))
    .orderBy(asc(agreements.title))
    .all();
}

/** One agreement with all its lists, for its administration page; null when there is none. */
export function getAgreementForAdmin(db: Db, viewer: Viewer, agreementId: number, now = new Date()) {
  assertAdmin(viewer);
  const agreement = db.select().from(agreements).where(eq(agreements.id, agreementId)).get();
  if (!agreement) return null;
  return {
    agreement: { ...agreement, revisionDue: revisionDue(agreement, stockholmDate(now)) },
    parties: partiesOfAgreement(db, agreementId),
    signatories: signatoriesOfAgreement(db, agreementId),
    // A lokal agreement has none of its own: it works with those of the city-wide one (agreementPriorityAreas).
    priorityAreas: agreement.scope === "city_wide" ? agreementPriorityAreas(db, agreementId) : [],
    inheritedPriorityAreas: agreement.scope === "local" ? agreementPriorityAreas(db, agreementId).map((p) => p.name) : [],
    attachments: db
      .select()
      .from(agreementAttachments)
      .where(eq(agreementAttachments.agreementId, agreementId))
      .orderBy(asc(agreementAttachments.position), asc(agreementAttachments.id))
      .all(),
    ...agreementHistory(db, agreementId),
  };
}

/** The stored columns of an agreement as the form describes it, checked against the rules that need the database. */
function agreementColumns(db: Db, input: AgreementInput, agreementId: number | null) {
  const title = input.title.trim();
  const area = input.area?.trim() || null;
  if (input.endsOn && input.endsOn <= input.startsOn) throw new ConflictError("Slutdatumet ska vara efter startdatumet.", "endsOn");
  if (input.lastRevisedOn && input.lastRevisedOn < input.startsOn) throw new ConflictError("Revideringen kan inte vara före startdatumet.", "lastRevisedOn");
  if (input.scope === "local") {
    if (input.parentId === null) throw new ConflictError("En lokal överenskommelse utgår från en stadsövergripande: välj vilken.", "parentId");
    const parent = db.select({ scope: agreements.scope }).from(agreements).where(eq(agreements.id, input.parentId)).get();
    if (parent?.scope !== "city_wide" || input.parentId === agreementId) {
      throw new ConflictError("Välj en stadsövergripande överenskommelse.", "parentId");
    }
    if (!area) throw new ConflictError("Ange vilket område (stadsdel) den lokala överenskommelsen gäller.", "area");
  }
  const slug = input.slug?.trim() || slugFrom(input.scope === "local" && area ? area : title);
  if (!SLUG_PATTERN.test(slug)) throw new ConflictError("Adressnamnet får bara ha små bokstäver a–z, siffror och bindestreck.", "slug");
  const taken = db
    .select({ id: agreements.id })
    .from(agreements)
    .where(agreementId === null ? eq(agreements.slug, slug) : and(eq(agreements.slug, slug), ne(agreements.id, agreementId)))
    .get();
  if (taken) throw new ConflictError(`Adressnamnet ”${slug}” används redan av en annan överenskommelse.`, "slug");
  return {
    title,
    scope: input.scope,
    parentId: input.scope === "local" ? input.parentId : null,
    area: input.scope === "local" ? area : null,
    slug,
    startsOn: input.startsOn,
    endsOn: input.endsOn,
    revisionRule: input.revisionRule,
    revisionText: input.revisionText.trim(),
    lastRevisedOn: input.lastRevisedOn,
    copies: input.copies,
  };
}

/** Enters a new agreement; returns its id. */
export function createAgreement(db: Db, viewer: Viewer, input: AgreementInput, now = new Date()): number {
  assertAdmin(viewer);
  return writeTransaction(db, (tx) => {
    const columns = agreementColumns(tx, input, null);
    const { id } = tx.insert(agreements).values(columns).returning({ id: agreements.id }).get();
    appendAudit(
      tx,
      { actorId: auditActorId(viewer), action: "agreement.created", subject: `agreement:${id}`, payload: { title: columns.title, detail: columns.slug } },
      now,
    );
    return id;
  });
}

/**
 * Changes an agreement's own fields. A city-wide agreement with lokala under it stays city-wide, and one
 * that has its own priority areas cannot become lokal (lokala inherit theirs).
 */
export function updateAgreement(db: Db, viewer: Viewer, agreementId: number, input: AgreementInput, now = new Date()): void {
  assertAdmin(viewer);
  writeTransaction(db, (tx) => {
    const current = tx.select({ scope: agreements.scope }).from(agreements).where(eq(agreements.id, agreementId)).get();
    if (!current) throw new NotFoundError();
    const columns = agreementColumns(tx, input, agreementId);
    if (current.scope === "city_wide" && columns.scope === "local") {
      if (tx.select({ id: agreements.id }).from(agreements).where(eq(agreements.parentId, agreementId)).get()) {
        throw new ConflictError("Lokala överenskommelser utgår från denna; den förblir stadsövergripande.", "scope");
      }
      if (tx.select({ id: priorityAreas.id }).from(priorityAreas).where(eq(priorityAreas.agreementId, agreementId)).get()) {
        throw new ConflictError("Den har egna prioriterade områden; en lokal överenskommelse ärver dem från den stadsövergripande.", "scope");
      }
    }
    tx.update(agreements).set(columns).where(eq(agreements.id, agreementId)).run();
    appendAudit(
      tx,
      { actorId: auditActorId(viewer), action: "agreement.changed", subject: `agreement:${agreementId}`, payload: { title: columns.title, to: columns } },
      now,
    );
  });
}

/** The agreement's scope, or NotFoundError. */
function agreementScope(db: Db, agreementId: number): AgreementScope {
  const row = db.select({ scope: agreements.scope }).from(agreements).where(eq(agreements.id, agreementId)).get();
  if (!row) throw new NotFoundError();
  return row.scope;
}

function requireOrganisation(db: Db, organisationId: number, field: string): string {
  const org = db.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, organisationId)).get();
  if (!org) throw new ConflictError("Välj en organisation ur listan.", field);
  return org.name;
}

/** The next position at the end of a list. */
function nextPosition(db: Db, list: Exclude<AgreementList, "amendment">, agreementId: number): number {
  const table = tables[list];
  const row = db
    .select({ last: max(table.position) })
    .from(table)
    .where(eq(table.agreementId, agreementId))
    .get();
  return (row?.last ?? 0) + 1;
}

/**
 * The stored columns of a row and the words the audit log uses for it, after the list's own rules:
 * a party once per agreement; priority areas only on a city-wide agreement; an amendment tied only to a
 * version a revision made.
 */
function rowColumns(db: Db, agreementId: number, input: AgreementRowInput, rowId: number | null) {
  const scope = agreementScope(db, agreementId);
  const position = "position" in input ? (input.position ?? (rowId === null ? nextPosition(db, input.list, agreementId) : null)) : null;
  const at = <T extends object>(values: T) => (position === null ? values : { ...values, position });
  switch (input.list) {
    case "party": {
      const organisation = requireOrganisation(db, input.organisationId, "organisationId");
      const twice = db
        .select({ id: agreementParties.id })
        .from(agreementParties)
        .where(and(eq(agreementParties.agreementId, agreementId), eq(agreementParties.organisationId, input.organisationId)))
        .all()
        .some((r) => r.id !== rowId);
      if (twice) throw new ConflictError(`${organisation} är redan part i överenskommelsen.`, "organisationId");
      const { organisationId, shortName, diarienummer, note } = input;
      return { values: at({ organisationId, shortName: shortName.trim(), diarienummer, note }), name: `${shortName} (${organisation})` };
    }
    case "signatory": {
      if (input.organisationId !== null) requireOrganisation(db, input.organisationId, "organisationId");
      const { name, title, organisationId, signedOn } = input;
      return { values: at({ name: name.trim(), title: title.trim(), organisationId, signedOn }), name };
    }
    case "priority_area":
      if (scope !== "city_wide") {
        throw new ConflictError("Lokala överenskommelser ärver de prioriterade områdena från den stadsövergripande överenskommelsen.", "name");
      }
      return { values: at({ name: input.name.trim() }), name: input.name };
    case "attachment": {
      const { label, title, kind, datedOn } = input;
      return { values: at({ label, title: title.trim(), kind, datedOn }), name: label ? `${label} ${title}` : title };
    }
    case "amendment": {
      const { title, datedOn, signedOn, signedBy, agreementVersion } = input;
      if (agreementVersion !== null) {
        const made = db
          .select({ id: agreementVersions.id })
          .from(agreementVersions)
          .where(and(eq(agreementVersions.agreementId, agreementId), eq(agreementVersions.version, agreementVersion - 1)))
          .get();
        if (!made) throw new ConflictError("Välj en version som en revidering har gett.", "agreementVersion");
      }
      if (signedOn && signedOn < datedOn) throw new ConflictError("Den kan inte ha undertecknats före sitt datum.", "signedOn");
      return { values: { title: title.trim(), datedOn, signedOn, signedBy, agreementVersion }, name: title };
    }
  }
}

/** Adds a row to one of the agreement's lists; returns its id. */
export function addAgreementRow(db: Db, viewer: Viewer, agreementId: number, input: AgreementRowInput, now = new Date()): number {
  assertAdmin(viewer);
  return writeTransaction(db, (tx) => {
    const { values, name } = rowColumns(tx, agreementId, input, null);
    const extra = input.list === "amendment" ? { createdAt: nowIso(now), createdBy: viewer.id } : {};
    const table = tables[input.list];
    const { id } = tx
      .insert(table)
      .values({ ...values, ...extra, agreementId } as typeof table.$inferInsert)
      .returning({ id: table.id })
      .get();
    appendAudit(
      tx,
      {
        actorId: auditActorId(viewer),
        action: "agreement.row_added",
        subject: `agreement:${agreementId}`,
        payload: { title: `${listNouns[input.list]}: ${name}`, list: input.list, rowId: id, row: values },
      },
      now,
    );
    return id;
  });
}

/** Changes a row of one of the agreement's lists (NotFoundError when the agreement has no such row). */
export function updateAgreementRow(db: Db, viewer: Viewer, agreementId: number, rowId: number, input: AgreementRowInput, now = new Date()): void {
  assertAdmin(viewer);
  writeTransaction(db, (tx) => {
    const { values, name } = rowColumns(tx, agreementId, input, rowId);
    const table = tables[input.list];
    const row = tx
      .update(table)
      .set(values as Partial<typeof table.$inferInsert>)
      .where(and(eq(table.id, rowId), eq(table.agreementId, agreementId)))
      .returning({ id: table.id })
      .get();
    if (!row) throw new NotFoundError();
    appendAudit(
      tx,
      {
        actorId: auditActorId(viewer),
        action: "agreement.row_changed",
        subject: `agreement:${agreementId}`,
        payload: { title: `${listNouns[input.list]}: ${name}`, list: input.list, rowId, row: values },
      },
      now,
    );
  });
}

/** The fewest parties a lokal agreement has once it has them: the municipality and the police. */
export const MIN_LOCAL_PARTIES = 2;

/**
 * Removes a row from one of the agreement's lists. A lokal agreement keeps at least two parties (change a
 * party instead, or add the new one first); the earlier versions keep what the removed row said.
 */
export function removeAgreementRow(db: Db, viewer: Viewer, agreementId: number, list: AgreementList, rowId: number, now = new Date()): void {
  assertAdmin(viewer);
  writeTransaction(db, (tx) => {
    const scope = agreementScope(tx, agreementId);
    const table = tables[list];
    if (list === "party" && scope === "local") {
      const parties = tx.select({ n: count() }).from(agreementParties).where(eq(agreementParties.agreementId, agreementId)).get()?.n ?? 0;
      if (parties <= MIN_LOCAL_PARTIES)
        throw new ConflictError("En lokal överenskommelse har minst två parter: ändra parten i stället, eller lägg först till den nya.", "form");
    }
    const removed = tx
      .delete(table)
      .where(and(eq(table.id, rowId), eq(table.agreementId, agreementId)))
      .returning()
      .get();
    if (!removed) throw new NotFoundError();
    const name = "title" in removed ? removed.title : "shortName" in removed ? removed.shortName : removed.name;
    appendAudit(
      tx,
      {
        actorId: auditActorId(viewer),
        action: "agreement.row_removed",
        subject: `agreement:${agreementId}`,
        payload: { title: `${listNouns[list]}: ${name}`, list, rowId, row: removed },
      },
      now,
    );
  });
}

/**
 * Revises the agreement: what it says now is frozen as version n in agreement_versions (never changed
 * afterwards), the agreement becomes version n + 1 and counts its revision rule from `revisedOn`. A lokal
 * agreement is revised only with its two parties entered.
 */
export function reviseAgreement(db: Db, viewer: Viewer, agreementId: number, input: { reason: string; revisedOn: string }, now = new Date()): number {
  assertAdmin(viewer);
  const reason = input.reason.trim();
  if (!reason) throw new ConflictError("Ange varför överenskommelsen revideras.", "reason");
  return writeTransaction(db, (tx) => {
    const agreement = tx.select().from(agreements).where(eq(agreements.id, agreementId)).get();
    if (!agreement) throw new NotFoundError();
    if (input.revisedOn < (agreement.lastRevisedOn ?? agreement.startsOn)) {
      throw new ConflictError("Revideringen kan inte vara före startdatumet eller den senaste revideringen.", "revisedOn");
    }
    if (agreement.scope === "local") {
      const parties = tx.select({ n: count() }).from(agreementParties).where(eq(agreementParties.agreementId, agreementId)).get()?.n ?? 0;
      if (parties < MIN_LOCAL_PARTIES) throw new ConflictError("Ange överenskommelsens två parter innan den revideras.", "reason");
    }
    tx.insert(agreementVersions)
      .values({ agreementId, version: agreement.version, snapshot: agreementSnapshot(tx, agreementId), reason, createdAt: nowIso(now), createdBy: viewer.id })
      .run();
    const version = agreement.version + 1;
    tx.update(agreements).set({ version, lastRevisedOn: input.revisedOn }).where(eq(agreements.id, agreementId)).run();
    appendAudit(
      tx,
      {
        actorId: auditActorId(viewer),
        action: "agreement.revised",
        subject: `agreement:${agreementId}`,
        payload: { title: agreement.title, detail: `Version ${version} från ${input.revisedOn}: ${reason}`, version, revisedOn: input.revisedOn },
      },
      now,
    );
    return version;
  });
}
