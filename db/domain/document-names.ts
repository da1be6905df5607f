/**
 * Live document names encode what they belong to, so access can be decided from the name alone
 * (db/queries/document-access.ts) and the collab server's URL names the document:
 *   meeting-<meetingId>-agenda | meeting-<meetingId>-minutes
 *   item-<agendaItemId>-notes | item-<agendaItemId>-decision
 *   lagesbild-<agreementSlug>-<year>
 * Every name is built by `documentName` and read by `parseDocumentName`; nothing else spells them.
 */
export type DocumentRef =
  | { kind: "agenda" | "minutes"; meetingId: number }
  | { kind: "agenda_item_notes" | "decision_text"; agendaItemId: number }
  | { kind: "lagesbild"; agreementSlug: string; year: number };

const MAX_NAME_LENGTH = 100;
const meetingDoc = /^meeting-([1-9][0-9]{0,9})-(agenda|minutes)$/;
const itemDoc = /^item-([1-9][0-9]{0,9})-(notes|decision)$/;
const lagesbildDoc = /^lagesbild-([a-z0-9]+(?:-[a-z0-9]+)*)-([0-9]{4})$/;

export function documentName(ref: DocumentRef): string {
  switch (ref.kind) {
    case "lagesbild":
      return `lagesbild-${ref.agreementSlug}-${ref.year}`;
    case "agenda_item_notes":
      return `item-${ref.agendaItemId}-notes`;
    case "decision_text":
      return `item-${ref.agendaItemId}-decision`;
    default:
      return `meeting-${ref.meetingId}-${ref.kind}`;
  }
}

/** What a document name refers to, or null when it is not one `documentName` could have built. */
export function parseDocumentName(name: string): DocumentRef | null {
  if (name.length > MAX_NAME_LENGTH) return null;
  const meeting = meetingDoc.exec(name);
  if (meeting) return { kind: meeting[2] as "agenda" | "minutes", meetingId: Number(meeting[1]) };
  const item = itemDoc.exec(name);
  if (item) return { kind: item[2] === "notes" ? "agenda_item_notes" : "decision_text", agendaItemId: Number(item[1]) };
  const lagesbild = lagesbildDoc.exec(name);
  if (lagesbild) return { kind: "lagesbild", agreementSlug: lagesbild[1], year: Number(lagesbild[2]) };
  return null;
}
