/**
 * vCard 4.0 (RFC 6350) for the kontaktuppgifter export: text values escaped (\\ , ; and newlines),
 * lines ended with CRLF and folded at 75 octets (a continuation line starts with one space), never
 * inside a UTF-8 character.
 */
export interface VCardContact {
  name: string;
  title: string | null;
  /** The organisation and its units, top first: ["Polisregion Stockholm", "Lokalpolisområde Skärholmen"]. */
  organisation: string[];
  email: string;
  phone: string | null;
  /** Free text: here, the person's roles and functions in the agreement's groups. */
  note: string;
}

const MAX_OCTETS = 75;

/** A text value (or one component of a compound value) escaped as RFC 6350 section 3.4 says. */
export function escapeVCardText(value: string): string {
  return value
    .replace(/\\/g, "\\\\")
    .replace(/,/g, "\\,")
    .replace(/;/g, "\\;")
    .replace(/\r\n|\r|\n/g, "\\n");
}

function utf8Octets(codePoint: number): number {
  return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
}

/** Splits a content line into lines of at most 75 octets, each after the first starting with a space. */
export function foldVCardLine(line: string): string[] {
  const lines: string[] = [];
  let current = "";
  let octets = 0;
  for (const char of line) {
    const size = utf8Octets(char.codePointAt(0)!);
    if (octets + size > MAX_OCTETS) {
      lines.push(current);
      current = " ";
      octets = 1;
    }
    current += char;
    octets += size;
  }
  lines.push(current);
  return lines;
}

/**
 * N (family; given): the name as "Efternamn, Förnamn" when written so, else the last word as the family
 * name. Contact apps sort by it; FN keeps the name exactly as written.
 */
function structuredName(name: string): string {
  const comma = name.indexOf(",");
  const [family, given] =
    comma >= 0
      ? [name.slice(0, comma).trim(), name.slice(comma + 1).trim()]
      : [name.slice(name.lastIndexOf(" ") + 1), name.slice(0, Math.max(name.lastIndexOf(" "), 0))];
  return [family, given, "", "", ""].map(escapeVCardText).join(";");
}

/** One vCard per contact, as one string with CRLF line ends. */
export function buildVCards(contacts: VCardContact[]): string {
  const lines = contacts.flatMap((c) => [
    "BEGIN:VCARD",
    "VERSION:4.0",
    `FN:${escapeVCardText(c.name)}`,
    `N:${structuredName(c.name)}`,
    ...(c.organisation.length > 0 ? [`ORG:${c.organisation.map(escapeVCardText).join(";")}`] : []),
    ...(c.title ? [`TITLE:${escapeVCardText(c.title)}`] : []),
    `EMAIL;TYPE=work:${escapeVCardText(c.email)}`,
    ...(c.phone ? [`TEL;TYPE=work:${escapeVCardText(c.phone)}`] : []),
    ...(c.note ? [`NOTE:${escapeVCardText(c.note)}`] : []),
    "END:VCARD",
  ]);
  return lines.flatMap(foldVCardLine).join("\r\n") + "\r\n";
}
