import { and, desc, eq, inArray, or, sql, type SQL } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import { type Db, writeTransaction } from "../client";
import { readDocumentText } from "../documents/store";
import { liveEvents } from "../live-events";
import { agendaItems, agreements, decisionApprovals, decisionAttendees, decisions, groups, meetings, minutesApprovers, type DecisionKind } from "../schema";
import { nowIso } from "../time";
import { memberGroupIds } from "./access";
import { isPresentAt, listAttendance } from "./attendance";
import { appendAudit } from "./audit";
import { ConflictError, ForbiddenError, NotFoundError } from "./errors";
import { assertRecordOpen, requireRunning, requireVisibleMeeting } from "./meeting-rights";
import { movesToNextMeeting, numberParagraphsThrough, paragraphOf } from "./paragraphs";
import type { Viewer } from "./sessions";
import { documentName } from "../domain/document-names";
import { paragraphLabel } from "../domain/labels";
import { recordSteeringDecision, steeringDecisionFor } from "./steering-documents";

const roleLabel: Record<string, string> = {
  ordforande: "Ordförande",
  ledamot: "Ledamot",
  sekreterare: "Sekreterare",
  adjungerad: "Adjungerad",
  lasare: "Läsare",
  gast: "Adjungerad gäst",
};

/**
 * Adopts the decision of an agenda item: takes the current text of the item's
 * live decision document, gives it the ärende's § (see paragraphs.ts), and
 * stores it with who was present as an immutable row.
 */
export function adoptDecision(
  db: Db,
  viewer: Viewer,
  input: { agendaItemId: number; kind: DecisionKind; correctsId?: number | null; sentBack?: boolean },
  now = new Date(),
): { id: number; number: number; year: number } {
  const item = db.select().from(agendaItems).where(eq(agendaItems.id, input.agendaItemId)).get();
  if (!item) throw new NotFoundError();
  const context = requireRunning(db, viewer, item.meetingId);
  if (context.locked) throw new ConflictError("Protokollet är justerat och låst.");
  if (context.meeting.status !== "pagar") throw new ConflictError("Beslut kan bara fattas medan mötet pågår.");
  if (item.kind !== "beslut") throw new ConflictError("Bara ärenden av typen beslut kan få ett beslut.");
  const text = readDocumentText(db, documentName({ kind: "decision_text", agendaItemId: item.id })).trim();
  if (!text) throw new ConflictError("Skriv beslutstexten innan beslutet fattas.", "text");
  if (input.correctsId) {
    const corrected = db.select({ groupId: decisions.groupId }).from(decisions).where(eq(decisions.id, input.correctsId)).get();
    if (!corrected || corrected.groupId !== context.groupId) throw new ConflictError("Beslutet som ska rättas finns inte i gruppen.");
  }
  // An ärende carrying a lägesbild or åtgärdsplan version: only the agreement's lokal styrgrupp decides it, as that kind.
  // A second post for a decided ärende is told so (below, the version would be "no longer up for decision").
  assertNoDecisionYet(db, item.id);
  const steering = steeringDecisionFor(db, item, context.groupId);
  if (input.sentBack && !steering) throw new ConflictError("Bara ett ärende med en version för beslut kan återförvisas så här.");
  const kind = steering ? steering.state.subject.kind : input.kind;
  const at = nowIso(now);
  const present = listAttendance(db, item.meetingId, context.groupId).filter((row) => isPresentAt(row, at));

  const adopted = writeTransaction(db, (tx) => {
    // One decision per ärende, checked inside the write transaction: a double click, a second tab or a second
    // person adopting at the same moment all reach this point one after the other, and only the first passes.
    assertNoDecisionYet(tx, item.id);
    // The decision carries its ärende's §: given now (with the ärenden before it) unless it was dealt with already.
    numberParagraphsThrough(tx, item.meetingId, item.id, now);
    const { number, year, outcome } = paragraphOf(tx, item.id)!;
    if (movesToNextMeeting(outcome)) throw new ConflictError("Ärendet är bordlagt eller utgår. Markera det som behandlat innan beslutet fattas.");
    const { id } = tx
      .insert(decisions)
      .values({
        groupId: context.groupId,
        year,
        number,
        meetingId: item.meetingId,
        agendaItemId: item.id,
        kind,
        title: item.title,
        text,
        adoptedAt: at,
        recordedBy: viewer.id,
        correctsId: input.correctsId ?? null,
      })
      .returning({ id: decisions.id })
      .get();
    for (const person of present) {
      tx.insert(decisionAttendees).values({ decisionId: id, personId: person.personId, name: person.name, role: roleLabel[person.role] }).run();
    }
    appendAudit(
      tx,
      { actorId: viewer.id, action: "decision.adopted", subject: `decision:${id}`, payload: { number, year, groupId: context.groupId, text } },
      now,
    );
    if (steering)
      recordSteeringDecision(
        tx,
        viewer.id,
        steeringDecisionFor(tx, item, context.groupId)!,
        { id, number, year, text, sentBack: input.sentBack ?? false },
        now,
      );
    return { id, number, year };
  });
  // The adopted text is the decision row's now; the proposal must not change under open editors either.
  liveEvents().emit("documentLocked", documentName({ kind: "decision_text", agendaItemId: item.id }));
  liveEvents().emit("meetingChanged", item.meetingId);
  return adopted;
}

/**
 * An ärende gets one decision. A rättelse (correctsId) is no exception: it is
 * adopted under its own ärende ("Rättelse av …"), in this or a later meeting,
 * and names the § it corrects; the corrected § stays as it was.
 */
function assertNoDecisionYet(tx: Db, agendaItemId: number): void {
  const existing = tx.select({ number: decisions.number, year: decisions.year }).from(decisions).where(eq(decisions.agendaItemId, agendaItemId)).get();
  if (existing) {
    throw new ConflictError(
      `Ärendet har redan ett beslut, ${paragraphLabel(existing.number, existing.year)}. Ett ärende får ett beslut; en rättelse fattas som ett eget ärende.`,
    );
  }
}

/** Decisions of a meeting with who was present at each, in § order. */
export function listMeetingDecisions(db: Db, meetingId: number) {
  const rows = db.select().from(decisions).where(eq(decisions.meetingId, meetingId)).orderBy(decisions.number).all();
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const attendees = db.select().from(decisionAttendees).where(inArray(decisionAttendees.decisionId, ids)).all();
  const approvals = db.select().from(decisionApprovals).where(inArray(decisionApprovals.decisionId, ids)).all();
  return rows.map((r) => ({
    ...r,
    present: attendees.filter((a) => a.decisionId === r.id).map((a) => ({ personId: a.personId, name: a.name, role: a.role })),
    approvedBy: approvals.filter((a) => a.decisionId === r.id).map((a) => a.personId),
  }));
}

/**
 * Omedelbar justering: the chair and the meeting's justerare each approve one §
 * at the meeting; when all have, the § is marked immediately approved.
 */
export function approveDecisionImmediately(db: Db, viewer: Viewer, decisionId: number, now = new Date()): boolean {
  const decision = db.select().from(decisions).where(eq(decisions.id, decisionId)).get();
  if (!decision) throw new NotFoundError();
  requireVisibleMeeting(db, viewer, decision.meetingId);
  // At the meeting the chair and the justerare approve a §; the sekreterare signs only the whole protocol.
  const approvers = db
    .select()
    .from(minutesApprovers)
    .where(eq(minutesApprovers.meetingId, decision.meetingId))
    .all()
    .filter((a) => a.capacity !== "sekreterare");
  if (!approvers.some((a) => a.personId === viewer.id)) throw new ForbiddenError("Endast ordföranden och justerarna kan justera en paragraf.");
  if (!approvers.some((a) => a.capacity === "justerare")) throw new ConflictError("Välj justerare innan paragrafen justeras.");
  if (decision.immediatelyApprovedAt) return true;
  const done = writeTransaction(db, (tx) => {
    assertRecordOpen(tx, decision.meetingId);
    tx.insert(decisionApprovals)
      .values({ decisionId, personId: viewer.id, approvedAt: nowIso(now) })
      .onConflictDoNothing()
      .run();
    const approvedBy = new Set(
      tx
        .select()
        .from(decisionApprovals)
        .where(eq(decisionApprovals.decisionId, decisionId))
        .all()
        .map((a) => a.personId),
    );
    const complete = approvers.every((a) => approvedBy.has(a.personId));
    appendAudit(tx, { actorId: viewer.id, action: "decision.approved_immediately", subject: `decision:${decisionId}`, payload: { complete } }, now);
    if (complete)
      tx.update(decisions)
        .set({ immediatelyApprovedAt: nowIso(now) })
        .where(eq(decisions.id, decisionId))
        .run();
    return complete;
  });
  liveEvents().emit("meetingChanged", decision.meetingId);
  return done;
}

export interface RegisterFilter {
  groupId?: number;
  year?: number;
  kind?: DecisionKind;
  text?: string;
}

/** A LIKE pattern that finds `text` anywhere, its `%`, `_` and backslash taken literally ("5%" finds "5%", not "50 kr"). */
function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** LIKE with backslash as its escape character; SQLite has none unless the query names one. */
function likeEscaped(column: SQLiteColumn, pattern: string): SQL {
  return sql`${column} like ${pattern} escape '\\'`;
}

/** The decision register: every decision the viewer may see, newest first, filtered. */
export function listDecisionRegister(db: Db, viewer: Viewer, filter: RegisterFilter = {}) {
  const conditions: SQL[] = [];
  if (!viewer.isAdmin) {
    const groupIds = memberGroupIds(db, viewer);
    if (groupIds.length === 0) return [];
    conditions.push(inArray(decisions.groupId, groupIds));
  }
  if (filter.groupId) conditions.push(eq(decisions.groupId, filter.groupId));
  if (filter.year) conditions.push(eq(decisions.year, filter.year));
  if (filter.kind) conditions.push(eq(decisions.kind, filter.kind));
  if (filter.text) {
    const pattern = containsPattern(filter.text);
    conditions.push(or(likeEscaped(decisions.text, pattern), likeEscaped(decisions.title, pattern))!);
  }
  return db
    .select({
      id: decisions.id,
      number: decisions.number,
      year: decisions.year,
      title: decisions.title,
      text: decisions.text,
      kind: decisions.kind,
      adoptedAt: decisions.adoptedAt,
      correctsId: decisions.correctsId,
      meetingId: decisions.meetingId,
      meetingTitle: meetings.title,
      meetingStatus: meetings.status,
      groupId: groups.id,
      groupName: groups.name,
      agreementTitle: agreements.title,
    })
    .from(decisions)
    .innerJoin(meetings, eq(meetings.id, decisions.meetingId))
    .innerJoin(groups, eq(groups.id, decisions.groupId))
    .innerJoin(agreements, eq(agreements.id, groups.agreementId))
    .where(conditions.length > 0 ? and(...conditions) : undefined)
    .orderBy(desc(decisions.adoptedAt), desc(decisions.number))
    .all();
}
