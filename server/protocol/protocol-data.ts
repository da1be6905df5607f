/**
 * Everything a meeting protocol (or an extract of one §) shows, gathered from
 * the database by the meeting model and handed to the PDF renderer. Plain data:
 * names and texts as they are to be printed, timestamps as ISO strings (UTC).
 */
export interface ProtocolData {
  /** A whole protocol, or a protokollsutdrag (extract) with one §. */
  kind: "protokoll" | "protokollsutdrag";
  group: { name: string; agreementTitle: string };
  meeting: {
    title: string;
    startsAt: string;
    endsAt: string | null;
    location: string | null;
    videoLink: string | null;
  };
  /** Members present (beslutande): chair, members, secretary. */
  beslutande: ProtocolPerson[];
  /** Co-opted participants present (adjungerade), members or guests. */
  adjungerade: ProtocolPerson[];
  /** Others present without a vote (e.g. läsare, invited guests). */
  ovrigaNarvarande: ProtocolPerson[];
  /** Members marked absent or with anmält förhinder. */
  franvarande: ProtocolPerson[];
  chair: string | null;
  secretary: string | null;
  justerare: string[];
  paragraphs: ProtocolParagraph[];
  /** The general minutes (plain text, one paragraph per line), empty when none. */
  generalNotes: string;
  /** Approvals of the minutes, in the order they were given. */
  approvals: { name: string; capacity: "Ordförande" | "Justerare"; approvedAt: string }[];
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
  /** Swedish label of the decision type: "Lägesbild", "Åtgärdsplan", "Medborgarlöfte", "Uppdrag till arbetsgrupp", "Övrigt". */
  kindLabel: string;
  /** The adopted decision text (plain text, one paragraph per line). */
  decisionText: string;
  /** Notes from the agenda item's discussion (plain text), may be empty. */
  notes: string;
  adoptedAt: string;
  /** "§ 2/2026" when this decision corrects an earlier one. */
  corrects: string | null;
  /** Set when approved at the meeting (omedelbar justering). */
  immediatelyApprovedAt: string | null;
  /** Names of those present when the decision was adopted. */
  presentNames: string[];
}
