/**
 * The notice that a local agreement handed a decided bilaga over to the stadsövergripande
 * beredningsgrupp (see handed-over.ts for what the group does with it). Kept apart so that the hand-over
 * verb in steering-documents.ts can send it without importing what builds on steering-documents.
 */
import type { Db } from "../client";
import { buildMail } from "../domain/mail-texts";
import { chairsAndSecretariesOf } from "./access";
import { mailLink, notify } from "./notify";

/** Where a receiving group finds what was handed over to it. */
export function handedOverPath(groupId: number): string {
  return `/grupper/${groupId}#overlamnade`;
}

/**
 * Tells the receiving groups' chairs and secretaries that a local agreement handed over a decided
 * bilaga; called inside the hand-over's transaction, so a hand-over always has its notices.
 */
export function notifyHandedOver(
  tx: Db,
  receiverGroupIds: number[],
  handed: { subjectKey: string; bilaga: string; agreementTitle: string; fromGroupName: string },
  now: Date,
): void {
  for (const groupId of receiverGroupIds) {
    const path = handedOverPath(groupId);
    const title = `Överlämnad från ${handed.agreementTitle}: ${handed.bilaga}`;
    for (const personId of chairsAndSecretariesOf(tx, groupId)) {
      notify(
        tx,
        {
          personId,
          kind: "bilaga_received",
          title,
          link: path,
          dedupeKey: `bilaga_received:${handed.subjectKey}:${now.toISOString()}:${personId}`,
          mail: buildMail(title, {
            heading: "En fastställd bilaga har överlämnats till gruppen",
            paragraphs: [
              `${handed.fromGroupName} har överlämnat ”${handed.bilaga}” (${handed.agreementTitle}) till den stadsövergripande beredningsgruppen.`,
              "Du får det som ordförande eller sekreterare i den mottagande gruppen. Den kan läggas på ett mötes dagordning.",
            ],
            links: [{ label: "Öppna det överlämnade i Samverkan", url: mailLink(path) }],
          }),
        },
        now,
      );
    }
  }
}
