import { sessionCookie } from "../support/collab-client";
import { getPath, postForm } from "../support/form-posts";
import { queryServerDatabase, startServer, type RunningServer } from "../support/server";

/**
 * Issue 16: "The decided lägesbild and åtgärdsplan reach the stadsövergripande beredningsgrupp the same
 * way [as reports]": the group's chair or secretary puts a handed-over bilaga on one of its planned
 * meetings ("Lägg på dagordningen"); the ärende links the decided version's PDF/A and never decides it.
 * Over HTTP on the demo (Skärholmen's and Hässelby-Vällingby's lägesbild are handed over): a ledamot, a
 * member of another group, a logged-out post and a version that was not handed over get nothing stored.
 */

let server: RunningServer;
let groupId: number;
let versionId: number;
let meetingId: number;
let chair: string;

const query = <T>(sql: string, ...params: unknown[]) => queryServerDatabase<T>(server, sql, ...params);
const itemsWithVersion = () =>
  query<{ id: number; title: string; meeting_id: number }>("select id, title, meeting_id from agenda_items where received_version_id = ?", versionId);
const put = (cookie: string, fields: Record<string, string> = {}) =>
  postForm(server, `/grupper/${groupId}`, cookie, { intent: "handed-over-to-agenda", versionId: String(versionId), meetingId: String(meetingId), ...fields });

beforeAll(async () => {
  server = await startServer();
  groupId = query<{ id: number }>("select id from groups where name = 'Stadsövergripande beredningsgrupp'")[0].id;
  // The version the demo handed over for Skärholmen's lägesbild.
  versionId = query<{ id: number }>(
    `select v.id from document_versions v join situation_pictures p on p.id = v.subject_id and v.subject_kind = 'lagesbild'
     join agreements a on a.id = p.agreement_id where a.slug = 'skarholmen' and p.handed_over_at is not null and v.decision_id is not null
     order by v.id desc limit 1`,
  )[0].id;
  chair = await sessionCookie(server, "ingrid.falk@example.se");
  const created = await postForm(server, `/grupper/${groupId}`, chair, {
    title: "Beredning av lokala lägesbilder",
    date: "2030-02-12",
    startTime: "09:00",
    endTime: "11:00",
  });
  expect(created.status).toBe(302);
  meetingId = query<{ id: number }>("select id from meetings where group_id = ? and title = 'Beredning av lokala lägesbilder'", groupId)[0].id;
});
afterAll(async () => {
  await server.stop();
});

describe("a handed-over bilaga on the receiving group's agenda", () => {
  it("is refused to a ledamot, a member of another group, a logged-out post and for a version not handed over", async () => {
    const ledamot = await sessionCookie(server, "oskar.blom@example.se");
    expect((await put(ledamot)).status).toBe(403);
    // Skärholmen's chair may read the version (their own agreement's) but is no member of the receiving group.
    const outsider = await sessionCookie(server, "sdd.skarholmen@example.se");
    expect((await put(outsider)).status).toBe(404);
    expect((await put("")).status).toBe(302);
    // A decided version no agreement handed over (Östermalm's lägesbild), and one that does not exist: the same 404.
    const notHandedOver = query<{ id: number }>(
      `select v.id from document_versions v join situation_pictures p on p.id = v.subject_id and v.subject_kind = 'lagesbild'
       where p.handed_over_at is null order by v.id limit 1`,
    );
    expect(notHandedOver).toHaveLength(1);
    expect((await put(chair, { versionId: String(notHandedOver[0].id) })).status).toBe(404);
    expect((await put(chair, { versionId: "999999" })).status).toBe(404);
    // Another group's meeting: a Swedish message at the field, nothing stored.
    const otherMeeting = query<{ id: number }>("select id from meetings where group_id <> ? order by id limit 1", groupId)[0].id;
    const wrongMeeting = await put(chair, { meetingId: String(otherMeeting) });
    expect(wrongMeeting.body).toContain("Välj ett av gruppens möten.");
    expect(itemsWithVersion()).toEqual([]);
  });

  it("the chair puts it on a planned meeting once; the meeting page links the decided PDF/A and the ärende decides nothing", async () => {
    const page = await getPath(server, `/grupper/${groupId}`, chair);
    expect(page.body).toContain(`data-handed-over="${versionId}"`);
    expect(page.body).toContain("Lägg på dagordningen");
    const answer = await put(chair);
    expect(answer.status).toBe(200);
    expect(answer.body).toContain("Bilagan är lagd på mötets dagordning.");
    const [item] = itemsWithVersion();
    expect(item).toMatchObject({ meeting_id: meetingId, title: expect.stringMatching(/^Överlämnad: Gemensam lokal lägesbild \d{4} – .*Skärholmen/) });
    // A received bilaga is not a version put up for decision: version_id stays empty.
    expect(query<{ version_id: number | null }>("select version_id from agenda_items where id = ?", item.id)[0].version_id).toBeNull();
    expect((await put(chair)).body).toContain("Bilagan finns redan på mötets dagordning.");
    expect(itemsWithVersion()).toHaveLength(1);

    const meetingPage = await getPath(server, `/moten/${meetingId}`, chair);
    expect(meetingPage.body).toContain(`data-received-version="${versionId}"`);
    expect((await getPath(server, `/grupper/${groupId}`, chair)).body).toContain(`/moten/${meetingId}`);
    // Every member of the receiving group reads the PDF/A the ärende links.
    const ledamot = await sessionCookie(server, "oskar.blom@example.se");
    const pdf = await fetch(`${server.url}/versioner/${versionId}.pdf`, { headers: { Cookie: ledamot } });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("content-type")).toContain("application/pdf");
  });
});
