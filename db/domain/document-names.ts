/**
 * Live document names encode what they belong to, so access can be decided from the name alone
 * (db/queries/document-access.ts) and the collab server's URL names the document:
 *   meeting-<meetingId>-agenda | meeting-<meetingId>-minutes
 *   item-<agendaItemId>-notes | item-<agendaItemId>-decision
 *   lagesbild-<agreementSlug>-<year>      the free-text lägesbild of the first release (read only)
 *   avsnitt-<sectionId>                   one section of a lägesbild (situation_sections.id)
 *   atgardsplan-<planId>                  an åtgärdsplan's rows (action_plans.id)
 *   atgard-<planId>-<rowUid>              the live notes of one row of a plan
 *   rapport-<reportId>                    a report up the chain (chain_reports.id)
 *   kommunikationsplan-<planId>           the running text of a kommunikationsplan (communication_plans.id)
 *   version-<versionId>-<partIndex>       one part of a frozen version, opened read-only (never stored in documents)
 * Every name is built by `documentName` and read by `parseDocumentName`; nothing else spells them.
 */
export type DocumentRef =
  | { kind: "agenda" | "minutes"; meetingId: number }
  | { kind: "agenda_item_notes" | "decision_text"; agendaItemId: number }
  | { kind: "lagesbild"; agreementSlug: string; year: number }
  | { kind: "lagesbild_section"; sectionId: number }
  | { kind: "atgardsplan"; planId: number }
  | { kind: "atgard_notes"; planId: number; rowUid: string }
  | { kind: "report"; reportId: number }
  | { kind: "kommunikationsplan"; planId: number }
  /** Part `partIndex` (document_version_parts.position) of version `versionId`: always read-only. */
  | { kind: "version_part"; versionId: number; partIndex: number };

const MAX_NAME_LENGTH = 100;
const id = "([1-9][0-9]{0,9})";
const meetingDoc = new RegExp(`^meeting-${id}-(agenda|minutes)$`);
const itemDoc = new RegExp(`^item-${id}-(notes|decision)$`);
const lagesbildDoc = /^lagesbild-([a-z0-9]+(?:-[a-z0-9]+)*)-([0-9]{4})$/;
const sectionDoc = new RegExp(`^avsnitt-${id}$`);
const planDoc = new RegExp(`^atgardsplan-${id}$`);
/** Row uids are made by the browser that adds the row; the server accepts only this shape. */
export const ROW_UID_PATTERN = /^[a-z0-9]{8,32}$/;
const rowNotesDoc = new RegExp(`^atgard-${id}-([a-z0-9]{8,32})$`);
const reportDoc = new RegExp(`^rapport-${id}$`);
const communicationPlanDoc = new RegExp(`^kommunikationsplan-${id}$`);
const versionPartDoc = new RegExp(`^version-${id}-(0|[1-9][0-9]{0,3})$`);

export function documentName(ref: DocumentRef): string {
  switch (ref.kind) {
    case "lagesbild":
      return `lagesbild-${ref.agreementSlug}-${ref.year}`;
    case "lagesbild_section":
      return `avsnitt-${ref.sectionId}`;
    case "atgardsplan":
      return `atgardsplan-${ref.planId}`;
    case "atgard_notes":
      return `atgard-${ref.planId}-${ref.rowUid}`;
    case "report":
      return `rapport-${ref.reportId}`;
    case "kommunikationsplan":
      return `kommunikationsplan-${ref.planId}`;
    case "version_part":
      return `version-${ref.versionId}-${ref.partIndex}`;
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
  const section = sectionDoc.exec(name);
  if (section) return { kind: "lagesbild_section", sectionId: Number(section[1]) };
  const plan = planDoc.exec(name);
  if (plan) return { kind: "atgardsplan", planId: Number(plan[1]) };
  const rowNotes = rowNotesDoc.exec(name);
  if (rowNotes) return { kind: "atgard_notes", planId: Number(rowNotes[1]), rowUid: rowNotes[2] };
  const report = reportDoc.exec(name);
  if (report) return { kind: "report", reportId: Number(report[1]) };
  const communicationPlan = communicationPlanDoc.exec(name);
  if (communicationPlan) return { kind: "kommunikationsplan", planId: Number(communicationPlan[1]) };
  const versionPart = versionPartDoc.exec(name);
  if (versionPart) return { kind: "version_part", versionId: Number(versionPart[1]), partIndex: Number(versionPart[2]) };
  const lagesbild = lagesbildDoc.exec(name);
  if (lagesbild) return { kind: "lagesbild", agreementSlug: lagesbild[1], year: Number(lagesbild[2]) };
  return null;
}
