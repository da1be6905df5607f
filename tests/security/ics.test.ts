import Database from "better-sqlite3";
import { calendarFor } from "../../db/domain/ics";
import { sessionCookie } from "../support/collab-client";
import { startServer, type RunningServer } from "../support/server";

/**
 * Finding 11: a lone CR in a meeting title ended the content line for calendar
 * parsers, which then dropped the event's other fields. The output must be
 * RFC 5545: CRLF line ends only, no control characters, TEXT escaped, every
 * line folded at 75 octets without splitting a UTF-8 character.
 */

type Properties = Record<string, string[]>;

/**
 * A strict reader, as a calendar app is: lines end with CRLF and nothing else,
 * a line starting with a space continues the previous one, every other line
 * must be NAME[;params]:value. It throws where a real parser would drop the event.
 */
function parseEvents(ics: string): Properties[] {
  expect(ics.endsWith("\r\n")).toBe(true);
  const physical = ics.slice(0, -2).split("\r\n");
  for (const line of physical) {
    // No bare CR or LF, no control character other than tab, within 75 octets.
    expect(line, JSON.stringify(line)).not.toMatch(/[\x00-\x08\x0A-\x1F\x7F]/);
    expect(Buffer.byteLength(line, "utf8"), line).toBeLessThanOrEqual(75);
    // A fold never splits a character: the line survives a round trip through UTF-8.
    expect(Buffer.from(line, "utf8").toString("utf8")).toBe(line);
  }
  const logical: string[] = [];
  for (const line of physical) {
    if (line.startsWith(" ")) logical[logical.length - 1] += line.slice(1);
    else logical.push(line);
  }
  const events: Properties[] = [];
  let current: Properties | null = null;
  for (const line of logical) {
    const match = line.match(/^([A-Z][A-Z0-9-]*)(?:;[^:]*)?:(.*)$/);
    if (!match) throw new Error(`not a content line: ${JSON.stringify(line)}`);
    const [, name, value] = match;
    if (name === "BEGIN" && value === "VEVENT") current = {};
    else if (name === "END" && value === "VEVENT") {
      events.push(current!);
      current = null;
    } else if (current) (current[name] ??= []).push(value);
  }
  return events;
}

/** The TEXT value as the author wrote it (RFC 5545 §3.3.11). */
function unescapeText(value: string): string {
  // An unescaped comma or semicolon would split the value into several.
  expect(value).not.toMatch(/(^|[^\\])(\\\\)*[,;]/);
  return value.replace(/\\([\\;,nN])/g, (_, c: string) => (c === "n" || c === "N" ? "\n" : c));
}

const base = {
  id: 7,
  groupName: "Lokal styrgrupp Skärholmen",
  startsAt: "2026-12-01T09:00:00.000Z",
  endsAt: "2026-12-01T11:00:00.000Z",
  videoLink: null,
  status: "planerat",
};

describe("iCalendar output (RFC 5545)", () => {
  it("keeps every field of an event whose title holds a lone CR, and turns the CR into a line break", () => {
    const ics = calendarFor([{ ...base, title: "Extra\rmöte", location: "Rum 1" }], "https://samverkan.example.se", new Date("2026-11-27T10:00:00Z"));
    const [event] = parseEvents(ics);
    expect(unescapeText(event.SUMMARY[0])).toBe("Extra\nmöte – Lokal styrgrupp Skärholmen");
    expect(unescapeText(event.LOCATION[0])).toBe("Rum 1");
    expect(event.DTSTART).toEqual(["20261201T090000Z"]);
    expect(event.DTEND).toEqual(["20261201T110000Z"]);
    expect(event.UID).toEqual(["meeting-7@samverkan"]);
    expect(event.URL).toEqual(["https://samverkan.example.se/moten/7"]);
    expect(unescapeText(event.DESCRIPTION[0])).toContain("Dagordning och handlingar: https://samverkan.example.se/moten/7");
  });

  it("escapes backslash, semicolon, comma and every kind of line break, and drops other control characters", () => {
    const title = "a\\b;c,d\r\ne\nf\rg\x00h\x07i\x1bj\x7fk\tl";
    const location = "Gata 1;\r\nvåning 2, rum \\3\r";
    const [event] = parseEvents(calendarFor([{ ...base, title, location }], "https://x.example"));
    expect(unescapeText(event.SUMMARY[0])).toBe("a\\b;c,d\ne\nf\nghijk\tl – Lokal styrgrupp Skärholmen");
    expect(unescapeText(event.LOCATION[0])).toBe("Gata 1;\nvåning 2, rum \\3\n");
    expect(unescapeText(event.DESCRIPTION[0])).toBe(
      `Kallelse till ${"a\\b;c,d\ne\nf\nghijk\tl".toLowerCase()} i Lokal styrgrupp Skärholmen.\nDagordning och handlingar: https://x.example/moten/7`,
    );
  });

  it("folds long Swedish text at 75 octets without splitting å, ä, ö or emoji, and unfolds to the same text", () => {
    const title = "Överenskommelse om trygghetsskapande åtgärder i Skärholmens centrum och Vårberg ".repeat(3) + "🙂".repeat(30);
    const location = "Ö".repeat(100) + "ä" + "å".repeat(77);
    const ics = calendarFor([{ ...base, title, location, videoLink: "https://video.example.se/möte?rum=ärende" }], "https://x.example");
    expect(ics.split("\r\n").some((line) => line.startsWith(" "))).toBe(true);
    const [event] = parseEvents(ics);
    expect(unescapeText(event.SUMMARY[0])).toBe(`${title} – Lokal styrgrupp Skärholmen`);
    expect(unescapeText(event.LOCATION[0])).toBe(location);
    expect(unescapeText(event.DESCRIPTION[0])).toContain("Videomöte: https://video.example.se/möte?rum=ärende");
  });
});

describe("a meeting notice downloaded over HTTP", () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("keeps its fields when the chair typed a lone CR into the title", async () => {
    const chair = await sessionCookie(server, "sdd.skarholmen@example.se");
    const db = new Database(server.databasePath, { readonly: true });
    const { id: groupId } = db.prepare("select id from groups where name = 'Lokal styrgrupp Skärholmen'").get() as { id: number };
    db.close();
    const created = await fetch(`${server.url}/grupper/${groupId}`, {
      method: "POST",
      headers: { Cookie: chair, Origin: server.url },
      body: new URLSearchParams({
        title: "Extra\rmöte, trygghet; centrum",
        date: "2027-01-14",
        startTime: "09:00",
        endTime: "10:30",
        location: "Rum 1\r\nSkärholmen",
      }),
      redirect: "manual",
    });
    expect(created.status).toBe(302);
    const meetingPath = created.headers.get("location")!;
    expect(meetingPath).toMatch(/^\/moten\/\d+$/);

    const response = await fetch(`${server.url}${meetingPath}/kallelse.ics`, { headers: { Cookie: chair } });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    const [event] = parseEvents(await response.text());
    expect(unescapeText(event.SUMMARY[0])).toBe("Extra\nmöte, trygghet; centrum – Lokal styrgrupp Skärholmen");
    expect(unescapeText(event.LOCATION[0])).toBe("Rum 1\nSkärholmen");
    expect(event.DTSTART).toEqual(["20270114T080000Z"]);
    expect(event.DTEND).toEqual(["20270114T093000Z"]);
    expect(event.URL).toEqual([`${server.url}${meetingPath}`]);
    expect(unescapeText(event.DESCRIPTION[0])).toContain(`Dagordning och handlingar: ${server.url}${meetingPath}`);
  });

  it("raises SEQUENCE each time the meeting is moved or cancelled, so calendars take the new time and the cancellation", async () => {
    const chair = await sessionCookie(server, "sdd.skarholmen@example.se");
    const db = new Database(server.databasePath, { readonly: true });
    const { id: groupId } = db.prepare("select id from groups where name = 'Lokal styrgrupp Skärholmen'").get() as { id: number };
    db.close();
    const post = (path: string, fields: Record<string, string>) =>
      fetch(`${server.url}${path}`, { method: "POST", headers: { Cookie: chair, Origin: server.url }, body: new URLSearchParams(fields), redirect: "manual" });
    const created = await post(`/grupper/${groupId}`, { title: "Flyttat möte", date: "2027-02-10", startTime: "09:00", endTime: "10:00", location: "Rum 1" });
    const meetingPath = created.headers.get("location")!;
    const event = async () => {
      const response = await fetch(`${server.url}${meetingPath}/kallelse.ics`, { headers: { Cookie: chair } });
      return parseEvents(await response.text())[0];
    };
    expect((await event()).SEQUENCE).toEqual(["0"]);

    const moved = await post(meetingPath, { intent: "edit-meeting", date: "2027-02-11", startTime: "13:00", endTime: "14:00", location: "Rum 2" });
    expect(moved.status).toBe(200);
    const afterMove = await event();
    expect(afterMove.SEQUENCE).toEqual(["1"]);
    expect(afterMove.DTSTART).toEqual(["20270211T120000Z"]);

    const cancelled = await post(meetingPath, { intent: "cancel-meeting", reason: "Krockar med annat möte", confirm: "ja" });
    expect(cancelled.status).toBe(200);
    const afterCancel = await event();
    expect(afterCancel.SEQUENCE).toEqual(["2"]);
    expect(afterCancel.STATUS).toEqual(["CANCELLED"]);
  });
});
