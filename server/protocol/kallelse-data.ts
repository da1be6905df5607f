/**
 * Everything a kallelse (notice of a meeting) shows, gathered from the
 * database and handed to the PDF renderer. Plain data: texts as they are to
 * be printed, timestamps as ISO strings (UTC).
 */
export interface KallelseData {
  /** Made from the demo data: the PDF says DEMO in its title, heading and across every page. */
  demo: boolean;
  /** The meeting is cancelled (status installt): the PDF says INSTÄLLT in its title, heading and across every page. */
  cancelled: boolean;
  cancelReason: string | null;
  group: { name: string; agreementTitle: string };
  meeting: { title: string; startsAt: string; endsAt: string | null; location: string | null; videoLink: string | null };
  /** The ärenden in agenda order, with the föredragande when one is named. */
  /** Each ärende, with its föredragande and the beredningsgrupp that prepared it, if any. */
  agenda: { title: string; presenter: string | null; preparedBy?: string | null }[];
  /** The live document "Kallelse och bakgrund" as plain text (one paragraph per line), empty when none. */
  text: string;
  /** What the meeting has as handlingar today: the group's agreement and its bilagor. */
  handlingar: string[];
  generatedAt: string;
}
