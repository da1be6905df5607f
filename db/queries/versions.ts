import { createHash } from "node:crypto";
import { and, asc, desc, eq, inArray, max } from "drizzle-orm";
import * as Y from "yjs";
import { type Db, writeTransaction } from "../client";
import { PLAN_ORDER_ARRAY, PLAN_ROWS_MAP } from "../domain/action-plan-rows";
import { parseDocumentName } from "../domain/document-names";
import type { VersionKind, VersionSubject } from "../domain/enums";
import { stockholmDate, stockholmYear } from "../domain/stockholm-time";
import { colourFor } from "../domain/colours";
import { authorBlocks } from "../documents/authorship";
import { editLiveDocument } from "../documents/server-edits";
import { DocumentStore } from "../documents/store";
import { plainText } from "../documents/plain-text";
import {
  agreements,
  documentClients,
  documents,
  documentUpdates,
  documentVersionParts,
  documentVersions,
  people,
  situationPictures,
  type DocumentKind,
} from "../schema";
import { nowIso } from "../time";
import { planVersionContent } from "./action-plans";
import { communicationPlanVersionContent } from "./communication-plans";
import { ensurePlan, planKinds, planTables, type PlanKind } from "./continuing-plans";
import { appendAudit } from "./audit";
import { agreementDocumentAccess, isPlausibleLagesbildYear, subjectAgreementId, subjectDocumentKind } from "./document-access";
import { ensureSituationPicture, lagesbildVersionContent } from "./lagesbild";
import { ConflictError, ForbiddenError, NotFoundError } from "./errors";
import type { Viewer } from "./sessions";

export interface VersionSubjectRef {
  subjectKind: VersionSubject;
  subjectId: number;
}

const contentOfKind = {
  lagesbild: lagesbildVersionContent,
  atgardsplan: planVersionContent,
  kommunikationsplan: communicationPlanVersionContent,
} satisfies Record<VersionSubject, (db: Db, subjectId: number) => { parts: { documentName: string; title: string }[]; data: unknown } | null>;

function contentOf(db: Db, subject: VersionSubjectRef) {
  return contentOfKind[subject.subjectKind](db, subject.subjectId);
}

/**
 * Freezes the current content of a lägesbild, åtgärdsplan or kommunikationsplan as a version: every part's full Yjs
 * state as committed (which includes every update any client has seen) and its plain text, plus
 * the subject's rows. The hash covers the parts' XML (structure and text, not Yjs bookkeeping) and
 * the rows, so equal content has an equal hash. Rights are the caller's to check.
 */
export function createVersion(
  db: Db,
  actorId: number | null,
  subject: VersionSubjectRef,
  version: { kind: VersionKind; label: string; meetingId?: number; agendaItemId?: number },
  now = new Date(),
) {
  return writeTransaction(db, (tx) => {
    const content = contentOf(tx, subject);
    if (!content) throw new NotFoundError();
    // The store reads through the outer handle (its read transaction nests in this one): tx has no $client.
    const store = new DocumentStore(db);
    const parts = content.parts.map((part, position) => {
      const loaded = store.loadStored(part.documentName);
      const doc = loaded?.doc ?? new Y.Doc();
      try {
        return { ...part, position, state: Buffer.from(Y.encodeStateAsUpdate(doc)), plainText: plainText(doc), xml: doc.getXmlFragment("default").toString() };
      } finally {
        doc.destroy();
      }
    });
    const canonical = JSON.stringify({ data: content.data, parts: parts.map((p) => ({ name: p.documentName, title: p.title, xml: p.xml })) });
    const sha256 = createHash("sha256").update(canonical).digest("hex");
    const row = tx
      .insert(documentVersions)
      .values({
        subjectKind: subject.subjectKind,
        subjectId: subject.subjectId,
        ...version,
        data: JSON.stringify(content.data),
        sha256,
        createdAt: nowIso(now),
        createdBy: actorId,
      })
      .returning()
      .get();
    if (parts.length > 0) {
      tx.insert(documentVersionParts)
        .values(parts.map(({ xml: _xml, ...p }) => ({ ...p, versionId: row.id })))
        .run();
    }
    appendAudit(
      tx,
      {
        actorId,
        action: "version.created",
        subject: `${subject.subjectKind}:${subject.subjectId}`,
        payload: { title: version.label, versionId: row.id, kind: version.kind, sha256 },
      },
      now,
    );
    return row;
  });
}

export function listVersions(db: Db, subject: VersionSubjectRef) {
  return db
    .select()
    .from(documentVersions)
    .where(and(eq(documentVersions.subjectKind, subject.subjectKind), eq(documentVersions.subjectId, subject.subjectId)))
    .orderBy(desc(documentVersions.id))
    .all();
}

export function versionParts(db: Db, versionId: number) {
  return db.select().from(documentVersionParts).where(eq(documentVersionParts.versionId, versionId)).orderBy(asc(documentVersionParts.position)).all();
}

/** One part's frozen Yjs state, for the collab server to open it read-only; undefined when there is no such part. */
export function versionPartState(db: Db, versionId: number, partIndex: number): Buffer | undefined {
  return db
    .select({ state: documentVersionParts.state })
    .from(documentVersionParts)
    .where(and(eq(documentVersionParts.versionId, versionId), eq(documentVersionParts.position, partIndex)))
    .get()?.state;
}

/** A version's name: what people call it in the list ("Inför styrgruppen i mars"). */
export const VERSION_LABEL_MAX = 120;

/**
 * Whether the viewer may read or edit a versioned subject, by the rule of its parts (the agreement's
 * styrgrupp and beredningsgrupp edit, its arbetsgrupper and administrators read). Throws
 * NotFoundError when the viewer may not read it (one answer for "missing" and "not yours").
 */
export function subjectRights(db: Db, viewer: Viewer, subject: VersionSubjectRef): { mayEdit: boolean; agreementId: number } {
  const agreementId = subjectAgreementId(db, subject);
  if (agreementId === undefined) throw new NotFoundError();
  const access = agreementDocumentAccess(db, viewer, agreementId, subjectDocumentKind(subject.subjectKind));
  if (!access.ok) throw new NotFoundError();
  return { mayEdit: access.mode === "edit", agreementId };
}

function requireEditor(db: Db, viewer: Viewer, subject: VersionSubjectRef): void {
  if (!subjectRights(db, viewer, subject).mayEdit) throw new ForbiddenError("Du får läsa men inte ändra det här dokumentet.");
}

/** "Spara version": a named version by anyone who may edit the subject. */
export function saveNamedVersion(db: Db, viewer: Viewer, subject: VersionSubjectRef, label: string, now = new Date()) {
  const name = label.trim().replace(/\s+/g, " ");
  if (name === "") throw new ConflictError("Ge versionen ett namn.", "label");
  if (name.length > VERSION_LABEL_MAX) throw new ConflictError(`Namnet får vara högst ${VERSION_LABEL_MAX} tecken.`, "label");
  requireEditor(db, viewer, subject);
  return createVersion(db, viewer.id, subject, { kind: "namngiven", label: name }, now);
}

/** The versions of a subject as the versions page lists them, newest first, with who made them. */
function versionRows(db: Db, subject: VersionSubjectRef) {
  return db
    .select({
      id: documentVersions.id,
      kind: documentVersions.kind,
      label: documentVersions.label,
      sha256: documentVersions.sha256,
      createdAt: documentVersions.createdAt,
      createdByName: people.name,
    })
    .from(documentVersions)
    .leftJoin(people, eq(people.id, documentVersions.createdBy))
    .where(and(eq(documentVersions.subjectKind, subject.subjectKind), eq(documentVersions.subjectId, subject.subjectId)))
    .orderBy(desc(documentVersions.id))
    .all();
}

/** A local agreement by its slug, or undefined (a lägesbild and the plans belong only to local agreements). */
function localAgreement(db: Db, slug: string) {
  const agreement = db.select().from(agreements).where(eq(agreements.slug, slug)).get();
  return agreement?.scope === "local" ? agreement : undefined;
}

/** What a versions page shows of its subject: the agreement, the subject, whether the viewer may edit it and its versions. */
function subjectVersionsPage(db: Db, agreement: { slug: string; title: string; area: string | null }, subject: VersionSubjectRef, mayEdit: boolean) {
  return {
    agreement: { slug: agreement.slug, title: agreement.title, area: agreement.area },
    subject,
    mayEdit,
    versions: versionRows(db, subject),
  };
}

/**
 * The lägesbild of a local agreement and year with its versions, for a viewer who may read it
 * (created with its template the first time, as its page does). Null when there is none to show.
 */
export function lagesbildVersionsPage(db: Db, viewer: Viewer, slug: string, year: number, now = new Date()) {
  const agreement = localAgreement(db, slug);
  if (!agreement || !isPlausibleLagesbildYear(year, now)) return null;
  const access = agreementDocumentAccess(db, viewer, agreement.id, "lagesbild_section");
  if (!access.ok) return null;
  const picture = ensureSituationPicture(db, agreement.id, year, viewer.id, now);
  return { ...subjectVersionsPage(db, agreement, { subjectKind: "lagesbild", subjectId: picture.id }, access.mode === "edit"), year };
}

/**
 * The åtgärdsplan or kommunikationsplan of a local agreement with its versions, for a viewer who may
 * read it (created the first time, as its page does; access is decided first, so an outsider creates
 * nothing). Null: 404.
 */
export function planVersionsPage(db: Db, viewer: Viewer, kind: PlanKind, slug: string, now = new Date()) {
  const agreement = localAgreement(db, slug);
  if (!agreement) return null;
  const access = agreementDocumentAccess(db, viewer, agreement.id, kind);
  if (!access.ok) return null;
  const plan = ensurePlan(db, kind, agreement.id, viewer.id, now);
  return subjectVersionsPage(db, agreement, { subjectKind: kind, subjectId: plan.id }, access.mode === "edit");
}

/**
 * Whether a part of a version is text (a section, a row's notes) rather than the plan's rows, whose
 * Y.Doc holds maps: those are shown as rows (the version's data), not as text.
 */
export function isTextPart(part: { documentName: string }): boolean {
  return parseDocumentName(part.documentName)?.kind !== "atgardsplan";
}

/** One version with its parts (plain text and state), for a viewer who may read its subject. */
export function getVersion(db: Db, viewer: Viewer, versionId: number) {
  const version = db.select().from(documentVersions).where(eq(documentVersions.id, versionId)).get();
  if (!version) throw new NotFoundError();
  const { mayEdit } = subjectRights(db, viewer, version);
  const createdByName = version.createdBy ? (db.select({ name: people.name }).from(people).where(eq(people.id, version.createdBy)).get()?.name ?? null) : null;
  const { pdf: _pdf, ...row } = version;
  return { version: { ...row, createdByName }, parts: versionParts(db, versionId), mayEdit };
}

/**
 * "Återställ den här versionen": the version's text becomes the live text again as ONE new edit per
 * part by the restoring person (through the collaboration server when it runs, so open editors
 * receive it and nothing earlier is rewritten), then a version of kind "aterstalld" records the
 * result. The rows around the text (section statuses, sources) are not restored: they are the
 * page's forms' to change. A part whose section no longer exists is skipped.
 */
export async function restoreVersion(db: Db, viewer: Viewer, versionId: number, now = new Date()) {
  const { version, parts } = getVersion(db, viewer, versionId);
  requireEditor(db, viewer, version);
  const { agreementId } = subjectRights(db, viewer, version);
  const live = new Set(contentOf(db, version)?.parts.map((p) => p.documentName) ?? []);
  for (const part of parts) {
    const ref = parseDocumentName(part.documentName);
    if (!ref || ref.kind === "version_part" || !live.has(part.documentName)) continue;
    await editLiveDocument(db, {
      name: part.documentName,
      kind: ref.kind,
      owner: { agreementId },
      personId: viewer.id,
      edit: (doc) => (restorers[ref.kind] ?? replaceContent)(doc, part.state),
    });
  }
  const restored = createVersion(db, viewer.id, version, { kind: "aterstalld", label: `Återställd från ”${version.label}”` }, now);
  writeTransaction(db, (tx) =>
    appendAudit(
      tx,
      {
        actorId: viewer.id,
        action: "version.restored",
        subject: `${version.subjectKind}:${version.subjectId}`,
        payload: { title: restored.label, versionId: restored.id, restoredFrom: version.id },
      },
      now,
    ),
  );
  return restored;
}

/**
 * How a part of a given kind is written back. The text parts (sections, row notes) are the editor's
 * "default" fragment (`replaceContent`); a kind whose Y.Doc holds other shared types (the plan's
 * rows) has its own.
 */
const restorers: Partial<Record<DocumentKind, (doc: Y.Doc, frozenState: Uint8Array) => void>> = { atgardsplan: restorePlanRows };

/**
 * An åtgärdsplan's rows as they were in a frozen state: rows added since are removed, removed ones
 * come back, changed fields get their old values and the order is the old order. Only what differs
 * is written, so the edit is small and the server's row check and SQL mirror see an ordinary edit.
 */
export function restorePlanRows(doc: Y.Doc, frozenState: Uint8Array): void {
  const source = new Y.Doc();
  try {
    Y.applyUpdate(source, frozenState);
    const fromRows = source.getMap<Y.Map<unknown>>(PLAN_ROWS_MAP);
    const rows = doc.getMap<Y.Map<unknown>>(PLAN_ROWS_MAP);
    for (const uid of [...rows.keys()]) if (!fromRows.has(uid)) rows.delete(uid);
    for (const [uid, fromRow] of fromRows.entries()) {
      let row = rows.get(uid);
      if (!row) rows.set(uid, (row = new Y.Map<unknown>()));
      for (const key of [...row.keys()]) if (!fromRow.has(key)) row.delete(key);
      for (const [key, value] of fromRow.entries()) if (JSON.stringify(row.get(key)) !== JSON.stringify(value)) row.set(key, value);
    }
    const order = doc.getArray<string>(PLAN_ORDER_ARRAY);
    const fromOrder = source.getArray<string>(PLAN_ORDER_ARRAY).toArray();
    if (JSON.stringify(order.toArray()) !== JSON.stringify(fromOrder)) {
      order.delete(0, order.length);
      order.insert(0, fromOrder);
    }
  } finally {
    source.destroy();
  }
}

/** Replaces everything in `doc` with the content of a frozen state (new items: the old ones stay in history as deleted). */
function replaceContent(doc: Y.Doc, frozenState: Uint8Array): void {
  const source = new Y.Doc();
  try {
    Y.applyUpdate(source, frozenState);
    const from = source.getXmlFragment("default");
    const to = doc.getXmlFragment("default");
    to.delete(0, to.length);
    to.insert(
      0,
      from.toArray().map((node) => (node as Y.XmlElement | Y.XmlText).clone()),
    );
  } finally {
    source.destroy();
  }
}

/** The newest change to any of the subject's parts (an update in the log, or a snapshot), or null. */
function lastPartChange(db: Db, names: string[]): string | null {
  if (names.length === 0) return null;
  const logged = db
    .select({ at: max(documentUpdates.createdAt) })
    .from(documentUpdates)
    .where(inArray(documentUpdates.documentName, names))
    .get()?.at;
  const stored = db
    .select({ at: max(documents.updatedAt) })
    .from(documents)
    .where(inArray(documents.name, names))
    .get()?.at;
  return (
    [logged, stored]
      .filter((at): at is string => Boolean(at))
      .sort()
      .at(-1) ?? null
  );
}

/**
 * The automatic daily versions: once per Stockholm day, every lägesbild and plan whose parts
 * changed since its latest version gets a version of kind "daglig". Idempotent: a subject that
 * already has a daily version made today gets none, so running it every hour (or twice at once,
 * serialised by the write lock) gives at most one a day. Returns the versions made.
 */
export function createDailyVersions(db: Db, now = new Date()) {
  const today = stockholmDate(now);
  const subjects: VersionSubjectRef[] = [
    ...db
      .select({ id: situationPictures.id })
      .from(situationPictures)
      .where(inArray(situationPictures.year, [stockholmYear(now) - 1, stockholmYear(now), stockholmYear(now) + 1]))
      .all()
      .map((p) => ({ subjectKind: "lagesbild" as const, subjectId: p.id })),
    ...planKinds.flatMap((kind) =>
      db
        .select({ id: planTables[kind].id })
        .from(planTables[kind])
        .all()
        .map((p) => ({ subjectKind: kind, subjectId: p.id })),
    ),
  ];
  const made = [];
  for (const subject of subjects) {
    const versions = versionRows(db, subject);
    if (versions.some((v) => v.kind === "daglig" && stockholmDate(v.createdAt) === today)) continue;
    const changed = lastPartChange(db, contentOf(db, subject)?.parts.map((p) => p.documentName) ?? []);
    const latest = versions[0]?.createdAt;
    if (!changed || (latest && changed <= latest)) continue;
    made.push(createVersion(db, null, subject, { kind: "daglig", label: `Automatisk version ${today}` }, now));
  }
  return made;
}

/**
 * "Vem skrev vad" of some parts: each part's blocks as runs by person (a Yjs client id is bound to
 * the person who first wrote under it, in document_clients; text with no known writer, such as a
 * template, is null), and the people who wrote, in order of first appearance, with their colour.
 */
function authorship(db: Db, allParts: { documentName: string; title: string; state: Uint8Array }[]) {
  const parts = allParts.filter(isTextPart);
  const names = parts.map((p) => p.documentName);
  const bindings =
    names.length === 0
      ? []
      : db
          .select({ documentName: documentClients.documentName, clientId: documentClients.clientId, personId: people.id, name: people.name })
          .from(documentClients)
          .innerJoin(people, eq(people.id, documentClients.personId))
          .where(inArray(documentClients.documentName, names))
          .all();
  const authors = new Map<number, { id: number; name: string; colour: string }>();
  const shown = parts.map((part) => {
    const owners = new Map(bindings.filter((b) => b.documentName === part.documentName).map((b) => [b.clientId, b]));
    const doc = new Y.Doc();
    try {
      Y.applyUpdate(doc, part.state);
      const blocks = authorBlocks(doc).map((runs) => {
        const merged: { text: string; personId: number | null }[] = [];
        for (const run of runs) {
          const owner = owners.get(run.clientId);
          if (owner && !authors.has(owner.personId)) authors.set(owner.personId, { id: owner.personId, name: owner.name, colour: colourFor(owner.personId) });
          const personId = owner?.personId ?? null;
          const last = merged.at(-1);
          if (last && last.personId === personId) last.text += run.text;
          else merged.push({ text: run.text, personId });
        }
        return merged;
      });
      return { title: part.title, blocks };
    } finally {
      doc.destroy();
    }
  });
  return { parts: shown, authors: [...authors.values()] };
}

/** Who wrote what in a version, for a viewer who may read its subject. */
export function versionAuthorship(db: Db, viewer: Viewer, versionId: number) {
  return authorship(db, getVersion(db, viewer, versionId).parts);
}

/** Who wrote what in the subject's live text as stored now (every edit anyone has seen is stored). */
export function liveAuthorship(db: Db, viewer: Viewer, subject: VersionSubjectRef) {
  subjectRights(db, viewer, subject);
  const store = new DocumentStore(db);
  const parts = (contentOf(db, subject)?.parts ?? []).map((part) => {
    const loaded = store.loadStored(part.documentName);
    const state = loaded ? Y.encodeStateAsUpdate(loaded.doc) : Y.encodeStateAsUpdate(new Y.Doc());
    loaded?.doc.destroy();
    return { ...part, state };
  });
  return authorship(db, parts);
}
