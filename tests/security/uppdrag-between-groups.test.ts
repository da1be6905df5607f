import Database from "better-sqlite3";
import { sessionCookie } from "../support/collab-client";
import { getPath, postAction } from "../support/form-posts";
import { styrgruppMinutes } from "../support/rights-fixture";
import { startServer, type RunningServer } from "../support/server";

/**
 * Issue 16, "between groups": an uppdrag from the lokal styrgrupp may go to another group of the same
 * agreement (a member of it answers for it) or, by e-mail, to a named person outside the groups. Replayed
 * over HTTP as the meeting page posts it, with what each person then sees and may do, and the refusals
 * (answered next to the field, nothing stored): a group of another agreement, an unknown address, both
 * choices at once.
 */

let server: RunningServer;
let fixture: ReturnType<typeof styrgruppMinutes>;
let chair: string;

function readDb<T>(query: (db: Database.Database) => T): T {
  const db = new Database(server.databasePath, { readonly: true });
  try {
    return query(db);
  } finally {
    db.close();
  }
}

const idOf = (sql: string, ...params: unknown[]) => readDb((db) => (db.prepare(sql).get(...params) as { id: number }).id);
const itemCount = () => readDb((db) => (db.prepare("select count(*) as n from action_items").get() as { n: number }).n);
const item = (title: string) =>
  readDb(
    (db) =>
      db
        .prepare("select id, owner_id as ownerId, assignee_group_id as assigneeGroupId, owner_outside as ownerOutside from action_items where title = ?")
        .get(title) as { id: number; ownerId: number; assigneeGroupId: number | null; ownerOutside: number } | undefined,
  );

/** A member of another group of the Skärholmen agreement than the styrgrupp, who is not in the styrgrupp. */
function otherGroupMember() {
  return readDb(
    (db) =>
      db
        .prepare(
          `select g.id as groupId, g.name as groupName, p.id as personId, p.email from groups g
           join memberships ms on ms.group_id = g.id join people p on p.id = ms.person_id
           where g.agreement_id = (select agreement_id from groups where id = ?) and g.id <> ? and g.active = 1
             and p.id not in (select person_id from memberships where group_id = ?)
           order by g.id, p.id limit 1`,
        )
        .get(fixture.groupId, fixture.groupId, fixture.groupId) as { groupId: number; groupName: string; personId: number; email: string },
  );
}

beforeAll(async () => {
  server = await startServer();
  fixture = styrgruppMinutes(server);
  chair = await sessionCookie(server, "sdd.skarholmen@example.se");
});
afterAll(async () => {
  await server?.stop();
});

const give = (fields: Record<string, string>) =>
  postAction(server, `/moten/${fixture.meetingId}`, chair, { intent: "add-action", dueOn: "2027-03-01", agendaItemId: "", ownerEmail: "", ...fields });

describe("an uppdrag to another group of the agreement", () => {
  it("goes to that group: its member sees it under Mina uppdrag, may change it, and cannot open the styrgrupp's meeting", async () => {
    const other = otherGroupMember();
    const title = "Sammanställ trygghetsvandringarna för styrgruppen";
    const answer = await give({ title, ownerId: `${other.groupId}:${other.personId}` });
    expect(answer.status).toBe(200);
    expect(item(title)).toMatchObject({ ownerId: other.personId, assigneeGroupId: other.groupId, ownerOutside: 0 });

    const member = await sessionCookie(server, other.email);
    const mine = await getPath(server, "/uppdrag", member);
    expect(mine.body).toContain(`data-action-item="${title}"`);
    expect(mine.body).toContain(`till ${other.groupName}`);
    expect(mine.body).not.toContain(`href="/moten/${fixture.meetingId}"`);
    expect((await getPath(server, `/moten/${fixture.meetingId}`, member)).status).toBe(404);
    expect((await postAction(server, "/uppdrag", member, { actionItemId: String(item(title)!.id), status: "pagar" })).status).toBe(200);
    expect(readDb((db) => (db.prepare("select status from action_items where title = ?").get(title) as { status: string }).status)).toBe("pagar");

    // The styrgrupp's page names the group with the responsible person.
    expect((await getPath(server, `/moten/${fixture.meetingId}`, chair)).body).toContain(`(${other.groupName})`);
  });

  it("is refused for a group of another agreement, and for a person who is not in the chosen group; nothing is stored", async () => {
    const before = itemCount();
    const ostermalm = idOf("select id from groups where name like '%Östermalm%' and kind = 'beredningsgrupp'");
    const ostermalmMember = idOf("select person_id as id from memberships where group_id = ? limit 1", ostermalm);
    const foreign = await give({ title: "Fel överenskommelse", ownerId: `${ostermalm}:${ostermalmMember}` });
    expect(foreign.body).toContain("samma överenskommelse");
    const other = otherGroupMember();
    const notInGroup = await give({ title: "Fel person", ownerId: `${other.groupId}:${fixture.chairId}` });
    expect(notInGroup.body).toContain("den grupp som får uppdraget");
    expect(itemCount()).toBe(before);
  });
});

describe("an uppdrag to a named person outside the groups", () => {
  const outsider = "ida.gustafsson@example.se";

  it("reaches them by e-mail address: they see and update it, without access to the meeting", async () => {
    const title = "Bedöm belysningen i gångtunneln";
    expect((await give({ title, ownerId: "", ownerEmail: outsider.toUpperCase() })).status).toBe(200);
    expect(item(title)).toMatchObject({ assigneeGroupId: null, ownerOutside: 1 });
    const person = await sessionCookie(server, outsider);
    const mine = await getPath(server, "/uppdrag", person);
    expect(mine.body).toContain(`data-action-item="${title}"`);
    expect(mine.body).not.toContain(`href="/moten/${fixture.meetingId}"`);
    expect((await getPath(server, `/moten/${fixture.meetingId}`, person)).status).toBe(404);
    expect((await postAction(server, "/uppdrag", person, { actionItemId: String(item(title)!.id), status: "klar" })).status).toBe(200);
    // Audited as given outside the group.
    expect(readDb((db) => db.prepare("select count(*) as n from audit_log where action = 'action_item.assigned_outside'").get())).toMatchObject({ n: 2 });
  });

  it("is refused for an unknown address and for a list choice and an address at once; nothing is stored", async () => {
    const before = itemCount();
    const unknown = await give({ title: "Okänd", ownerId: "", ownerEmail: "ingen.alls@example.se" });
    expect(unknown.body).toContain("Ingen aktiv användare");
    const both = await give({ title: "Båda", ownerId: String(fixture.membership.personId), ownerEmail: outsider });
    expect(both.body).toContain("inte båda");
    const neither = await give({ title: "Ingen", ownerId: "" });
    expect(neither.body).toContain("Välj ansvarig eller ange en e-postadress");
    expect(itemCount()).toBe(before);
  });

  it("cannot be changed by someone who is neither its owner nor runs a group it belongs to", async () => {
    const title = "Bedöm belysningen i gångtunneln";
    const stranger = await sessionCookie(server, "cecilia.wahlberg@example.se");
    expect((await postAction(server, "/uppdrag", stranger, { actionItemId: String(item(title)!.id), status: "pagar" })).status).toBe(404);
  });
});
