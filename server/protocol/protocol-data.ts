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
  paragraphs: ProtocolParagraph[];
  /** Uppdrag given at the meeting under no § (an ärende without a decision, or the meeting as such). */
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

export interface ProtocolParagraph {
  /** § number and year: "§ 3/2026". */
  number: number;
  year: number;
  title: string;
  /** The adopted decision text (plain text, one paragraph per line). */
  decisionText: string;
  /** Notes from the agenda item's discussion (plain text), may be empty. */
  notes: string;
  adoptedAt: string;
  /** "§ 2/2026" when this decision corrects an earlier one. */
  corrects: string | null;
  /** Set when approved at the meeting (omedelbar justering). */
  immediatelyApprovedAt: string | null;
  /** The ordförande and ledamöter present when the decision was adopted. */
  beslutande: string[];
  /** Whether `beslutande` differs from the protocol's head (someone arrived later or left before), so the § must say who decided. */
  beslutandeDiffer: boolean;
  /** Uppdrag given under this §. */
  uppdrag: ProtocolUppdrag[];
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
