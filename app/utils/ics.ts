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
}

const TWO_HOURS_MS = 2 * 60 * 60 * 1000;

function stamp(iso: string): string {
  return iso.replace(/[-:]/g, "").replace(/\.\d{3}/, "");
}

/** Escapes text values (backslash, comma, semicolon, newline). */
function escapeText(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\r?\n/g, "\\n");
}

/** Folds lines longer than 75 octets, as the format requires. */
function fold(line: string): string {
  const bytes = Buffer.from(line, "utf8");
  if (bytes.length <= 75) return line;
  const parts: string[] = [];
  let current = "";
  for (const char of line) {
    if (Buffer.byteLength(current + char, "utf8") > (parts.length === 0 ? 75 : 74)) {
      parts.push(current);
      current = "";
    }
    current += char;
  }
  parts.push(current);
  return parts.join("\r\n ");
}

export function calendarFor(meetings: CalendarMeeting[], origin: string, now = new Date()): string {
  const lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Samverkan//Kallelse//SV", "CALSCALE:GREGORIAN", "METHOD:PUBLISH"];
  for (const m of meetings) {
    const end = m.endsAt ?? new Date(new Date(m.startsAt).getTime() + TWO_HOURS_MS).toISOString();
    const url = `${origin}/moten/${m.id}`;
    lines.push(
      "BEGIN:VEVENT",
      `UID:meeting-${m.id}@samverkan`,
      `DTSTAMP:${stamp(now.toISOString())}`,
      `DTSTART:${stamp(new Date(m.startsAt).toISOString())}`,
      `DTEND:${stamp(new Date(end).toISOString())}`,
      `SUMMARY:${escapeText(`${m.title} – ${m.groupName}`)}`,
      ...(m.location ? [`LOCATION:${escapeText(m.location)}`] : []),
      `DESCRIPTION:${escapeText(`Kallelse till ${m.title.toLowerCase()} i ${m.groupName}.\nDagordning och handlingar: ${url}${m.videoLink ? `\nVideomöte: ${m.videoLink}` : ""}`)}`,
      `URL:${url}`,
      "STATUS:CONFIRMED",
      "END:VEVENT",
    );
  }
  lines.push("END:VCALENDAR");
  return lines.map(fold).join("\r\n") + "\r\n";
}
