/**
 * Issue 11, over real HTTP as the group page's form posts without JavaScript:
 * the group's chair (and an administrator) saves the standard agenda, one
 * ärende per line with its kind in brackets, and the next meeting called gets
 * it; a ledamot is refused (403) and an outsider is not told the group exists.
 */
import Database from "better-sqlite3";
import { sessionCookie } from "../support/collab-client";
import { getPath, postForm } from "../support/form-posts";
import { styrgruppMinutes } from "../support/rights-fixture";
import { startServer, type RunningServer } from "../support/server";

let server: RunningServer;
let chair: string;
let member: string;
let outsider: string;
let admin: string;
let groupId: number;

function readAll<T>(sql: string, ...params: unknown[]): T[] {
  const db = new Database(server.databasePath, { readonly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

const read = <T>(sql: string, ...params: unknown[]): T => readAll<T>(sql, ...params)[0];

const storedList = () => read<{ list: string | null }>("select standard_agenda as list from groups where id = ?", groupId).list;

const saveList = (cookie: string, text: string) => postForm(server, `/grupper/${groupId}`, cookie, { intent: "standardAgenda", standardAgenda: text });

beforeAll(async () => {
  server = await startServer();
  [chair, member, outsider, admin] = await Promise.all(
    ["sdd.skarholmen@example.se", "karl.ljung@example.se", "kommunpolis.ostermalm@example.se", "admin@example.se"].map((email) => sessionCookie(server, email)),
  );
  groupId = styrgruppMinutes(server).groupId;
});
afterAll(async () => {
  await server?.stop();
});

describe("the group's standard agenda", () => {
  it("shows the default list to members and offers the editor only to the chair", async () => {
    const asMember = await getPath(server, `/grupper/${groupId}`, member);
    expect(asMember.body).toContain("Standarddagordning");
    expect(asMember.body).toContain("Godkännande av dagordningen");
    expect(asMember.body).not.toContain("Ändra standarddagordningen");
    expect((await getPath(server, `/grupper/${groupId}`, chair)).body).toContain("Ändra standarddagordningen");
  });

  it("saves the chair's list, and the next meeting called gets it in order", async () => {
    const answer = await saveList(chair, "Öppnande\n\nVal av justerare (Beslut)\nLägesbild (diskussion)\nTrygghetsvandring (våren 2027)\n");
    expect(answer.status).toBe(200);
    expect(answer.body).toContain("Standarddagordningen är sparad.");
    expect(JSON.parse(storedList()!)).toEqual([
      { title: "Öppnande", kind: "information" },
      { title: "Val av justerare", kind: "beslut" },
      { title: "Lägesbild", kind: "diskussion" },
      { title: "Trygghetsvandring (våren 2027)", kind: "information" },
    ]);
    const called = await postForm(server, `/grupper/${groupId}`, chair, {
      title: "Extra styrgruppsmöte",
      date: "2027-06-03",
      startTime: "09:00",
      endTime: "",
      location: "",
      videoLink: "",
    });
    expect(called.status, called.body).toBe(302);
    const meetingId = read<{ id: number }>("select max(id) as id from meetings").id;
    const titles = readAll<{ title: string }>("select title from agenda_items where meeting_id = ? order by position", meetingId).map((r) => r.title);
    expect(titles.slice(0, 4)).toEqual(["Öppnande", "Val av justerare", "Lägesbild", "Trygghetsvandring (våren 2027)"]);
    expect(read<{ n: number }>("select count(*) as n from audit_log where action = 'group.standard_agenda_changed'").n).toBe(1);
  });

  it("shows an empty list as an error next to the field, changing nothing", async () => {
    const before = storedList();
    const answer = await saveList(chair, "  \n ");
    expect(answer.status).toBe(200);
    expect(answer.body).toContain("Standarddagordningen behöver minst ett ärende.");
    expect(answer.body).toMatch(/<textarea[^>]*aria-invalid="true"/);
    expect(storedList()).toBe(before);
  });

  it("lets an administrator save it, refuses a ledamot (403) and answers an outsider 404", async () => {
    expect((await saveList(member, "Öppnande")).status).toBe(403);
    expect((await saveList(outsider, "Öppnande")).status).toBe(404);
    expect(JSON.parse(storedList()!)).toHaveLength(4);
    expect((await saveList(admin, "Öppnande\nAvslutande")).status).toBe(200);
    expect(JSON.parse(storedList()!)).toEqual([
      { title: "Öppnande", kind: "information" },
      { title: "Avslutande", kind: "information" },
    ]);
  });
});

describe("ledamöter and others' ärenden on the meeting page", () => {
  it("lets a ledamot add an ärende and offers move and remove only on it; removing another's is refused (403)", async () => {
    const meetingId = read<{ id: number }>("select max(id) as id from meetings").id;
    const post = (cookie: string, fields: Record<string, string>) => postForm(server, `/moten/${meetingId}`, cookie, fields);
    expect((await post(member, { intent: "add-item", title: "Polisens lägesbild", kind: "information", presenterId: "" })).status).toBe(200);
    const own = read<{ id: number; createdBy: number }>(
      "select id, created_by as createdBy from agenda_items where meeting_id = ? and title = ?",
      meetingId,
      "Polisens lägesbild",
    );
    expect(own.createdBy).toBeGreaterThan(0);
    const standard = read<{ id: number; title: string }>(
      "select id, title from agenda_items where meeting_id = ? and created_by is null order by position",
      meetingId,
    );

    const page = (await getPath(server, `/moten/${meetingId}`, member)).body;
    // The button's name ends in the item's title (server rendering puts a marker between the two texts).
    const button = (verb: string, title: string) => new RegExp(`${verb}<span class="visually-hidden"> (<!-- -->)?${title}</span>`);
    expect(page).toMatch(button("Ta bort", "Polisens lägesbild"));
    expect(page).toMatch(button("Flytta upp", "Polisens lägesbild"));
    expect(page).not.toMatch(button("Ta bort", standard.title));
    expect(page).not.toMatch(button("Flytta ned", standard.title));

    expect((await post(member, { intent: "remove-item", itemId: String(standard.id) })).status).toBe(403);
    expect((await post(member, { intent: "move-item", itemId: String(standard.id), direction: "down" })).status).toBe(403);
    expect(read<{ n: number }>("select count(*) as n from agenda_items where id = ?", standard.id).n).toBe(1);
    expect((await post(member, { intent: "remove-item", itemId: String(own.id) })).status).toBe(200);
    expect(read<{ n: number }>("select count(*) as n from agenda_items where id = ?", own.id).n).toBe(0);
  });
});
