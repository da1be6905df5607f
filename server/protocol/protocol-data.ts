import type { ParagraphOutcome } from "../../db/domain/enums";

/**
 * Everything a meeting protocol (or an extract of one §) shows, gathered from
 * the database by the meeting model and handed to the PDF renderer. Plain data:
 * names and texts as they are to be printed, timestamps as ISO strings (UTC).
 */
export interface ProtocolData {
  /** A whole protocol, or a protokollsutdrag (extract) with one §. */
  kind: "protokoll" | "protokollsutdrag";
  /** Not (yet) justerat: the PDF says "UTKAST – ej justerat" in its title, heading, file name and across every page. */
  draft: boolean;
  /** Made from the demo data: the PDF says DEMO in its title, heading and across every page. */
  demo: boolean;
  group: { name: string; agreementTitle: string };
  meeting: {
    title: string;
    /** The planned time. */
    startsAt: string;
    endsAt: string | null;
    /** When the meeting actually started and ended, once recorded; the head prints these instead of the planned time. */
    startedAt?: string | null;
    endedAt?: string | null;
    location: string | null;
    videoLink: string | null;
  };
  /** Beslutande: the ordförande and the ledamöter present, the ordförande first. */
  beslutande: ProtocolPerson[];
  /** Present without being beslutande: the sekreterare, adjungerade, läsare and guests. */
  ovrigaNarvarande: ProtocolPerson[];
  /** The ordförande and ledamöter not recorded as present (absent, anmält förhinder or not marked). */
  franvarande: ProtocolPerson[];
  /** The ordförande who led the meeting (a group led jointly has one per party), else the first ordförande listed. */
  chair: string | null;
  secretary: string | null;
  justerare: string[];
  /** Every ärende dealt with, in § order. */
  paragraphs: ProtocolParagraph[];
  /** Ärenden on the agenda not dealt with yet (no §): only a draft of a meeting that has not ended has any. */
  undealtItems: string[];
  /** Uppdrag given at the meeting under no § (the meeting as such, or an ärende not dealt with yet). */
  otherUppdrag: ProtocolUppdrag[];
  /** The general minutes (plain text, one paragraph per line), empty when none. */
  generalNotes: string;
  /**
   * The Justeras block's signature lines in order: the chair who led the meeting, each justerare, the sekreterare;
   * `approvedAt` when their digital approval holds, else null (a line to sign).
   */
  signatures: { /** "Ordförande", "Justerare", "Sekreterare". */ capacity: string; name: string | null; approvedAt: string | null }[];
  /** SHA-256 of the meeting's record (what an approval binds to) when the protocol was produced. */
  recordSha256: string | null;
  /** Hash of the latest audit-log entry when the protocol was produced (tamper evidence). */
  auditHash: string | null;
  generatedAt: string;
}

export interface ProtocolPerson {
  name: string;
  /** "Ordförande", "Ledamot", "Sekreterare", "Adjungerad", "Läsare", "Gäst". */
  role: string;
  functionName: string | null;
  organisation: string | null;
  /** Set when the person arrived late or left early (ISO). */
  arrivedAt?: string | null;
  leftAt?: string | null;
}

/**
 * One § of the protocol: an ärende dealt with at the meeting. An ärende with a decision carries
 * "Beslut"; the others carry their notes; a bordlagt or struck ärende says so.
 */
export interface ProtocolParagraph {
  /** § number and year: "§ 3/2026". */
  number: number;
  year: number;
  title: string;
  /** The beredningsgrupp that prepared the ärende for this styrgrupp ("Beredning"), if any. */
  preparedBy?: string | null;
  /** What became of the ärende: behandlat, bordlagt (postponed) or utgår (struck); the last two move to the next meeting. */
  outcome: ParagraphOutcome;
  /** Whether a decision was adopted under the §; the decision fields below are empty/null when not. */
  hasDecision: boolean;
  /** The lägesbild or åtgärdsplan version the decision fastställde, as the § names its bilaga: "Gemensam lokal lägesbild 2026, fastställd version, SHA-256 …". */
  bilaga?: string | null;
  /** The adopted decision text (plain text, one paragraph per line), "" without a decision. */
  decisionText: string;
  /** Notes from the agenda item's discussion (plain text), may be empty. */
  notes: string;
  /** When the decision was adopted, null without a decision. */
  adoptedAt: string | null;
  /** "§ 2/2026" when this decision corrects an earlier one. */
  corrects: string | null;
  /** Set when approved at the meeting (omedelbar justering). */
  immediatelyApprovedAt: string | null;
  /** The ordförande and ledamöter present when the decision was adopted. */
  beslutande: string[];
  /** Whether `beslutande` differs from the protocol's head (someone arrived later or left before), so the § must say who decided. */
  beslutandeDiffer: boolean;
  /** The ordförande who chaired the §, given only when it was not the chair the head names (jointly led groups). */
  chairedBy: string | null;
  /** Uppdrag given under this §. */
  uppdrag: ProtocolUppdrag[];
  /** The ärende's handlingar and the decision's bilagor (uploaded files), as the § lists them; absent or empty when none. */
  files?: ProtocolFile[];
}

/** An uploaded file as the protocol names it: which bytes (SHA-256) under which name. */
export interface ProtocolFile {
  fileName: string;
  size: number;
  sha256: string;
  /** A handling of the ärende, or a bilaga of the decision. */
  category: "handling" | "beslutsbilaga";
}

/** An uppdrag as the protocol records it: who, what, by when. */
export interface ProtocolUppdrag {
  title: string;
  owner: string;
  /** Due date (Stockholm calendar date, "2026-04-30"), null when none was set. */
  dueOn: string | null;
  /** The ärende it was given under, for uppdrag outside any §. */
  itemTitle: string | null;
}
