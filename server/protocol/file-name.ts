import { stockholmDate } from "../../db/domain/stockholm-time";

export interface ProtocolFileNameInput {
  kind: "protokoll" | "protokollsutdrag" | "kallelse";
  groupName: string;
  /** The meeting's start (ISO); the file is named by its Stockholm date. */
  startsAt: string;
  /** The § of an extract. */
  paragraph?: { number: number; year: number };
  draft: boolean;
  demo: boolean;
  /** A cancelled meeting's kallelse says INSTÄLLT. */
  cancelled?: boolean;
}

const fileKinds: Record<ProtocolFileNameInput["kind"], string> = { protokoll: "Protokoll", protokollsutdrag: "Protokollsutdrag", kallelse: "Kallelse" };

/**
 * A file name a person recognises in their downloads folder, e.g.
 * "Protokoll Lokal styrgrupp Skärholmen 2026-10-28.pdf" or "Kallelse …", with
 * "INSTÄLLT", "UTKAST – ej justerat" and "DEMO" when the PDF says so. Characters file systems refuse
 * ("/" in a group name) become "-".
 */
export function protocolFileName(input: ProtocolFileNameInput): string {
  const parts = [
    fileKinds[input.kind],
    input.groupName,
    stockholmDate(new Date(input.startsAt)),
    // "§ 3/2026" cannot be in a file name as it is.
    ...(input.paragraph ? [`§ ${input.paragraph.number}-${input.paragraph.year}`] : []),
    ...(input.cancelled ? ["INSTÄLLT"] : []),
    ...(input.draft ? ["UTKAST – ej justerat"] : []),
    ...(input.demo ? ["DEMO"] : []),
  ];
  const name = parts
    .join(" ")
    .normalize("NFC")
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, "")
    .replace(/[/\\:*?"<>|]/g, "-")
    .replace(/\s+/g, " ")
    .trim();
  return `${name}.pdf`;
}
