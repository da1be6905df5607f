import Database from "better-sqlite3";
import { sessionCookie } from "../support/collab-client";
import { getPath } from "../support/form-posts";
import { readPdf } from "../support/pdf-text";
import { startServer, type RunningServer } from "../support/server";

/**
 * Issue 11, kallelse: GET /moten/<id>/kallelse.pdf gives any member of the
 * group the kallelse as a PDF with a readable file name; another district's
 * meeting and a missing id get one and the same 404; a cancelled meeting's
 * kallelse says INSTÄLLT.
 */
let server: RunningServer;
let member: string;
let ownMeetingId: number;
let foreignMeetingId: number;

beforeAll(async () => {
  server = await startServer();
  const db = new Database(server.databasePath);
  try {
    const meetingOf = (group: string) =>
      (
        db
          .prepare("select m.id from meetings m join groups g on g.id = m.group_id where g.name = ? and m.status = 'planerat' order by m.starts_at limit 1")
          .get(group) as { id: number }
      ).id;
    ownMeetingId = meetingOf("Lokal styrgrupp Skärholmen");
    foreignMeetingId = meetingOf("Lokal styrgrupp Östermalm");
  } finally {
    db.close();
  }
  // Johan Bergström, ledamot of Lokal styrgrupp Skärholmen (not its chair).
  member = await sessionCookie(server, "lpo.skarholmen@example.se");
});
afterAll(async () => {
  await server?.stop();
});

describe("kallelse PDF over HTTP", () => {
  it("gives a member of the group the PDF with a readable file name", async () => {
    const response = await fetch(`${server.url}/moten/${ownMeetingId}/kallelse.pdf`, { headers: { Cookie: member } });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/pdf");
    expect(response.headers.get("cache-control")).toContain("no-store");
    const disposition = response.headers.get("content-disposition") ?? "";
    expect(decodeURIComponent(disposition)).toMatch(/Kallelse Lokal styrgrupp Skärholmen \d{4}-\d{2}-\d{2} DEMO\.pdf/);
    const { text } = await readPdf(new Uint8Array(await response.arrayBuffer()));
    expect(text).toContain("KALLELSE");
    expect(text).toContain("Föredragningslista");
    expect(text).not.toContain("INSTÄLLT");
  });

  it("answers another district's meeting and a missing id with the same 404", async () => {
    const theirs = await getPath(server, `/moten/${foreignMeetingId}/kallelse.pdf`, member);
    const missing = await getPath(server, `/moten/999999/kallelse.pdf`, member);
    // The same member gets their own meeting's kallelse: the 404 is the guard, not a missing route.
    expect((await getPath(server, `/moten/${ownMeetingId}/kallelse.pdf`, member)).status).toBe(200);
    expect(theirs.status).toBe(404);
    expect(missing.status).toBe(404);
    const normalise = (body: string, id: number) => body.replace(/nonce="[^"]*"/g, "").replace(new RegExp(`(["=/])${id}(?!\\d)`, "g"), "$1<id>");
    expect(normalise(theirs.body, foreignMeetingId)).toBe(normalise(missing.body, 999999));
    expect(theirs.body).toContain("finns inte, eller så har du inte behörighet");
  });

  it("links the PDF from the meeting page", async () => {
    const page = await getPath(server, `/moten/${ownMeetingId}`, member);
    expect(page.body).toContain(`href="/moten/${ownMeetingId}/kallelse.pdf"`);
    expect(page.body).toContain("Kallelse (PDF)");
    // The handlingar the PDF lists, as links: the group's agreement and its bilagor.
    expect(page.body).toMatch(/Handlingar: <a href="\/overenskommelser\/[^"#]+">Lokal samverkansöverenskommelse Skärholmen<\/a>/);
    expect(page.body).toMatch(/href="\/overenskommelser\/[^"#]+#bilagor">dess bilagor/);
  });

  // Last: it cancels the group's planned meeting (the stored state is what the kallelse reads).
  it("says INSTÄLLT in a cancelled meeting's kallelse and its file name", async () => {
    const db = new Database(server.databasePath);
    try {
      db.prepare("update meetings set status = 'installt', cancelled_at = ?, cancel_reason = ? where id = ?").run(
        new Date().toISOString(),
        "Lokalen är inte tillgänglig",
        ownMeetingId,
      );
    } finally {
      db.close();
    }
    const response = await fetch(`${server.url}/moten/${ownMeetingId}/kallelse.pdf`, { headers: { Cookie: member } });
    expect(response.status).toBe(200);
    expect(decodeURIComponent(response.headers.get("content-disposition") ?? "")).toContain("INSTÄLLT DEMO.pdf");
    const { text } = await readPdf(new Uint8Array(await response.arrayBuffer()));
    expect(text).toContain("INSTÄLLT – Lokalen är inte tillgänglig");
  });
});
