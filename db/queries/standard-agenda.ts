import { eq } from "drizzle-orm";
import { type Db, writeTransaction } from "../client";
import { agendaItemKinds, groups, type AgendaItemKind } from "../schema";
import { membershipOf } from "./access";
import { appendAudit, auditActorId } from "./audit";
import { ConflictError, ForbiddenError, NotFoundError } from "./errors";
import { runsGroup } from "./meeting-rights";
import type { Viewer } from "./sessions";

export const FOLLOW_UP_TITLE = "Uppföljning av uppdrag";

export interface StandardAgendaItem {
  title: string;
  kind: AgendaItemKind;
}

/** The agenda a Swedish meeting follows unless the group has its own (groups.standard_agenda is null). */
export const DEFAULT_STANDARD_AGENDA: readonly StandardAgendaItem[] = [
  { title: "Mötets öppnande", kind: "information" },
  { title: "Val av justerare", kind: "beslut" },
  { title: "Godkännande av dagordningen", kind: "beslut" },
  { title: "Föregående protokoll", kind: "information" },
  { title: FOLLOW_UP_TITLE, kind: "information" },
  { title: "Övriga frågor", kind: "diskussion" },
  { title: "Mötets avslutande", kind: "information" },
];

export const MAX_STANDARD_ITEMS = 30;
export const MAX_TITLE_LENGTH = 200;

function isStandardAgendaItem(value: unknown): value is StandardAgendaItem {
  if (!value || typeof value !== "object") return false;
  const { title, kind } = value as Record<string, unknown>;
  return typeof title === "string" && title.trim() !== "" && (agendaItemKinds as readonly unknown[]).includes(kind);
}

/** The group's standard agenda; the product's default when the group has none (or the stored one cannot be read). */
export function standardAgendaOf(db: Db, groupId: number): StandardAgendaItem[] {
  const stored = db.select({ standardAgenda: groups.standardAgenda }).from(groups).where(eq(groups.id, groupId)).get()?.standardAgenda;
  if (stored) {
    try {
      const parsed: unknown = JSON.parse(stored);
      if (Array.isArray(parsed) && parsed.length > 0 && parsed.every(isStandardAgendaItem)) return parsed.map(({ title, kind }) => ({ title, kind }));
    } catch {
      // A stored list that cannot be read falls back to the default: a new meeting still gets an agenda.
    }
  }
  return DEFAULT_STANDARD_AGENDA.map((item) => ({ ...item }));
}

/** Whether the viewer may change the group's standard agenda: its chair or secretary, or an administrator. */
export function canEditStandardAgenda(db: Db, viewer: Viewer, groupId: number): boolean {
  return viewer.isAdmin || runsGroup(membershipOf(db, viewer, groupId)?.role ?? null);
}

/** Replaces the group's standard agenda (new meetings only: meetings already called keep theirs). Audited with the list before and after. */
export function setStandardAgenda(db: Db, viewer: Viewer, groupId: number, items: StandardAgendaItem[], now = new Date()): void {
  if (!viewer.isAdmin && !membershipOf(db, viewer, groupId)) throw new NotFoundError();
  if (!canEditStandardAgenda(db, viewer, groupId)) throw new ForbiddenError("Endast gruppens ordförande och sekreterare kan ändra standarddagordningen.");
  const cleaned = items.map((item) => ({ title: item.title.trim(), kind: item.kind }));
  if (cleaned.length === 0) throw new ConflictError("Standarddagordningen behöver minst ett ärende.", "standardAgenda");
  if (cleaned.length > MAX_STANDARD_ITEMS) throw new ConflictError(`Standarddagordningen kan ha högst ${MAX_STANDARD_ITEMS} ärenden.`, "standardAgenda");
  if (!cleaned.every(isStandardAgendaItem)) throw new ConflictError("Varje ärende behöver en rubrik och en giltig typ.", "standardAgenda");
  if (cleaned.some((item) => item.title.length > MAX_TITLE_LENGTH))
    throw new ConflictError(`En rubrik får vara högst ${MAX_TITLE_LENGTH} tecken.`, "standardAgenda");
  writeTransaction(db, (tx) => {
    const before = standardAgendaOf(tx, groupId);
    if (JSON.stringify(before) === JSON.stringify(cleaned)) return;
    tx.update(groups)
      .set({ standardAgenda: JSON.stringify(cleaned) })
      .where(eq(groups.id, groupId))
      .run();
    appendAudit(
      tx,
      { actorId: auditActorId(viewer), action: "group.standard_agenda_changed", subject: `group:${groupId}`, payload: { from: before, to: cleaned } },
      now,
    );
  });
}
