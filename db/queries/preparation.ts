import { and, asc, eq, gt, isNull } from "drizzle-orm";
import * as Y from "yjs";
import { type Db, writeTransaction } from "../client";
import { DocumentStore } from "../documents/store";
import { documentName } from "../domain/document-names";
import { fileStore, newStorageKey } from "../files/store";
import { liveEvents } from "../live-events";
import { agendaItems, groups, meetings, storedFiles } from "../schema";
import { nowIso } from "../time";
import { insertAgendaItem } from "./agenda";
import { appendAudit } from "./audit";
import { ConflictError, ForbiddenError, NotFoundError } from "./errors";
import { steeringGroupPreparedFor } from "./group-chain";
import { assertRecordOpen, requireVisibleMeeting } from "./meeting-rights";
import type { Viewer } from "./sessions";

/** Where an ärende of a beredningsgrupp stands towards its styrgrupp: prepared (and where to), or whether it may be. */
export function preparationOf(db: Db, sourceItemId: number) {
  return (
    db
      .select({ itemId: agendaItems.id, meetingId: meetings.id, startsAt: meetings.startsAt, groupName: groups.name })
      .from(agendaItems)
      .innerJoin(meetings, eq(meetings.id, agendaItems.meetingId))
      .innerJoin(groups, eq(groups.id, meetings.groupId))
      .where(eq(agendaItems.preparedFromItemId, sourceItemId))
      .orderBy(asc(agendaItems.id))
      .get() ?? null
  );
}

/** The styrgrupp's next planned meeting, which a prepared ärende goes to; null when none is planned. */
export function nextSteeringMeeting(db: Db, steeringGroupId: number, now = new Date()) {
  return (
    db
      .select({ id: meetings.id, startsAt: meetings.startsAt })
      .from(meetings)
      .where(and(eq(meetings.groupId, steeringGroupId), eq(meetings.status, "planerat"), isNull(meetings.lockedAt), gt(meetings.startsAt, nowIso(now))))
      .orderBy(asc(meetings.startsAt))
      .get() ?? null
  );
}

/**
 * The beredningsgrupp prepares one of its ärenden for its styrgrupp (the agreements' "bereder ärenden till
 * styrgruppen"): a new ärende on the styrgrupp's next planned meeting, marked "beredd av" the
 * beredningsgrupp, with a copy of the ärende's handlingar (new files in the styrgrupp's record, so that
 * record stays whole and frozen with its own justering) and of its beslutsförslag as the new ärende's
 * proposal, which the styrgrupp then edits live. Only the beredningsgrupp's chair or secretary may do it,
 * once per ärende. Returns the new ärende and the meeting it is on.
 */
export async function prepareForSteering(db: Db, viewer: Viewer, sourceItemId: number, now = new Date()) {
  const source = db.select().from(agendaItems).where(eq(agendaItems.id, sourceItemId)).get();
  if (!source) throw new NotFoundError();
  const context = requireVisibleMeeting(db, viewer, source.meetingId);
  if (!context.canRun) throw new ForbiddenError("Endast beredningsgruppens ordförande och sekreterare kan bereda ärenden till styrgruppen.");
  const steering = steeringGroupPreparedFor(db, context.groupId);
  if (!steering) throw new ConflictError("Bara en beredningsgrupp bereder ärenden till en styrgrupp.", "prepare");
  if (preparationOf(db, sourceItemId)) throw new ConflictError("Ärendet är redan berett till styrgruppen.", "prepare");
  const target = nextSteeringMeeting(db, steering.id, now);
  if (!target) throw new ConflictError(`${steering.name} har inget planerat möte. Be ordföranden kalla till ett, och bered sedan ärendet.`, "prepare");

  // The handlingar's bytes are copied before the transaction (the store is not transactional); copies of a
  // refused preparation are removed again.
  const files = db
    .select()
    .from(storedFiles)
    .where(and(eq(storedFiles.agendaItemId, sourceItemId), isNull(storedFiles.removedAt)))
    .orderBy(asc(storedFiles.id))
    .all();
  const store = fileStore();
  const copies: { file: (typeof files)[number]; key: string }[] = [];
  try {
    for (const file of files) {
      const key = newStorageKey();
      await store.put(key, await store.get(file.storageKey), file.size);
      copies.push({ file, key });
    }
    const proposal = storedState(db, documentName({ kind: "decision_text", agendaItemId: sourceItemId }));
    const itemId = writeTransaction(db, (tx) => {
      assertRecordOpen(tx, target.id);
      // Checked again inside the transaction: two presses of the button make one ärende.
      if (preparationOf(tx, sourceItemId)) throw new ConflictError("Ärendet är redan berett till styrgruppen.", "prepare");
      const id = insertAgendaItem(
        tx,
        target.id,
        { title: source.title, kind: source.kind, presenterId: null, preparedByGroupId: context.groupId, preparedFromItemId: sourceItemId },
        null,
        viewer.id,
        now,
      );
      for (const { file, key } of copies) {
        const fileId = tx
          .insert(storedFiles)
          .values({
            category: file.category,
            fileName: file.fileName,
            title: file.title,
            mediaType: file.mediaType,
            size: file.size,
            sha256: file.sha256,
            storageKey: key,
            agendaItemId: id,
            uploadedBy: viewer.id,
            uploadedAt: nowIso(now),
          })
          .returning({ id: storedFiles.id })
          .get().id;
        const payload = { fileId, title: file.fileName, category: file.category, sha256: file.sha256, size: file.size, copiedFrom: file.id };
        appendAudit(tx, { actorId: viewer.id, action: "file.added", subject: `meeting:${target.id}`, payload }, now);
      }
      if (proposal) {
        new DocumentStore(tx).createWithState(
          documentName({ kind: "decision_text", agendaItemId: id }),
          "decision_text",
          { groupId: steering.id, meetingId: target.id },
          proposal,
          now,
        );
      }
      const payload = { title: source.title, itemId: id, fromItemId: sourceItemId, toMeetingId: target.id, files: copies.length };
      appendAudit(tx, { actorId: viewer.id, action: "agenda.item_prepared", subject: `meeting:${source.meetingId}`, payload }, now);
      return id;
    });
    liveEvents().emit("meetingChanged", source.meetingId);
    return { itemId, meetingId: target.id, startsAt: target.startsAt, steeringName: steering.name };
  } catch (error) {
    await Promise.all(copies.map(({ key }) => store.remove(key).catch(() => {})));
    throw error;
  }
}

/** A stored live document's whole state, or null when it was never created. */
function storedState(db: Db, name: string): Uint8Array | null {
  const loaded = new DocumentStore(db).loadStored(name);
  if (!loaded) return null;
  try {
    return Y.encodeStateAsUpdate(loaded.doc);
  } finally {
    loaded.doc.destroy();
  }
}
