/**
 * The lifecycle of the steering documents of a local agreement, the gemensam lokal lägesbild (one per
 * year), the åtgärdsplan and the kommunikationsplan: utkast → för beslut (a version fixed for a lokal styrgrupp meeting, under a
 * beslut ärende) → fastställd (a § of that lokal styrgrupp decides the version) → överlämnad (to the
 * stadsövergripande beredningsgrupp of the city-wide agreement). A decision that sends it back returns it
 * to utkast. The live documents stay editable throughout: what is put up and decided is the version.
 *
 * The version put up for decision IS the decided version: adoption links it to its decision
 * (`decision_id`) and no second copy is made. A copy would have the same content and hash, and two rows
 * that must stay equal are one row too many; the version's content never changes either way, only the
 * link and the archived PDF/A are added to it.
 */
import { and, asc, desc, eq, inArray, isNotNull, lte } from "drizzle-orm";
import { type Db, writeTransaction } from "../client";
import { appendParagraphsOffline } from "../documents/store";
import { stockholmDate, stockholmLongDate } from "../domain/stockholm-time";
import { decisionKindLabels, paragraphLabel, steeringSubjectTitle } from "../domain/labels";
import type { SteeringDocumentStatus, VersionSubject } from "../domain/enums";
import { agendaItems, agreementAttachments, agreements, decisions, documentVersions, groups, meetings, memberships, situationPictures } from "../schema";
import { nowIso } from "../time";
import { insertAgendaItem } from "./agenda";
import { appendAudit } from "./audit";
import { agreementDocumentAccess, subjectDocumentKind } from "./document-access";
import { ConflictError, ForbiddenError, NotFoundError } from "./errors";
import { notifyHandedOver } from "./handover-notices";
import { queuePutUpNotices } from "./meeting-notices";
import { requireRunning } from "./meeting-rights";
import type { Viewer } from "./sessions";
import { createVersion } from "./versions";
import { planKinds, planTables } from "./continuing-plans";

/** A lägesbild (situation_pictures.id), an åtgärdsplan (action_plans.id) or a kommunikationsplan (communication_plans.id). */
export interface SteeringSubject {
  kind: VersionSubject;
  id: number;
}

export interface SteeringState {
  subject: SteeringSubject;
  agreementId: number;
  /** The lägesbild's year; null for the plans (each one continuing plan). */
  year: number | null;
  status: SteeringDocumentStatus;
  currentVersionId: number | null;
  handedOverAt: string | null;
}

/** "Lägesbild 2026", "Åtgärdsplan", "Kommunikationsplan": how the subject is named in labels and messages. */
export function subjectTitle(state: Pick<SteeringState, "subject" | "year">): string {
  return steeringSubjectTitle(state.subject.kind, state.year);
}

/** The formal name a bilaga carries: "Gemensam lokal lägesbild 2026", "Åtgärdsplan", "Kommunikationsplan". */
export function bilagaTitle(state: Pick<SteeringState, "subject" | "year">): string {
  return state.subject.kind === "lagesbild" ? `Gemensam lokal lägesbild ${state.year}` : decisionKindLabels[state.subject.kind];
}

const definite: Record<VersionSubject, string> = { lagesbild: "Lägesbilden", atgardsplan: "Åtgärdsplanen", kommunikationsplan: "Kommunikationsplanen" };
const proposal: Record<VersionSubject, (year: number | null) => string> = {
  lagesbild: (year) => `Styrgruppen fastställer den gemensamma lokala lägesbilden ${year} enligt bilaga.`,
  atgardsplan: () => "Styrgruppen fastställer åtgärdsplanen enligt bilaga.",
  kommunikationsplan: () => "Styrgruppen fastställer kommunikationsplanen enligt bilaga.",
};

export function steeringState(db: Db, subject: SteeringSubject): SteeringState | null {
  if (subject.kind === "lagesbild") {
    const row = db.select().from(situationPictures).where(eq(situationPictures.id, subject.id)).get();
    return row
      ? { subject, agreementId: row.agreementId, year: row.year, status: row.status, currentVersionId: row.currentVersionId, handedOverAt: row.handedOverAt }
      : null;
  }
  const table = planTables[subject.kind];
  const row = db.select().from(table).where(eq(table.id, subject.id)).get();
  return row
    ? { subject, agreementId: row.agreementId, year: null, status: row.status, currentVersionId: row.currentVersionId, handedOverAt: row.handedOverAt }
    : null;
}

type SubjectChange = Partial<{
  status: SteeringDocumentStatus;
  currentVersionId: number | null;
  decidedVersionId: number | null;
  handedOverAt: string | null;
  handedOverBy: number | null;
}>;

function updateSubject(tx: Db, subject: SteeringSubject, change: SubjectChange): void {
  if (subject.kind === "lagesbild") {
    const { decidedVersionId: _plansOnly, ...pictureChange } = change;
    tx.update(situationPictures).set(pictureChange).where(eq(situationPictures.id, subject.id)).run();
  } else {
    const table = planTables[subject.kind];
    tx.update(table).set(change).where(eq(table.id, subject.id)).run();
  }
}

function requireState(db: Db, subject: SteeringSubject): SteeringState {
  const state = steeringState(db, subject);
  if (!state) throw new NotFoundError();
  return state;
}

/** The agreement's lokal styrgrupp (the only group that decides its lägesbild and plans), if it has one. */
export function localSteeringGroup(db: Db, agreementId: number) {
  return db
    .select({ id: groups.id, name: groups.name })
    .from(groups)
    .where(and(eq(groups.agreementId, agreementId), eq(groups.kind, "styrgrupp"), eq(groups.level, "local"), eq(groups.active, true)))
    .get();
}

function isLocalSteeringGroupOf(db: Db, groupId: number, agreementId: number): boolean {
  const group = db.select().from(groups).where(eq(groups.id, groupId)).get();
  return group !== undefined && group.kind === "styrgrupp" && group.level === "local" && group.agreementId === agreementId;
}

/** Whether the viewer may write the subject (the agreement's styrgrupp and beredningsgrupp members, läsare excepted). */
export function mayEditSubject(db: Db, viewer: Viewer, state: SteeringState): boolean {
  const access = agreementDocumentAccess(db, viewer, state.agreementId, subjectDocumentKind(state.subject.kind));
  return access.ok && access.mode === "edit";
}

/** Whether the viewer may read the subject and its versions (also arbetsgrupp members and administrators). */
export function mayReadSubject(db: Db, viewer: Viewer, state: SteeringState): boolean {
  return agreementDocumentAccess(db, viewer, state.agreementId, subjectDocumentKind(state.subject.kind)).ok;
}

/**
 * Puts the subject on a lokal styrgrupp meeting for decision: fixes its content as a version for that
 * meeting and adds a beslut ärende carrying the version (before Övriga frågor), with a proposed decision.
 * The viewer must both write the subject and run the meeting (its chair or secretary).
 */
export function putUpForDecision(db: Db, viewer: Viewer, subject: SteeringSubject, meetingId: number, now = new Date()) {
  const state = requireState(db, subject);
  if (!mayEditSubject(db, viewer, state)) throw new ForbiddenError(`Du kan inte lägga ${definite[subject.kind].toLowerCase()} för beslut.`);
  const context = requireRunning(db, viewer, meetingId);
  const steering = localSteeringGroup(db, state.agreementId);
  if (!isLocalSteeringGroupOf(db, context.groupId, state.agreementId)) {
    throw new ConflictError(
      `${definite[subject.kind]} fastställs bara av den lokala styrgruppen${steering ? ` (${steering.name})` : ""}. Välj ett av dess möten.`,
      "meetingId",
    );
  }
  if (context.locked || (context.meeting.status !== "planerat" && context.meeting.status !== "pagar")) {
    throw new ConflictError("Välj ett planerat eller pågående möte.", "meetingId");
  }
  const title = subjectTitle(state);
  const label = `${title} – för beslut ${stockholmLongDate(context.meeting.startsAt)}`;
  const put = writeTransaction(db, (tx) => {
    // Checked again inside the write transaction: two people putting it up at once get one ärende.
    if (requireState(tx, subject).status === "for_beslut") {
      throw new ConflictError(
        `${definite[subject.kind]} ligger redan för beslut. Den kan läggas för beslut igen när det beslutet är fattat eller ärendet återförvisat.`,
      );
    }
    const itemTitle = `Fastställande av ${bilagaTitle(state).toLowerCase()}`;
    const agendaItemId = insertAgendaItem(tx, meetingId, { title: itemTitle, kind: "beslut", presenterId: null }, null, viewer.id, now);
    const version = createVersion(
      tx,
      viewer.id,
      { subjectKind: subject.kind, subjectId: subject.id },
      { kind: "for_beslut", label, meetingId, agendaItemId },
      now,
    );
    tx.update(agendaItems).set({ versionId: version.id }).where(eq(agendaItems.id, agendaItemId)).run();
    // The ärende is new, so its decision document was never opened by anyone: it may be written directly.
    appendParagraphsOffline(tx, { kind: "decision_text", agendaItemId }, { groupId: context.groupId, meetingId }, [proposal[subject.kind](state.year)], now);
    updateSubject(tx, subject, { status: "for_beslut", currentVersionId: version.id });
    appendAudit(
      tx,
      {
        actorId: viewer.id,
        action: "steering_document.put_up",
        subject: `${subject.kind}:${subject.id}`,
        payload: { title, detail: label, versionId: version.id, meetingId, agendaItemId },
      },
      now,
    );
    // The styrgrupp's members hear of it with the change, so a refused put-up tells nobody.
    queuePutUpNotices(tx, meetingId, { title, versionId: version.id }, now);
    return { versionId: version.id, agendaItemId, label };
  });
  return put;
}

/** What adopting a decision under an ärende carrying a version means; undefined for any other ärende. */
export interface SteeringDecision {
  state: SteeringState;
  versionId: number;
}

/**
 * Checks, before a decision is adopted under an ärende that carries a version, that this is the
 * agreement's lokal styrgrupp deciding the version now up for decision. Defence in depth: the ärende
 * may have been copied to another group's meeting, or its version replaced by a newer put-up.
 */
export function steeringDecisionFor(db: Db, item: { versionId: number | null }, groupId: number): SteeringDecision | undefined {
  if (item.versionId === null) return undefined;
  const version = db.select().from(documentVersions).where(eq(documentVersions.id, item.versionId)).get();
  if (!version) throw new NotFoundError();
  const state = requireState(db, { kind: version.subjectKind, id: version.subjectId });
  if (!isLocalSteeringGroupOf(db, groupId, state.agreementId)) {
    throw new ConflictError(`${definite[version.subjectKind]} kan bara fastställas av överenskommelsens lokala styrgrupp.`);
  }
  if (state.status !== "for_beslut" || state.currentVersionId !== version.id) {
    throw new ConflictError(
      `Versionen under ärendet ligger inte längre för beslut. ${definite[version.subjectKind]} har lagts för beslut på nytt eller återförvisats.`,
    );
  }
  return { state, versionId: version.id };
}

/**
 * Records, inside the adoption's write transaction, what the decision did: fastställd (the version gets
 * its decision, the agreement's bilaga its date) or sent back to utkast.
 */
export function recordSteeringDecision(
  tx: Db,
  actorId: number,
  decided: SteeringDecision,
  decision: { id: number; number: number; year: number; text: string; sentBack: boolean },
  now: Date,
): void {
  const { state, versionId } = decided;
  const title = subjectTitle(state);
  const paragraph = paragraphLabel(decision.number, decision.year);
  if (decision.sentBack) {
    if (decision.text.trim() === proposal[state.subject.kind](state.year)) {
      throw new ConflictError("Beslutstexten är fortfarande förslaget att fastställa. Skriv att styrgruppen återförvisar ärendet, och varför.", "text");
    }
    updateSubject(tx, state.subject, { status: "utkast", currentVersionId: null });
    appendAudit(
      tx,
      {
        actorId,
        action: "steering_document.sent_back",
        subject: `${state.subject.kind}:${state.subject.id}`,
        payload: { title, detail: paragraph, versionId, decisionId: decision.id },
      },
      now,
    );
    return;
  }
  // The version put up is the one decided: its content never changes, it gains its § and its kind
  // (the versions list then shows it as fastställd, and next year's lägesbild starts from it).
  tx.update(documentVersions).set({ decisionId: decision.id, kind: "faststalld" }).where(eq(documentVersions.id, versionId)).run();
  updateSubject(tx, state.subject, { status: "faststalld", currentVersionId: versionId, decidedVersionId: versionId });
  tx.update(agreementAttachments)
    .set({ datedOn: stockholmDate(now) })
    .where(and(eq(agreementAttachments.agreementId, state.agreementId), eq(agreementAttachments.kind, state.subject.kind)))
    .run();
  appendAudit(
    tx,
    {
      actorId,
      action: "steering_document.decided",
      subject: `${state.subject.kind}:${state.subject.id}`,
      payload: { title, detail: paragraph, versionId, decisionId: decision.id },
    },
    now,
  );
}

/** Hands the decided subject over to the stadsövergripande beredningsgrupp: the lokal styrgrupp's ordförande does it. */
export function handOver(db: Db, viewer: Viewer, subject: SteeringSubject, now = new Date()): void {
  const state = requireState(db, subject);
  if (!mayReadSubject(db, viewer, state)) throw new NotFoundError();
  const steering = localSteeringGroup(db, state.agreementId);
  const chair =
    steering &&
    db
      .select({ id: memberships.id })
      .from(memberships)
      .where(and(eq(memberships.groupId, steering.id), eq(memberships.personId, viewer.id), eq(memberships.role, "ordforande")))
      .get();
  if (!chair) throw new ForbiddenError(`Endast den lokala styrgruppens ordförande kan överlämna ${definite[subject.kind].toLowerCase()}.`);
  writeTransaction(db, (tx) => {
    const current = requireState(tx, subject);
    if (current.status !== "faststalld") throw new ConflictError(`${definite[subject.kind]} kan överlämnas när den är fastställd och inte redan överlämnad.`);
    updateSubject(tx, subject, { status: "overlamnad", handedOverAt: nowIso(now), handedOverBy: viewer.id });
    appendAudit(
      tx,
      {
        actorId: viewer.id,
        action: "steering_document.handed_over",
        subject: `${subject.kind}:${subject.id}`,
        payload: { title: subjectTitle(current), detail: "Till den stadsövergripande beredningsgruppen", versionId: current.currentVersionId },
      },
      now,
    );
    const agreement = tx.select({ title: agreements.title }).from(agreements).where(eq(agreements.id, current.agreementId)).get()!;
    notifyHandedOver(
      tx,
      cityWideReceivers(tx, current.agreementId),
      { subjectKey: `${subject.kind}:${subject.id}`, bilaga: bilagaTitle(current), agreementTitle: agreement.title, fromGroupName: steering.name },
      now,
    );
  });
}

/** A decided version with its §: what the agreement's bilagor, the city-wide list and the panel show. */
export interface DecidedVersion {
  versionId: number;
  subjectKind: VersionSubject;
  subjectId: number;
  label: string;
  sha256: string;
  pdfSha256: string | null;
  decisionId: number;
  adoptedAt: string;
  paragraph: string;
  meetingId: number;
  agendaItemId: number | null;
  groupName: string;
}

function decidedVersionsWhere(db: Db, condition: ReturnType<typeof and>): DecidedVersion[] {
  return db
    .select({
      versionId: documentVersions.id,
      subjectKind: documentVersions.subjectKind,
      subjectId: documentVersions.subjectId,
      label: documentVersions.label,
      sha256: documentVersions.sha256,
      pdfSha256: documentVersions.pdfSha256,
      decisionId: decisions.id,
      adoptedAt: decisions.adoptedAt,
      number: decisions.number,
      year: decisions.year,
      meetingId: decisions.meetingId,
      agendaItemId: decisions.agendaItemId,
      groupName: groups.name,
    })
    .from(documentVersions)
    .innerJoin(decisions, eq(decisions.id, documentVersions.decisionId))
    .innerJoin(groups, eq(groups.id, decisions.groupId))
    .where(condition)
    .orderBy(desc(decisions.adoptedAt))
    .all()
    .map(({ number, year, ...row }) => ({ ...row, paragraph: paragraphLabel(number, year) }));
}

/** Every decided version of an agreement's lägesbilder and plans, newest first. */
export function decidedVersionsOfAgreement(db: Db, agreementId: number): (DecidedVersion & { year: number | null })[] {
  const pictures = db
    .select({ id: situationPictures.id, year: situationPictures.year })
    .from(situationPictures)
    .where(eq(situationPictures.agreementId, agreementId))
    .all();
  const yearOf = new Map(pictures.map((p) => [p.id, p.year]));
  const found: (DecidedVersion & { year: number | null })[] = [];
  if (pictures.length > 0) {
    const rows = decidedVersionsWhere(db, and(eq(documentVersions.subjectKind, "lagesbild"), inArray(documentVersions.subjectId, [...yearOf.keys()])));
    found.push(...rows.map((r) => ({ ...r, year: yearOf.get(r.subjectId) ?? null })));
  }
  for (const kind of planKinds) {
    const table = planTables[kind];
    const plan = db.select({ id: table.id }).from(table).where(eq(table.agreementId, agreementId)).get();
    if (!plan) continue;
    const rows = decidedVersionsWhere(db, and(eq(documentVersions.subjectKind, kind), eq(documentVersions.subjectId, plan.id)));
    found.push(...rows.map((r) => ({ ...r, year: null })));
  }
  return found.sort((a, b) => b.adoptedAt.localeCompare(a.adoptedAt));
}

/** The decided version under an ärende, if its decision fastställde one: the § links its bilaga. */
export function decidedVersionOfItems(db: Db, agendaItemIds: number[]): Map<number, DecidedVersion> {
  if (agendaItemIds.length === 0) return new Map();
  const rows = decidedVersionsWhere(db, and(inArray(decisions.agendaItemId, agendaItemIds)));
  return new Map(rows.map((r) => [r.agendaItemId!, r]));
}

/** What the meeting page shows of the version an ärende carries: its label, the subject's name, and whether it is decided. */
export interface ItemVersion {
  versionId: number;
  label: string;
  subjectKind: VersionSubject;
  /** "Lägesbild 2026", "Åtgärdsplan", "Kommunikationsplan". */
  title: string;
  decided: boolean;
  sha256: string;
}

/** The version put up for decision under each of these ärenden (carried ones included), by ärende. */
export function versionsOfItems(db: Db, agendaItemIds: number[]): Record<number, ItemVersion> {
  if (agendaItemIds.length === 0) return {};
  const rows = db
    .select({ itemId: agendaItems.id, version: documentVersions })
    .from(agendaItems)
    .innerJoin(documentVersions, eq(documentVersions.id, agendaItems.versionId))
    .where(inArray(agendaItems.id, agendaItemIds))
    .all();
  const found: Record<number, ItemVersion> = {};
  for (const { itemId, version } of rows) {
    const state = steeringState(db, { kind: version.subjectKind, id: version.subjectId });
    if (!state) continue;
    found[itemId] = {
      versionId: version.id,
      label: version.label,
      subjectKind: version.subjectKind,
      title: subjectTitle(state),
      decided: version.decisionId !== null,
      sha256: version.sha256,
    };
  }
  return found;
}

/** The stadsövergripande beredningsgrupper (city-wide level) whose members receive the agreement's handed-over documents. */
function cityWideReceivers(db: Db, agreementId: number): number[] {
  const parentId = db.select({ parentId: agreements.parentId }).from(agreements).where(eq(agreements.id, agreementId)).get()?.parentId;
  if (!parentId) return [];
  return db
    .select({ id: groups.id })
    .from(groups)
    .where(and(eq(groups.agreementId, parentId), eq(groups.kind, "beredningsgrupp"), eq(groups.level, "city_wide")))
    .all()
    .map((g) => g.id);
}

/**
 * Whether the viewer may read this version: whoever may read its subject, and members of the
 * stadsövergripande beredningsgrupp for decided versions handed over to them (decided before the hand-over).
 */
export function mayReadVersion(db: Db, viewer: Viewer, versionId: number): boolean {
  const version = db.select().from(documentVersions).where(eq(documentVersions.id, versionId)).get();
  if (!version) return false;
  const state = steeringState(db, { kind: version.subjectKind, id: version.subjectId });
  if (!state) return false;
  if (mayReadSubject(db, viewer, state)) return true;
  if (version.decisionId === null || state.handedOverAt === null || version.createdAt > state.handedOverAt) return false;
  const receivers = cityWideReceivers(db, state.agreementId);
  if (receivers.length === 0) return false;
  return (
    db
      .select({ id: memberships.id })
      .from(memberships)
      .where(and(inArray(memberships.groupId, receivers), eq(memberships.personId, viewer.id)))
      .get() !== undefined
  );
}

/**
 * "Överlämnade lägesbilder och åtgärdsplaner" on a stadsövergripande beredningsgrupp's page: for each
 * local agreement under the group's agreement, the last decided version handed over. Empty for other groups.
 */
export function handedOverToGroup(db: Db, groupId: number) {
  const group = db.select().from(groups).where(eq(groups.id, groupId)).get();
  if (!group || group.kind !== "beredningsgrupp" || group.level !== "city_wide") return [];
  const local = db
    .select({ id: agreements.id, title: agreements.title, slug: agreements.slug })
    .from(agreements)
    .where(eq(agreements.parentId, group.agreementId))
    .orderBy(asc(agreements.title))
    .all();
  const result: (DecidedVersion & { agreementId: number; agreementTitle: string; year: number | null; handedOverAt: string })[] = [];
  for (const agreement of local) {
    const pictures = db
      .select()
      .from(situationPictures)
      .where(and(eq(situationPictures.agreementId, agreement.id), isNotNull(situationPictures.handedOverAt)))
      .orderBy(desc(situationPictures.year))
      .all()
      .map((p) => ({ subject: { kind: "lagesbild" as const, id: p.id }, year: p.year as number | null, handedOverAt: p.handedOverAt! }));
    const plans = planKinds.flatMap((kind) => {
      const table = planTables[kind];
      return db
        .select()
        .from(table)
        .where(and(eq(table.agreementId, agreement.id), isNotNull(table.handedOverAt)))
        .all()
        .map((p) => ({ subject: { kind, id: p.id }, year: null as number | null, handedOverAt: p.handedOverAt! }));
    });
    for (const handed of [...pictures, ...plans]) {
      const [last] = decidedVersionsWhere(
        db,
        and(
          eq(documentVersions.subjectKind, handed.subject.kind),
          eq(documentVersions.subjectId, handed.subject.id),
          lte(documentVersions.createdAt, handed.handedOverAt),
        ),
      );
      if (last) result.push({ ...last, agreementId: agreement.id, agreementTitle: agreement.title, year: handed.year, handedOverAt: handed.handedOverAt });
    }
  }
  return result;
}

/**
 * What the lifecycle panel of a lägesbild or plan shows the viewer: the status, the version up
 * for decision or last decided, the lokal styrgrupp's meetings it may be put up on (when the viewer may
 * do that) and whether the viewer may hand it over.
 */
export function steeringPanel(db: Db, viewer: Viewer, subject: SteeringSubject) {
  const state = requireState(db, subject);
  if (!mayReadSubject(db, viewer, state)) throw new NotFoundError();
  const steering = localSteeringGroup(db, state.agreementId);
  const role = steering
    ? db
        .select({ role: memberships.role })
        .from(memberships)
        .where(and(eq(memberships.groupId, steering.id), eq(memberships.personId, viewer.id)))
        .get()?.role
    : undefined;
  const mayPutUp = mayEditSubject(db, viewer, state) && (role === "ordforande" || role === "sekreterare") && state.status !== "for_beslut";
  const meetingChoices =
    mayPutUp && steering
      ? db
          .select({ id: meetings.id, title: meetings.title, startsAt: meetings.startsAt, status: meetings.status })
          .from(meetings)
          .where(and(eq(meetings.groupId, steering.id), inArray(meetings.status, ["planerat", "pagar"])))
          .orderBy(asc(meetings.startsAt))
          .all()
      : [];
  const current = state.currentVersionId
    ? db
        .select({ id: documentVersions.id, label: documentVersions.label, meetingId: documentVersions.meetingId, agendaItemId: documentVersions.agendaItemId })
        .from(documentVersions)
        .where(eq(documentVersions.id, state.currentVersionId))
        .get()
    : undefined;
  const decided = decidedVersionsWhere(db, and(eq(documentVersions.subjectKind, subject.kind), eq(documentVersions.subjectId, subject.id)));
  return {
    subject,
    title: subjectTitle(state),
    status: state.status,
    steeringGroup: steering ?? null,
    current: current ?? null,
    decided,
    meetingChoices,
    mayHandOver: role === "ordforande" && state.status === "faststalld",
    handedOverAt: state.handedOverAt,
  };
}
