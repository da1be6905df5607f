/**
 * Issue 11, attendance over real HTTP as the page's forms post without
 * JavaScript: "Markera alla kallade som närvarande", the whole list saved with
 * one post, a refused row shown next to its own field, and both refused once
 * the record is justerad; another district's meeting gets the one 404.
 */
import Database from "better-sqlite3";
import { sessionCookie } from "../support/collab-client";
import { styrgruppMinutes } from "../support/rights-fixture";
import { startServer, type RunningServer } from "../support/server";

const CHAIR = "sdd.skarholmen@example.se";
const JUSTERARE = "karl.ljung@example.se";

let server: RunningServer;
let chair: string;
let justerare: string;
let justerareId: number;
let chairId: number;
let meetingId: number;

function query<T>(sql: string, ...params: unknown[]): T[] {
  const db = new Database(server.databasePath, { readonly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

async function post(cookie: string, fields: [string, string][] | Record<string, string>, id = meetingId): Promise<{ status: number; html: string }> {
  const response = await fetch(`${server.url}/moten/${id}`, {
    method: "POST",
    body: new URLSearchParams(fields),
    headers: { Origin: server.url, Cookie: cookie },
  });
  return { status: response.status, html: await response.text() };
}

const attendanceOf = (personId: number) =>
  query<{ status: string; arrivedAt: string | null; leftAt: string | null }>(
    "select status, arrived_at as arrivedAt, left_at as leftAt from attendance where meeting_id = ? and person_id = ?",
    meetingId,
    personId,
  )[0];
const attendanceAudit = () =>
  query<{ payload: string }>("select payload from audit_log where action = 'attendance.member' and subject = ?", `meeting:${meetingId}`);
const memberIds = () =>
  query<{ personId: number }>("select person_id as personId from memberships where group_id = (select group_id from meetings where id = ?)", meetingId).map(
    (m) => m.personId,
  );

/** The fields of one row of the list form, as the page names them. */
const row = (personId: number, status: string, arrivedAt = "", leftAt = ""): [string, string][] => [
  ["row", `p${personId}`],
  [`status:p${personId}`, status],
  [`arrivedAt:p${personId}`, arrivedAt],
  [`leftAt:p${personId}`, leftAt],
];

beforeAll(async () => {
  server = await startServer();
  [chair, justerare] = await Promise.all([sessionCookie(server, CHAIR), sessionCookie(server, JUSTERARE)]);
  justerareId = query<{ id: number }>("select id from people where email = ?", JUSTERARE)[0].id;
  chairId = query<{ id: number }>("select id from people where email = ?", CHAIR)[0].id;
  const response = await fetch(`${server.url}/grupper/${styrgruppMinutes(server).groupId}`, {
    method: "POST",
    body: new URLSearchParams({ title: "Närvarotest", date: "2026-12-11", startTime: "09:00", endTime: "10:00", location: "Bredängen", videoLink: "" }),
    headers: { Origin: server.url, Cookie: chair },
    redirect: "manual",
  });
  meetingId = Number(response.headers.get("location")!.split("/").pop());
});
afterAll(async () => {
  await server?.stop();
});

describe("the attendance list without JavaScript", () => {
  it("offers Markera alla and one Spara närvaro for the whole list, with each row's fields named by the row", async () => {
    const html = await (await fetch(`${server.url}/moten/${meetingId}`, { headers: { Cookie: chair } })).text();
    expect(html).toContain("Markera alla kallade som närvarande");
    expect(html.match(/>Spara närvaro</g)).toHaveLength(1);
    expect(html).toContain(`name="status:p${justerareId}"`);
    expect(html).toContain(`name="leftAt:p${justerareId}"`);
  });

  it("saves the whole list with one post, keeping each person's times (Stockholm time on the meeting's day), one audit entry each", async () => {
    const before = attendanceAudit().length;
    const answer = await post(chair, [["intent", "attendance-list"], ...row(chairId, "narvarande", "09:05"), ...row(justerareId, "narvarande", "", "09:40")]);
    expect(answer.status).toBe(200);
    expect(answer.html).toContain("Närvaron är sparad (2 ändringar).");
    expect(attendanceOf(chairId)).toMatchObject({ status: "narvarande", arrivedAt: "2026-12-11T08:05:00.000Z", leftAt: null });
    expect(attendanceOf(justerareId)).toMatchObject({ status: "narvarande", arrivedAt: null, leftAt: "2026-12-11T08:40:00.000Z" });
    expect(attendanceAudit().length).toBe(before + 2);
  });

  it("refuses a row that leaves before it arrives: nothing saved, the message next to that row's Gick, which is marked invalid and described by it", async () => {
    const before = attendanceAudit().length;
    const answer = await post(chair, [["intent", "attendance-list"], ...row(chairId, "franvarande"), ...row(justerareId, "narvarande", "09:30", "09:10")]);
    expect(answer.status).toBe(200);
    expect(attendanceOf(chairId).status).toBe("narvarande");
    expect(attendanceAudit().length).toBe(before);
    const input = new RegExp(`<input id="([^"]+)" name="leftAt:p${justerareId}" aria-invalid="true" aria-describedby="([^"]+)"`).exec(answer.html);
    expect(input, "the invalid Gick field").not.toBeNull();
    expect(answer.html).toContain(`<p class="field-error" id="${input![2]}">Tiden för att lämna mötet måste vara efter ankomsttiden.</p>`);
  });

  it("refuses a time that is not a time next to its own field", async () => {
    const answer = await post(chair, [["intent", "attendance-list"], ...row(justerareId, "narvarande", "25:99")]);
    expect(answer.html).toMatch(new RegExp(`name="arrivedAt:p${justerareId}" aria-invalid="true"`));
    expect(answer.html).toContain("Ange tid som TT:MM.");
  });

  it("Markera alla kallade som närvarande marks the rest present and leaves an anmält förhinder as it was", async () => {
    const others = memberIds().filter((id) => id !== chairId && id !== justerareId);
    expect(others.length).toBeGreaterThan(1);
    const [regrets] = others;
    await post(chair, [["intent", "attendance-list"], ...row(regrets, "anmalt_forhinder")]);
    const answer = await post(chair, { intent: "mark-all-present" });
    expect(answer.status).toBe(200);
    const marked = others.length - 1;
    expect(answer.html).toContain(marked === 1 ? "1 kallad är markerad som närvarande." : `${marked} kallade är markerade som närvarande.`);
    expect(attendanceOf(regrets).status).toBe("anmalt_forhinder");
    expect(attendanceOf(justerareId)).toMatchObject({ status: "narvarande", leftAt: "2026-12-11T08:40:00.000Z" });
    for (const id of others.slice(1)) expect(attendanceOf(id).status).toBe("narvarande");
    // Nobody left to mark: the button is gone.
    expect(answer.html).not.toContain("Markera alla kallade som närvarande");
  });

  it("is for the chair and the secretary only", async () => {
    expect((await post(justerare, { intent: "mark-all-present" })).status).toBe(403);
    expect((await post(justerare, [["intent", "attendance-list"], ...row(justerareId, "franvarande")])).status).toBe(403);
    expect(attendanceOf(justerareId).status).toBe("narvarande");
  });

  it("answers another district's meeting with the one 404", async () => {
    const foreign = query<{ id: number }>(
      "select m.id from meetings m join groups g on g.id = m.group_id where g.name not like '%Skärholmen%' and m.locked_at is null limit 1",
    )[0].id;
    expect((await post(chair, { intent: "mark-all-present" }, foreign)).status).toBe(404);
    expect((await post(chair, [["intent", "attendance-list"], ...row(chairId, "narvarande")], foreign)).status).toBe(404);
  });

  it("refuses both once the record is justerad, and changes nothing", async () => {
    expect((await post(chair, { intent: "status", to: "pagar", confirm: "ja" })).html).toContain("Mötet har startat.");
    expect((await post(chair, { intent: "status", to: "avslutat", confirm: "ja" })).html).toContain("Mötet är avslutat.");
    expect((await post(chair, { intent: "justerare", justerare: String(justerareId) })).html).toContain("Justerare är valda.");
    await post(justerare, { intent: "approve-minutes", confirm: "ja" });
    await post(await sessionCookie(server, "linnea.holmberg@example.se"), { intent: "approve-minutes", confirm: "ja" });
    await post(chair, { intent: "approve-minutes", confirm: "ja" });
    expect(query<{ lockedAt: string | null }>("select locked_at as lockedAt from meetings where id = ?", meetingId)[0].lockedAt).not.toBeNull();
    const before = attendanceAudit().length;
    for (const fields of [{ intent: "mark-all-present" }, [["intent", "attendance-list"], ...row(chairId, "franvarande")] as [string, string][]]) {
      const answer = await post(chair, fields);
      expect(answer.html).toContain("Protokollet är justerat och låst.");
    }
    expect(attendanceOf(chairId).status).toBe("narvarande");
    expect(attendanceAudit().length).toBe(before);
  });
});
