/** iCalendar (RFC 5545) for meeting notices and a person's meeting feed. */

interface CalendarMeeting {
  id: number;
  title: string;
  groupName: string;
  startsAt: string;
  endsAt: string | null;
  location: string | null;
  videoLink: string | null;
  status: string;
  /** How many times the meeting was moved or cancelled (SEQUENCE); a calendar takes an update only with a higher one. */
  sequence?: number;
}

const TWO_HOURS_MS = 2 * 60 * 60 * 1000;
/** RFC 5545 §3.1: content lines should not be longer than 75 octets, excluding the line break. */
const MAX_LINE_OCTETS = 75;
const CRLF = "\r\n";

function stamp(iso: string): string {
  return iso.replace(/[-:]/g, "").replace(/\.\d{3}/, "");
}

/**
 * A TEXT value (RFC 5545 §3.3.11). Every line break (CRLF, LF or a lone CR)
 * becomes the escape `\n`: a raw CR ends the content line for many parsers,
 * which then read the rest of the title as a broken property and drop the
 * event's other fields. Other control characters are not allowed in TEXT and
 * are dropped (tab is allowed). Backslash first, so the escapes added after it
 * are not escaped again.
 */
function escapeText(text: string): string {
  return text
    .replace(/\r\n?/g, "\n")
    .replace(/[\x00-\x08\x0B-\x1F\x7F]/g, "")
    .replace(/\\/g, "\\\\")
    .replace(/;/g, "\\;")
    .replace(/,/g, "\\,")
    .replace(/\n/g, "\\n");
}

/**
 * Folds a content line into pieces of at most 75 octets: the first on its own,
 * each continuation after the space that starts it (§3.1). Splits between
 * characters, never inside a multi-byte UTF-8 sequence.
 */
function foldLine(line: string): string {
  const pieces: string[] = [];
  let piece = "";
  let octets = 0;
  for (const char of line) {
    const size = new TextEncoder().encode(char).length;
    const room = pieces.length === 0 ? MAX_LINE_OCTETS : MAX_LINE_OCTETS - 1;
    if (octets + size > room) {
      pieces.push(piece);
      piece = "";
      octets = 0;
    }
    piece += char;
    octets += size;
  }
  pieces.push(piece);
  return pieces.join(`${CRLF} `);
}

/**
 * PUBLISH for the downloaded file and the feed; an e-mailed kallelse is a REQUEST (or a CANCEL once the
 * meeting is cancelled), which a mail client offers to put in the calendar, matched by UID and SEQUENCE.
 */
export type CalendarMethod = "PUBLISH" | "REQUEST" | "CANCEL";

export function calendarFor(meetings: CalendarMeeting[], origin: string, now = new Date(), method: CalendarMethod = "PUBLISH"): string {
  const lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Samverkan//Kallelse//SV", "CALSCALE:GREGORIAN", `METHOD:${method}`];
  for (const m of meetings) {
    // A cancelled meeting is sent, not left out: a calendar that already holds it marks it cancelled instead of keeping it.
    const cancelled = m.status === "installt";
    const end = m.endsAt ?? new Date(new Date(m.startsAt).getTime() + TWO_HOURS_MS).toISOString();
    const url = `${origin}/moten/${m.id}`;
    const description = `Kallelse till ${m.title.toLowerCase()} i ${m.groupName}.\nDagordning och handlingar: ${url}${
      m.videoLink ? `\nVideomöte: ${m.videoLink}` : ""
    }`;
    lines.push(
      "BEGIN:VEVENT",
      `UID:meeting-${m.id}@samverkan`,
      `DTSTAMP:${stamp(now.toISOString())}`,
      `SEQUENCE:${m.sequence ?? 0}`,
      `DTSTART:${stamp(new Date(m.startsAt).toISOString())}`,
      `DTEND:${stamp(new Date(end).toISOString())}`,
      `SUMMARY:${escapeText(`${cancelled ? "INSTÄLLT: " : ""}${m.title} – ${m.groupName}`)}`,
      ...(m.location ? [`LOCATION:${escapeText(m.location)}`] : []),
      `DESCRIPTION:${escapeText(description)}`,
      `URL:${url}`,
      cancelled ? "STATUS:CANCELLED" : "STATUS:CONFIRMED",
      "END:VEVENT",
    );
  }
  lines.push("END:VCALENDAR");
  return lines.map(foldLine).join(CRLF) + CRLF;
}
